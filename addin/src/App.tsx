import { Button, Field, makeStyles, Select, Tab, TabList, Text, tokens } from '@fluentui/react-components';
import { useEffect, useMemo, useRef, useState } from 'react';
import { createApi, PAA_VEGNE_AV_HEADER } from './api/client';
import type { Bruker, Meg } from './api/types';
import { type Lang, STRINGS, I18nContext } from './i18n/strings';
import type { MailboxPort } from './office/port';
import { Arbeidsbord } from './views/Arbeidsbord';
import { Compose } from './views/Compose';
import { ErrorBar, useLoad } from './views/common';
import { Importer } from './views/Importer';
import { JournalpostView } from './views/JournalpostView';
import { recentSaker, type Route } from './views/nav';
import { SakView } from './views/SakView';
import { SignIn } from './views/SignIn';
import type { TokenSource } from './auth/auth';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, padding: tokens.spacingHorizontalM },
  header: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'end', flexWrap: 'wrap', justifyContent: 'space-between' },
  deputy: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
});

/** The whole pane. `port` is the Outlook seam; `baseUrl` the archive API (same origin by default). */
export function App({ port, baseUrl = '' }: { port: MailboxPort; baseUrl?: string }) {
  const [lang, setLang] = useState<Lang>(() => (localStorage.getItem('arkiv.lang') === 'en' ? 'en' : 'nb'));
  const [auth, setAuth] = useState<TokenSource | null>(null);
  const t = STRINGS[lang];
  useEffect(() => {
    localStorage.setItem('arkiv.lang', lang);
    document.documentElement.lang = lang === 'nb' ? 'nb' : 'en';
  }, [lang]);
  return (
    <I18nContext.Provider value={t}>
      {auth ? <Shell port={port} baseUrl={baseUrl} auth={auth} lang={lang} setLang={setLang} onSignOut={() => { auth.signOut(); setAuth(null); }} /> : <SignIn baseUrl={baseUrl} onSignedIn={setAuth} lang={lang} setLang={setLang} />}
    </I18nContext.Provider>
  );
}

export function LangPicker({ lang, setLang }: { lang: Lang; setLang: (l: Lang) => void }) {
  const t = STRINGS[lang];
  return (
    <Field label={t.language}>
      <Select size="small" value={lang} onChange={(_, d) => setLang(d.value as Lang)}>
        <option value="nb">Norsk bokmål</option>
        <option value="en">English</option>
      </Select>
    </Field>
  );
}

