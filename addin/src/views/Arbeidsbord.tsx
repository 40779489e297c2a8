import { Badge, Button, Input, Link, Subtitle2, ToggleButton } from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';
import type { Api } from '../api/client';
import type { KurvElement, KurvKode, Meg } from '../api/types';
import { useT } from '../i18n/strings';
import { ErrorBar, isNotAvailable, Loading, useLoad, useStyles } from './common';
import { type Navigate, recentSaker } from './nav';

export const KURVER: readonly KurvKode[] = ['UBEHANDLET', 'FORFALL', 'I_ARBEID', 'MOTTATTE_OPPGAVER', 'SENDT_TIL_GODKJENNING', 'MOTTATT_FOR_GODKJENNING', 'KOPIER', 'OBS_SAKER', 'MINE_SAKER', 'SISTE_SAKER'];
const POLL_MS = 30_000;

/**
 * All kurver with counts (DOMAIN.md §5), refreshed by F5 (`refreshKey`) and polled so the desk
 * stays current without reloading. Until the server's kurver endpoint exists, Mine saker and
 * Siste saksmapper are counted from what the server has, the others show as unavailable.
 */
export function Arbeidsbord({ api, meg, navigate, refreshKey, filterRef }: { api: Api; meg: Meg; navigate: Navigate; refreshKey: number; filterRef: React.RefObject<HTMLInputElement | null> }) {
  const t = useT();
  const s = useStyles();
  const [open, setOpen] = useState<KurvKode | null>(null);
  const [filter, setFilter] = useState('');
  const counts = useLoad(async () => {
    try {
      const list = await api.kurver();
      return { server: true, counts: new Map(list.map((k) => [k.kurv, k.antall])) };
    } catch (err) {
      if (!isNotAvailable(err)) throw err;
      const mine = await api.listSaker({ saksansvarligId: meg.bruker.systemId, limit: 1 });
      return { server: false, counts: new Map<KurvKode, number>([['MINE_SAKER', mine.total], ['SISTE_SAKER', recentSaker().length]]) };
    }
  }, [refreshKey, meg.bruker.systemId]);
  const reload = counts.reload;
  useEffect(() => {
    const timer = setInterval(reload, POLL_MS);
    return () => clearInterval(timer);
  }, [reload]);

  return (
    <section className={s.stack} aria-labelledby="arbeidsbord-h">
      <div className={s.row}>
        <Subtitle2 as="h2" id="arbeidsbord-h">
          {t.arbeidsbord}
        </Subtitle2>
        <Button size="small" onClick={reload}>
          {t.refresh}
        </Button>
      </div>
      {counts.loading && !counts.data ? <Loading /> : null}
      <ErrorBar error={counts.error} />
      <ul className={s.list} aria-label={t.arbeidsbord}>
        {KURVER.map((k) => {
          const n = counts.data?.counts.get(k);
          return (
            <li key={k}>
              <ToggleButton appearance="subtle" checked={open === k} aria-expanded={open === k} onClick={() => setOpen(open === k ? null : k)} data-kurv={k}>
                {t.kurver[k]}&nbsp;
                <Badge appearance="tint" aria-label={n === undefined ? t.notAvailable : String(n)}>
                  {n === undefined ? '–' : n}
                </Badge>
              </ToggleButton>
              {open === k ? (
                <>
                  <Input ref={filterRef} size="small" aria-label={t.filter} placeholder={t.filter} value={filter} onChange={(_, d) => setFilter(d.value)} />
                  <KurvListe api={api} meg={meg} kurv={k} filter={filter} navigate={navigate} refreshKey={refreshKey} serverKurver={counts.data?.server ?? false} />
                </>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function KurvListe({ api, meg, kurv, filter, navigate, refreshKey, serverKurver }: { api: Api; meg: Meg; kurv: KurvKode; filter: string; navigate: Navigate; refreshKey: number; serverKurver: boolean }) {
  const t = useT();
  const s = useStyles();
  const items = useLoad<KurvElement[]>(async () => {
    if (serverKurver) return (await api.kurv(kurv, { limit: 200 })).items;
    if (kurv === 'MINE_SAKER') return (await api.listSaker({ saksansvarligId: meg.bruker.systemId, limit: 200 })).items.map((x) => ({ sakId: x.systemId, saksnummer: x.saksnummer, tittel: x.tittel }));
    if (kurv === 'SISTE_SAKER') return recentSaker().map((x) => ({ sakId: x.sakId, saksnummer: x.saksnummer, tittel: x.tittel }));
    return api.kurv(kurv).then((p) => p.items);
  }, [kurv, refreshKey, serverKurver]);
  const f = filter.trim().toLowerCase();
  const shown = (items.data ?? []).filter((i) => !f || `${i.saksnummer ?? ''} ${i.registreringsId ?? ''} ${i.tittel}`.toLowerCase().includes(f));
  if (items.loading) return <Loading />;
  if (items.error) return <ErrorBar error={items.error} />;
  if (shown.length === 0) return <p className={s.muted}>{t.empty}</p>;
  return (
    <ul className={s.list} aria-label={t.kurver[kurv]}>
      {shown.map((i) => (
        <li key={i.oppgaveId ?? i.journalpostId ?? i.sakId}>
          <Link onClick={() => (i.journalpostId ? navigate({ view: 'journalpost', journalpostId: i.journalpostId }) : i.sakId ? navigate({ view: 'sak', sakId: i.sakId }) : undefined)}>
            {i.registreringsId ?? i.saksnummer} {i.tittel}
          </Link>
        </li>
      ))}
    </ul>
  );
}
