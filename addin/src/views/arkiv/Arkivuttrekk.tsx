import { Badge, Button, Field, MessageBar, MessageBarBody, ProgressBar, Select } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { ErrorBar, useLoad, useStyles } from '../common';
import type { ArkivApi, UttrekkJobbView } from './api';
import { useArkivT } from './strings';

const AKTIV = new Set(['VENTER', 'KJOERER']);

/**
 * Arkivuttrekk for the archive manager (Noark 5 deposit of one arkivdel): choose the arkivdel,
 * start the job, follow its progress (polled while it runs), and download the finished package
 * as one tar file.
 */
export function Arkivuttrekk({ ark }: { ark: ArkivApi }) {
  const a = useArkivT();
  const s = useStyles();
  const deler = useLoad(() => ark.uttrekkArkivdeler(), [ark]);
  const [tick, setTick] = useState(0);
  const jobber = useLoad(() => ark.uttrekk(), [ark, tick]);
  const [arkivdel, setArkivdel] = useState('');
  const [melding, setMelding] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const tittel = (id: string) => deler.data?.find((d) => d.systemId === id)?.tittel ?? id;
  const dato = (iso: string) => new Date(iso).toLocaleString('nb-NO', { timeZone: 'Europe/Oslo', dateStyle: 'short', timeStyle: 'short' });

  // Follow a running job: its row moves per batch written.
  const kjoerer = (jobber.data ?? []).some((j) => AKTIV.has(j.status));
  useEffect(() => {
    if (!kjoerer) return;
    const t = setTimeout(() => setTick((x) => x + 1), 1000);
    return () => clearTimeout(t);
  }, [kjoerer, jobber.data]);

  const bestill = async () => {
    setError(null);
    setMelding('');
    setBusy(true);
    try {
      await ark.bestillUttrekk(arkivdel);
      setMelding(a.uttrekkBestilt(tittel(arkivdel)));
      setTick((x) => x + 1);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const lastNed = async (j: UttrekkJobbView) => {
    setError(null);
    try {
      const blob = await ark.uttrekkPakke(j.id);
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = `arkivuttrekk-${j.id}.tar`;
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (e) {
      setError(e);
    }
  };

  return (
    <div className={s.stack}>
      <div role="status" aria-live="polite">
        {melding ? (
          <MessageBar intent="success">
            <MessageBarBody>{melding}</MessageBarBody>
          </MessageBar>
        ) : null}
      </div>
      <ErrorBar error={error ?? deler.error ?? jobber.error} />
      <Field label={a.velgArkivdel} required>
        <Select value={arkivdel} onChange={(_, d) => setArkivdel(d.value)}>
          <option value="">–</option>
          {(deler.data ?? []).map((d) => (
            <option key={d.systemId} value={d.systemId}>
              {d.tittel}
              {d.skrivebeskyttet ? ` (${a.historisk})` : ''}
            </option>
          ))}
        </Select>
      </Field>
      <div className={s.row}>
        <Button appearance="primary" disabled={!arkivdel || busy} onClick={() => void bestill()}>
          {a.lagUttrekk}
        </Button>
      </div>
      <ul className={s.list} aria-label={a.uttrekkListe}>
        {(jobber.data ?? []).map((j) => (
          <li key={j.id} data-uttrekk={j.id} className={s.stack}>
            <div>
              {tittel(j.arkivdelId)} · {dato(j.opprettet)}{' '}
              <Badge appearance="tint" color={j.status === 'FERDIG' ? 'success' : j.status === 'FEILET' ? 'danger' : 'informative'} data-status={j.status}>
                {a.uttrekkStatus[j.status]}
              </Badge>
            </div>
            {j.journalposterTotalt > 0 || AKTIV.has(j.status) ? (
              <>
                <ProgressBar value={j.journalposterTotalt ? j.journalposterSkrevet / j.journalposterTotalt : undefined} aria-label={a.uttrekkFramdrift(j.journalposterSkrevet, j.journalposterTotalt)} />
                <span className={s.muted}>{a.uttrekkFramdrift(j.journalposterSkrevet, j.journalposterTotalt)}</span>
              </>
            ) : null}
            {j.feil ? <span className={s.muted}>{j.feil}</span> : null}
            {j.status === 'FERDIG' ? (
              <div className={s.row}>
                <Button size="small" onClick={() => void lastNed(j)} aria-label={a.lastNedPakkeFor(tittel(j.arkivdelId), dato(j.opprettet))}>
                  {a.lastNedPakke}
                </Button>
              </div>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
