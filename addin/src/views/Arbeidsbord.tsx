import { Badge, Button, Input, ToggleButton } from '@fluentui/react-components';
import { datoI, STANDARD_TIDSSONE } from '@arkiv/shared';
import { useEffect, useRef, useState } from 'react';
import type { Api } from '../api/client';
import { KURVER, type Kurv, type KurvElement, type KurvTelling, type Meg } from '../api/types';
import { useT } from '../i18n/strings';
import { ErrorBar, Loading, useLoad, useStyles } from './common';
import { KurvRad } from './KurvRad';
import type { Navigate } from './nav';
import { ViewHeading } from './shell';

const POLL_MS = 30_000;

/**
 * The desk's counts asked for as the shell starts, beside its own first requests rather than
 * after them: the first load takes that answer, every later one asks again.
 */
export function kurverFraStart(api: Api): () => Promise<KurvTelling[]> {
  let forste: Promise<KurvTelling[]> | null = api.kurver();
  forste.catch(() => undefined);
  return () => {
    const p = forste ?? api.kurver();
    forste = null;
    return p;
  };
}

/**
 * All kurver with the server's counts (DOMAIN.md §5; GET /api/kurver), refreshed by F5
 * (`refreshKey`) and polled so the desk stays current without reloading. For a stedfortreder
 * the server answers for the leader's desk (the header the shell sends).
 */
export function Arbeidsbord({ api, hentKurver, navigate, refreshKey, filterRef }: { api: Api; hentKurver?: () => Promise<KurvTelling[]>; meg: Meg; navigate: Navigate; refreshKey: number; filterRef: React.RefObject<HTMLInputElement | null> }) {
  const t = useT();
  const s = useStyles();
  const [open, setOpen] = useState<Kurv | null>(null);
  const [filter, setFilter] = useState('');
  const counts = useLoad(async () => new Map((await (hentKurver ?? api.kurver)()).map((k) => [k.kurv, k.antall])), [api, hentKurver, refreshKey]);
  const reload = counts.reload;
  useEffect(() => {
    const timer = setInterval(reload, POLL_MS);
    return () => clearInterval(timer);
  }, [reload]);

  return (
    <section className={s.stack} aria-labelledby="arbeidsbord-h">
      <div className={s.row}>
        <ViewHeading id="arbeidsbord-h">
          {t.arbeidsbord}
        </ViewHeading>
        <Button size="small" onClick={reload}>
          {t.refresh}
        </Button>
      </div>
      {counts.loading && !counts.data ? <Loading /> : null}
      <ErrorBar error={counts.error} />
      <ul className={s.list} aria-label={t.arbeidsbord}>
        {KURVER.map((k) => {
          const n = counts.data?.get(k);
          return (
            <li key={k}>
              <ToggleButton appearance="subtle" checked={open === k} aria-expanded={open === k} onClick={() => setOpen(open === k ? null : k)} data-kurv={k}>
                {t.kurver[k]}&nbsp;
                <Badge appearance="tint">
                  {n === undefined ? '–' : n}
                </Badge>
              </ToggleButton>
              {open === k ? (
                <>
                  <Input ref={filterRef} size="small" aria-label={t.filter} placeholder={t.filter} value={filter} onChange={(_, d) => setFilter(d.value)} />
                  <KurvListe api={api} kurv={k} filter={filter} navigate={navigate} refreshKey={refreshKey} />
                </>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function KurvListe({ api, kurv, filter, navigate, refreshKey }: { api: Api; kurv: Kurv; filter: string; navigate: Navigate; refreshKey: number }) {
  const t = useT();
  const s = useStyles();
  const items = useLoad<KurvElement[]>(() => api.kurv(kurv), [api, kurv, refreshKey]);
  const f = filter.trim().toLowerCase();
  const shown = (items.data ?? []).filter((i) => !f || `${i.nummer} ${i.tittel}`.toLowerCase().includes(f));
  if (items.loading && !items.data) return <Loading />;
  if (items.error) return <ErrorBar error={items.error} />;
  if (shown.length === 0) return <p className={s.muted}>{t.empty}</p>;
  // An oppgave opens the journalpost (or sak) it is about, where it is answered (§12.1 Behandle oppgave).
  const open = async (i: KurvElement) => {
    if (i.type === 'sak') return navigate({ view: 'sak', sakId: i.systemId });
    if (i.type === 'journalpost') return navigate({ view: 'journalpost', journalpostId: i.systemId });
    const o = await api.getOppgave(i.systemId);
    if (o.journalpostId) navigate({ view: 'journalpost', journalpostId: o.journalpostId });
    else if (o.sakId) navigate({ view: 'sak', sakId: o.sakId });
  };
  const idag = datoI(new Date(), STANDARD_TIDSSONE);
  return (
    <ul className={s.list} aria-label={t.kurver[kurv]}>
      {shown.map((i) => (
        <li key={`${i.type}-${i.systemId}`}>
          <KurvRad item={i} idag={idag} onOpen={() => void open(i)} />
        </li>
      ))}
    </ul>
  );
}