function Shell({ port, baseUrl, auth, lang, setLang, onSignOut }: { port: MailboxPort; baseUrl: string; auth: TokenSource; lang: Lang; setLang: (l: Lang) => void; onSignOut: () => void }) {
  const s = useStyles();
  const t = STRINGS[lang];
  // Stedfortreder (§11.3): the desk of the person one deputizes for, sent as a header on every call.
  const [paaVegneAv, setPaaVegneAv] = useState<Bruker | null>(null);
  const deskRef = useRef<Bruker | null>(null);
  deskRef.current = paaVegneAv;
  const api = useMemo(
    () => createApi({ baseUrl, getToken: () => auth.getToken(), extraHeaders: (): Record<string, string> => (deskRef.current ? { [PAA_VEGNE_AV_HEADER]: deskRef.current.systemId } : {}) }),
    [auth, baseUrl],
  );
  const meg = useLoad(() => api.meg(), [api]);
  const kodelister = useLoad(() => api.kodelister(), [api]);
  // The leaders whose desk I may take over today (GET /api/stedfortredere lists both directions).
  const deputyFor = useLoad(async () => {
    const [me, all] = await Promise.all([api.meg(), api.stedfortredere()]);
    const today = new Date().toISOString().slice(0, 10);
    const leaders = all.filter((x) => x.stedfortrederId === me.bruker.systemId && x.fraDato <= today && today <= x.tilDato);
    return [...new Map(leaders.map((x) => [x.lederId, { systemId: x.lederId, brukernavn: x.lederBrukernavn, navn: x.lederNavn } satisfies Bruker])).values()];
  }, [api]);
  // The ribbon button that opened the pane says where to start (manifest.xml: ?view=importer|arbeidsbord).
  const [route, setRoute] = useState<Route>(() => (new URLSearchParams(location.search).get('view') === 'importer' ? { view: 'importer' } : { view: 'arbeidsbord' }));
  const [refreshKey, setRefreshKey] = useState(0);
  const filterRef = useRef<HTMLInputElement | null>(null);

  // DOMAIN.md §6: Ctrl+Shift+D new journalpost in the current sak, Ctrl+Shift+S new sak, F5 refresh, Ctrl+F3 filter.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'F5') {
        e.preventDefault();
        setRefreshKey((k) => k + 1);
      } else if (e.ctrlKey && e.key === 'F3') {
        e.preventDefault();
        if (route.view !== 'arbeidsbord') setRoute({ view: 'arbeidsbord' });
        setTimeout(() => filterRef.current?.focus(), 0);
      } else if (e.ctrlKey && e.shiftKey && e.key.toLowerCase() === 's') {
        e.preventDefault();
        setRoute({ view: 'importer', newSak: true });
      } else if (e.ctrlKey && e.shiftKey && e.key.toLowerCase() === 'd') {
        // The current sak is the one last opened (Siste saksmapper keeps it first).
        e.preventDefault();
        const current = route.view === 'sak' || route.view === 'journalpost' ? recentSaker()[0] : undefined;
        setRoute(current ? { view: 'importer', sak: current } : { view: 'importer' });
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [route.view]);

  if (meg.error) return <ErrorBar error={meg.error} />;
  if (!meg.data) return null;
  const me: Meg = paaVegneAv ? { ...meg.data, bruker: paaVegneAv } : meg.data;
  if (new URLSearchParams(location.search).get('mode') === 'compose') {
    return (
      <main className={s.root}>
        <Text weight="semibold">
          {t.appName} · {meg.data.bruker.navn}
        </Text>
        <Compose api={api} port={port} />
      </main>
    );
  }
  const tab = route.view === 'arbeidsbord' || route.view === 'importer' ? route.view : 'detalj';

  return (
    <main className={s.root}>
      <header className={s.header}>
        <Text weight="semibold">
          {t.appName} · {meg.data.bruker.navn}
          {paaVegneAv ? (
            <span className={s.deputy} data-testid="deputy">
              {' '}
              · {t.onBehalfOf} {paaVegneAv.navn}
            </span>
          ) : null}
        </Text>
        {deputyFor.data?.length ? (
          <Field label={t.stedfortreder}>
            <Select size="small" value={paaVegneAv?.systemId ?? ''} onChange={(_, d) => {
                setPaaVegneAv(deputyFor.data?.find((x) => x.systemId === d.value) ?? null);
                setRoute({ view: 'arbeidsbord' });
                setRefreshKey((k) => k + 1);
              }}
            >
              <option value="">{t.egetBord}</option>
              {deputyFor.data.map((x) => (
                <option key={x.systemId} value={x.systemId}>
                  {x.navn}
                </option>
              ))}
            </Select>
          </Field>
        ) : null}
        <LangPicker lang={lang} setLang={setLang} />
        <Button size="small" onClick={onSignOut}>
          {t.signOut}
        </Button>
      </header>
      <nav aria-label={t.appName}>
        <TabList selectedValue={tab} onTabSelect={(_, d) => d.value !== 'detalj' && setRoute({ view: d.value as 'arbeidsbord' | 'importer' })}>
          <Tab value="arbeidsbord">{t.arbeidsbord}</Tab>
          <Tab value="importer">{t.importer}</Tab>
          {tab === 'detalj' ? <Tab value="detalj">{route.view === 'sak' ? t.sak : t.journalpost}</Tab> : null}
        </TabList>
      </nav>
      {route.view === 'arbeidsbord' ? <Arbeidsbord api={api} meg={me} navigate={setRoute} refreshKey={refreshKey} filterRef={filterRef} /> : null}
      {route.view === 'importer' ? <Importer key={route.sak?.sakId ?? (route.newSak ? 'ny' : 'importer')} api={api} port={port} navigate={setRoute} newSak={route.newSak} preselect={route.sak} /> : null}
      {route.view === 'sak' ? <SakView api={api} sakId={route.sakId} navigate={setRoute} refreshKey={refreshKey} /> : null}
      {route.view === 'journalpost' ? <JournalpostView api={api} port={port} kodelister={kodelister.data} journalpostId={route.journalpostId} navigate={setRoute} refreshKey={refreshKey} /> : null}
    </main>
  );
}
