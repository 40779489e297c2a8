import { Button, Field, makeStyles, mergeClasses, Select, Text, tokens } from '@fluentui/react-components';
import { Fragment, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { datoI, STANDARD_TIDSSONE } from '@arkiv/shared';
import { createApi, PAA_VEGNE_AV_HEADER } from './api/client';
import type { Bruker, Meg } from './api/types';
import { type Lang, STRINGS, I18nContext } from './i18n/strings';
import type { MailboxPort } from './office/port';
import { Arbeidsbord, kurverFraStart } from './views/Arbeidsbord';
import { ErrorBar, Loading, useLoad } from './views/common';
// Every view but the first screen is its own chunk, fetched when first shown.
import { Arkivbord, Compose, Finn, Importer, JournalpostView, Leder, Registrer, SakView } from './views/lazy';
import { recentSaker, type Route } from './views/nav';
import { SignIn } from './views/SignIn';
import { useArkivT } from './views/arkiv/strings';
import { SendteSvar } from './views/SvarMedEpost';
import { usePaneT } from './views/pane.strings';
import type { TokenSource } from './auth/auth';

const useStyles = makeStyles({
  // minWidth 0: no child (a long title, a table) may widen the pane past Outlook's 320 px.
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    minWidth: 0,
    maxWidth: '100%',
    boxSizing: 'border-box',
    overflowWrap: 'anywhere',
    // A select is as wide as its longest option (a sak's title): in the pane it shrinks to fit instead.
    '& .fui-Select': { maxWidth: '100%', minWidth: 0 },
    '& select': { maxWidth: '100%', minWidth: 0, textOverflow: 'ellipsis' },
    '& .fui-Field': { maxWidth: '100%', minWidth: 0 },
    '& .fui-Input': { maxWidth: '100%', minWidth: 0 },
  },
  header: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'end', flexWrap: 'wrap', justifyContent: 'space-between' },
  deputy: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
  // The views as a list of buttons (navigation, not tabs over panels): they wrap at 320 px.
  nav: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS },
  current: { fontWeight: tokens.fontWeightSemibold, borderBottom: `${tokens.strokeWidthThick} solid ${tokens.colorCompoundBrandStroke}`, borderRadius: 0 },
});

