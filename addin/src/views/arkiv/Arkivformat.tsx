import { Badge, Button, Link, MessageBar, MessageBarBody } from '@fluentui/react-components';
import { useState } from 'react';
import { ErrorBar, Loading, useLoad, useStyles } from '../common';
import type { Navigate } from '../nav';
import type { ArkivApi, ArkivformatJobbView } from './api';
import { useArkivT } from './strings';

/**
 * The archive desk's check of archive formats (§5): documents whose conversion to PDF/A failed,
 * with the reason, each of which can be tried again, and those still waiting. Only numbers
 * identify a record here (a title may be screened from the reader); "Åpne" shows the record.
 */
export function Arkivformat({ ark, navigate, refreshKey, onChanged }: { ark: ArkivApi; navigate: Navigate; refreshKey: number; onChanged?: () => void }) {
  const a = useArkivT();
  const s = useStyles();
  const [tick, setTick] = useState(0);
  const feilet = useLoad(() => ark.arkivformat('FEILET'), [ark, refreshKey, tick]);
  const venter = useLoad(() => ark.arkivformat('VENTER'), [ark, refreshKey, tick]);
  const [melding, setMelding] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const provIgjen = async (d: ArkivformatJobbView) => {
    setError(null);
    setMelding('');
    setBusy(d.dokumentId);
    try {
      await ark.nyttForsoek(d.dokumentId);
      setMelding(a.provesIgjen(d.journalnummer));
      setTick((x) => x + 1);
      onChanged?.();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };
  const nr = (d: ArkivformatJobbView) => a.dokumentNr(d.journalnummer, d.dokumentnummer, d.versjonsnummer);
  const aapne = (d: ArkivformatJobbView) => (
    <Link onClick={() => navigate({ view: 'journalpost', journalpostId: d.journalpostId })} aria-label={`${a.aapne} ${d.journalnummer}`}>
      {a.aapne}
    </Link>
  );

  return (
    <div className={s.stack}>
      <div role="status" aria-live="polite">
        {melding ? (
          <MessageBar intent="success">
            <MessageBarBody>{melding}</MessageBarBody>
          </MessageBar>
        ) : null}
      </div>
      <ErrorBar error={error ?? feilet.error ?? venter.error} />
      {feilet.data && !feilet.data.libreoffice ? (
        <MessageBar intent="warning">
          <MessageBarBody>{a.ingenLibreoffice}</MessageBarBody>
        </MessageBar>
      ) : null}
      {feilet.loading && !feilet.data ? <Loading /> : null}
      <h4 className={s.muted}>{a.arkivformatFeilet}</h4>
      {feilet.data && feilet.data.dokumenter.length === 0 ? <p className={s.muted}>{a.ingenFeilet}</p> : null}
      <ul className={s.list} aria-label={a.arkivformatFeilet}>
        {(feilet.data?.dokumenter ?? []).map((d) => (
          <li key={`${d.dokumentId}-${d.versjonsnummer}`} data-dokument={d.dokumentId}>
            <div>{nr(d)}</div>
            <div className={s.muted}>
              {d.feil} · {a.forsoek(d.forsoek)}
            </div>
            <div className={s.row}>
              {aapne(d)}
              <Button size="small" disabled={busy === d.dokumentId} onClick={() => void provIgjen(d)} aria-label={a.provIgjenFor(d.journalnummer, d.dokumentnummer)}>
                {a.provIgjen}
              </Button>
            </div>
          </li>
        ))}
      </ul>
      <h4 className={s.muted}>
        {a.arkivformatVenter}&nbsp;<Badge appearance="tint">{venter.data?.dokumenter.length ?? '–'}</Badge>
      </h4>
      {venter.data && venter.data.dokumenter.length === 0 ? <p className={s.muted}>{a.ingenVenter}</p> : null}
      <ul className={s.list} aria-label={a.arkivformatVenter}>
        {(venter.data?.dokumenter ?? []).map((d) => (
          <li key={`${d.dokumentId}-${d.versjonsnummer}`} data-dokument={d.dokumentId}>
            <div>{nr(d)}</div>
            <div className={s.muted}>
              {[d.feil, d.forsoek ? a.forsoek(d.forsoek) : null, d.nesteForsoek ? a.nesteForsoek(new Date(d.nesteForsoek).toLocaleString('nb-NO', { timeZone: 'Europe/Oslo', dateStyle: 'short', timeStyle: 'short' })) : null].filter(Boolean).join(' · ')}
            </div>
            {aapne(d)}
          </li>
        ))}
      </ul>
    </div>
  );
}
