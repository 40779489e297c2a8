import { Button, Field, Select, Subtitle2 } from '@fluentui/react-components';
import { useState } from 'react';
import { datoI, STANDARD_TIDSSONE } from '@arkiv/shared';
import type { Api } from '../api/client';
import type { KurvElement, LedetEnhet } from '../api/types';
import { useT } from '../i18n/strings';
import { ErrorBar, Loading, useLoad, useStyles } from './common';
import { KurvRad } from './KurvRad';
import type { Navigate } from './nav';

/**
 * Saksfordeling (§6, §10.1): the unit's incoming post that still waits for an answer, each with
 * who has it, passed on to a saksbehandler in the unit (POST …/fordel); and the unit's
 * Dokumenter i arbeid, which the leader may see (§6).
 */
export function Saksfordeling({ api, enhet, navigate }: { api: Api; enhet: LedetEnhet; navigate: Navigate }) {
  const t = useT();
  const s = useStyles();
  const [tick, setTick] = useState(0);
  const enhetId = enhet.enhet.systemId;
  const post = useLoad(async () => {
    const [ubehandlet, forfall] = await Promise.all([api.enhetKurv('ubehandlet', enhetId), api.enhetKurv('forfall', enhetId)]);
    return [...forfall, ...ubehandlet].filter((i) => i.journalposttype === 'I');
  }, [api, enhetId, tick]);
  const dia = useLoad(() => api.enhetKurv('dokumenter_i_arbeid', enhetId), [api, enhetId, tick]);
  const idag = datoI(new Date(), STANDARD_TIDSSONE);

  return (
    <section className={s.stack} aria-labelledby="fordeling-h">
      <Subtitle2 as="h3" id="fordeling-h">
        {t.leder.fordeling}
      </Subtitle2>
      <p className={s.muted}>{t.leder.fordelingTekst}</p>
      {post.loading && !post.data ? <Loading /> : null}
      <ErrorBar error={post.error} />
      {post.data?.length === 0 ? <p className={s.muted}>{t.leder.ingenPost}</p> : null}
      <ul className={s.list} aria-label={t.leder.fordeling}>
        {(post.data ?? []).map((i) => (
          <li key={i.systemId}>
            <Fordel api={api} item={i} enhet={enhet} idag={idag} navigate={navigate} onFordelt={() => setTick((x) => x + 1)} />
          </li>
        ))}
      </ul>
      <Subtitle2 as="h3" id="dia-enhet-h">
        {t.leder.diaEnhet}
      </Subtitle2>
      <ErrorBar error={dia.error} />
      {dia.data?.length === 0 ? <p className={s.muted}>{t.empty}</p> : null}
      <ul className={s.list} aria-labelledby="dia-enhet-h">
        {(dia.data ?? []).map((i) => (
          <li key={i.systemId}>
            <KurvRad item={i} idag={idag} onOpen={() => navigate({ view: 'journalpost', journalpostId: i.systemId })} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function Fordel({ api, item, enhet, idag, navigate, onFordelt }: { api: Api; item: KurvElement; enhet: LedetEnhet; idag: string; navigate: Navigate; onFordelt: () => void }) {
  const t = useT();
  const s = useStyles();
  const [til, setTil] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const fordel = async () => {
    setError(null);
    setBusy(true);
    try {
      await api.fordel(item.systemId, { saksbehandlerId: til });
      onFordelt();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className={s.stack} role="group" aria-label={`${item.nummer} ${item.tittel}`}>
      <KurvRad item={item} idag={idag} onOpen={() => navigate({ view: 'journalpost', journalpostId: item.systemId })} />
      <div className={s.row}>
        <Field label={t.leder.fordelTil}>
          <Select size="small" value={til} onChange={(_, d) => setTil(d.value)}>
            <option value="">{t.leder.velgBruker}</option>
            {enhet.brukere
              .filter((b) => b.navn !== item.hos)
              .map((b) => (
                <option key={b.systemId} value={b.systemId}>
                  {b.navn}
                </option>
              ))}
          </Select>
        </Field>
        <Button size="small" disabled={!til || busy} onClick={() => void fordel()}>
          {t.leder.fordel}
        </Button>
      </div>
      <ErrorBar error={error} />
    </div>
  );
}
