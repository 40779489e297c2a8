import { Button, makeStyles, Spinner, Subtitle1, Text, tokens } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { createApi } from '../api/client';
import type { DevBruker } from '../api/types';
import { devTokenSource, isDevServer, msalTokenSource, storedDevToken, type TokenSource } from '../auth/auth';
import { LangPicker } from '../App';
import { type Lang, STRINGS } from '../i18n/strings';
import { ErrorBar } from './common';

const useStyles = makeStyles({ root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, padding: tokens.spacingHorizontalM }, list: { listStyleType: 'none', padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS } });

/** Dev server: a user picker. Otherwise MSAL (NAA inside Outlook, popup fallback). */
export function SignIn({ baseUrl, onSignedIn, lang, setLang }: { baseUrl: string; onSignedIn: (a: TokenSource) => void; lang: Lang; setLang: (l: Lang) => void }) {
  const t = STRINGS[lang];
  const s = useStyles();
  const [dev, setDev] = useState<DevBruker[] | null | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);
  const api = createApi({ baseUrl, getToken: async () => null });
  useEffect(() => {
    void (async () => {
      if (await isDevServer(baseUrl)) {
        const stored = storedDevToken();
        if (stored) return onSignedIn(devTokenSource(stored));
        setDev(await api.devBrukere());
      } else setDev(null);
    })().catch(setError);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [baseUrl]);

  const devLogin = async (brukernavn: string) => {
    try {
      onSignedIn(devTokenSource((await api.devLogin(brukernavn)).token));
    } catch (e) {
      setError(e);
    }
  };
  const msalLogin = async () => {
    try {
      const clientId = import.meta.env.VITE_ARKIV_CLIENT_ID;
      const scope = import.meta.env.VITE_ARKIV_API_SCOPE;
      if (!clientId || !scope) throw new Error('VITE_ARKIV_CLIENT_ID og VITE_ARKIV_API_SCOPE mangler i bygget (se docs/addin.md)');
      const naaSupported = typeof Office !== 'undefined' && !!Office.context?.requirements?.isSetSupported('NestedAppAuth', '1.1');
      const source = await msalTokenSource({ clientId, scope, naaSupported, ...(import.meta.env.VITE_ARKIV_AUTHORITY ? { authority: import.meta.env.VITE_ARKIV_AUTHORITY } : {}) });
      await source.getToken();
      onSignedIn(source);
    } catch (e) {
      setError(e);
    }
  };

  return (
    <main className={s.root}>
      <Subtitle1 as="h1">{t.appName}</Subtitle1>
      <LangPicker lang={lang} setLang={setLang} />
      {dev === undefined ? <Spinner size="tiny" label={t.signingIn} /> : null}
      {dev ? (
        <section aria-labelledby="dev-h">
          <Text as="h2" id="dev-h" weight="semibold">
            {t.devMode}
          </Text>
          <ul className={s.list}>
            {dev.map((b) => (
              <li key={b.brukernavn}>
                <Button onClick={() => void devLogin(b.brukernavn)} data-brukernavn={b.brukernavn}>
                  {t.signInAs} {b.navn} ({b.roller.join(', ')})
                </Button>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {dev === null ? (
        <Button appearance="primary" onClick={() => void msalLogin()}>
          {t.signIn}
        </Button>
      ) : null}
      <ErrorBar error={error} />
    </main>
  );
}