/** The views the menu leads to (a sak and a journalpost are opened from them). */
type MenuView = 'arbeidsbord' | 'importer' | 'finn' | 'leder' | 'arkiv' | 'registrer';

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
  const at = useArkivT();
  const pt = usePaneT();
  // Stedfortreder (§11.3): the desk of the person one deputizes for, sent as a header on every call.
  const [paaVegneAv, setPaaVegneAv] = useState<Bruker | null>(null);
  const deskRef = useRef<Bruker | null>(null);
  deskRef.current = paaVegneAv;
  const api = useMemo(
    () => createApi({ baseUrl, getToken: () => auth.getToken(), extraHeaders: (): Record<string, string> => (deskRef.current ? { [PAA_VEGNE_AV_HEADER]: deskRef.current.systemId } : {}) }),
    [auth, baseUrl],
  );
  // The ribbon button that opened the pane says where to start (manifest.xml: ?view=importer|arbeidsbord).
  const [route, setRoute] = useState<Route>(() => (new URLSearchParams(location.search).get('view') === 'importer' ? { view: 'importer' } : { view: 'arbeidsbord' }));
  // Who I am and, when the pane opens on the desk, its counts: asked for together.
  const megNaa = useMemo(() => api.meg(), [api]);
  const [hentKurver] = useState(() => (route.view === 'arbeidsbord' ? kurverFraStart(api) : undefined));
  const meg = useLoad(() => megNaa, [megNaa]);
  const kodelister = useLoad(() => api.kodelister(), [api]);
  // The leaders whose desk I may take over today (GET /api/stedfortredere lists both directions).
  const deputyFor = useLoad(async () => {
    const [me, all] = await Promise.all([megNaa, api.stedfortredere()]);
    // The archive's calendar day (Norway), as the server checks it, whatever the browser's zone.
    const today = datoI(new Date(), STANDARD_TIDSSONE);
    const leaders = all.filter((x) => x.stedfortrederId === me.bruker.systemId && x.fraDato <= today && today <= x.tilDato);
    return [...new Map(leaders.map((x) => [x.lederId, { systemId: x.lederId, brukernavn: x.lederBrukernavn, navn: x.lederNavn } satisfies Bruker])).values()];
  }, [api, megNaa]);
  // The units the desk's owner leads (a deputy has the leader's): the Leder tab is there when any.
  const ledet = useLoad(() => api.enheterLedet(), [api, paaVegneAv]);
  // Every navigation opens the view afresh (also the one already open), so focus goes to its heading.
  const [visit, setVisit] = useState(0);
  const navigate = useCallback((next: Route) => {
    setRoute(next);
    setVisit((v) => v + 1);
  }, []);
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
        if (route.view !== 'arbeidsbord') navigate({ view: 'arbeidsbord' });
        setTimeout(() => filterRef.current?.focus(), 0);
      } else if (e.ctrlKey && e.shiftKey && e.key.toLowerCase() === 's') {
        e.preventDefault();
        navigate({ view: 'importer', newSak: true });
      } else if (e.ctrlKey && e.shiftKey && e.key.toLowerCase() === 'd') {
        // The current sak is the one last opened (Siste saksmapper keeps it first).
        e.preventDefault();
        const current = route.view === 'sak' || route.view === 'journalpost' ? recentSaker()[0] : undefined;
        navigate(current ? { view: 'importer', sak: current } : { view: 'importer' });
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [route.view]);

  if (meg.error) return <ErrorBar error={meg.error} />;
  if (!meg.data) return <main className={s.root}><Loading /></main>;
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
  const tab = route.view === 'arbeidsbord' || route.view === 'importer' || route.view === 'finn' || route.view === 'leder' || route.view === 'arkiv' || route.view === 'registrer' ? route.view : 'detalj';
  // The archive and the dokumentsenter (§3.1, §5) have their own desk and register paper post.
  const arkivet = meg.data.roller.some((r) => r.rolle === 'ARK' || r.rolle === 'DOK');
  const menu: (readonly [MenuView, string])[] = [
    ['arbeidsbord', t.arbeidsbord],
    ['importer', t.importer],
    ['finn', t.finn.fane],
    ...(ledet.data?.length ? ([['leder', t.leder.fane]] as const) : []),
    ...(arkivet ? ([['arkiv', at.arkivbord], ['registrer', at.registrer]] as const) : []),
  ];

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
                navigate({ view: 'arbeidsbord' });
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
      <nav aria-label={pt.meny}>
        <ul className={s.nav}>
          {menu.map(([view, label]) => (
            <li key={view}>
              <Button appearance="subtle" size="small" className={mergeClasses(tab === view && s.current)} aria-current={tab === view ? 'page' : undefined} onClick={() => navigate({ view })}>
                {label}
              </Button>
            </li>
          ))}
        </ul>
      </nav>
      <SendteSvar api={api} port={port} navigate={navigate} />
      <Fragment key={visit}>
        {route.view === 'arbeidsbord' ? <Arbeidsbord api={api} {...(paaVegneAv || !hentKurver ? {} : { hentKurver })} meg={me} navigate={navigate} refreshKey={refreshKey} filterRef={filterRef} /> : null}
        {route.view === 'importer' ? <Importer key={route.sak?.sakId ?? (route.newSak ? 'ny' : 'importer')} api={api} port={port} navigate={navigate} newSak={route.newSak} preselect={route.sak} /> : null}
        {route.view === 'sak' ? <SakView api={api} sakId={route.sakId} navigate={navigate} refreshKey={refreshKey} /> : null}
        {route.view === 'finn' ? <Finn api={api} navigate={navigate} /> : null}
        {route.view === 'leder' && ledet.data ? <Leder key={paaVegneAv?.systemId ?? 'eget'} api={api} meg={meg.data} enheter={ledet.data} deputy={paaVegneAv !== null} navigate={navigate} /> : null}
        {route.view === 'arkiv' ? <Arkivbord api={api} navigate={navigate} refreshKey={refreshKey} /> : null}
        {route.view === 'registrer' ? <Registrer api={api} port={port} kodelister={kodelister.data} navigate={navigate} /> : null}
        {route.view === 'journalpost' ? <JournalpostView api={api} port={port} kodelister={kodelister.data} journalpostId={route.journalpostId} navigate={navigate} refreshKey={refreshKey} /> : null}
      </Fragment>
    </main>
  );
}
