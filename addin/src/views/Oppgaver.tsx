import { Button, Field, Input, Select, Subtitle2, Textarea } from '@fluentui/react-components';
import { useState } from 'react';
import type { Api } from '../api/client';
import type { JournalpostView, Kodelister, Oppgave } from '../api/types';
import { useT } from '../i18n/strings';
import { ErrorBar, useLoad, useStyles } from './common';

/**
 * Oppgaver (§12.1) and approval (§10.6, §11.2): send (type, receivers, merknad), answer with
 * the type's answers, deactivate, remove from basket; a leader may add a new version first.
 */
export function Oppgaver({ api, jp, kodelister, refreshKey, onChanged }: { api: Api; jp: JournalpostView; kodelister: Kodelister | undefined; refreshKey: number; onChanged: () => void }) {
  const t = useT();
  const s = useStyles();
  const list = useLoad(() => api.oppgaver(jp.systemId), [jp.systemId, refreshKey]);
  const typer = kodelister?.oppgavetype ?? [];
  const [type, setType] = useState('GODKJENNING');
  const [mottakere, setMottakere] = useState('');
  const [merknad, setMerknad] = useState('');
  const [error, setError] = useState<unknown>(null);
  const act = async (fn: () => Promise<unknown>) => {
    setError(null);
    try {
      await fn();
      onChanged();
      list.reload();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <section className={s.section} aria-labelledby="oppgaver-h">
      <Subtitle2 as="h3" id="oppgaver-h">
        {t.oppgaver}
      </Subtitle2>
      <ErrorBar error={list.error} />
      <ul className={s.list} aria-label={t.oppgaver}>
        {(list.data ?? []).map((o) => (
          <OppgaveRad key={o.systemId} api={api} oppgave={o} hoveddokumentId={jp.dokumenter.find((d) => d.tilknyttetRegistreringSom === 'H')?.systemId} svar={typer.find((x) => x.kode === o.oppgavetype)?.svar ?? []} act={act} />
        ))}
      </ul>
      <div className={s.stack} role="group" aria-label={t.sendOppgave}>
        <Field label={t.oppgavetype}>
          <Select value={type} onChange={(_, d) => setType(d.value)}>
            {typer.map((x) => (
              <option key={x.kode} value={x.kode}>
                {x.navn}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t.mottakere}>
          <Input value={mottakere} onChange={(_, d) => setMottakere(d.value)} />
        </Field>
        <Field label={t.merknad}>
          <Textarea value={merknad} onChange={(_, d) => setMerknad(d.value)} />
        </Field>
        <Button
          disabled={!mottakere.trim()}
          onClick={() =>
            void act(() =>
              api.sendOppgave(jp.systemId, { oppgavetype: type, mottakere: mottakere.split(',').map((m) => m.trim()).filter(Boolean), ...(merknad.trim() ? { merknad: merknad.trim() } : {}) }),
            )
          }
        >
          {t.sendOppgave}
        </Button>
      </div>
      <ErrorBar error={error} />
    </section>
  );
}

function OppgaveRad({ api, oppgave, hoveddokumentId, svar, act }: { api: Api; oppgave: Oppgave; hoveddokumentId: string | undefined; svar: readonly string[]; act: (fn: () => Promise<unknown>) => Promise<void> }) {
  const t = useT();
  const s = useStyles();
  const [valgt, setValgt] = useState(svar[0] ?? '');
  const [fil, setFil] = useState<File | null>(null);
  const can = (a: string) => oppgave.abilities?.[a] !== false;
  return (
    <li style={oppgave.aktiv ? undefined : { textDecoration: 'line-through' }}>
      {oppgave.tittel} – {oppgave.fra.navn} → {oppgave.til.navn} {oppgave.merknad ? `: ${oppgave.merknad}` : ''} {oppgave.svar ? `(${oppgave.svar})` : ''}
      {oppgave.aktiv ? (
        <div className={s.row}>
          {svar.length && can('svar') ? (
            <>
              <Select aria-label={t.svar} value={valgt} onChange={(_, d) => setValgt(d.value)}>
                {svar.map((x) => (
                  <option key={x}>{x}</option>
                ))}
              </Select>
              <Button size="small" onClick={() => void act(() => api.svarOppgave(oppgave.systemId, { svar: valgt }))}>
                {t.svar}
              </Button>
            </>
          ) : null}
          {oppgave.oppgavetype === 'GODKJENNING' && hoveddokumentId && can('nyVersjon') ? (
            <label>
              {t.nyVersjon} <input type="file" onChange={(e) => setFil(e.target.files?.[0] ?? null)} />
            </label>
          ) : null}
          {fil ? (
            <Button size="small" onClick={() => void act(() => api.addVersjon(hoveddokumentId!, fil, fil.name).then(() => setFil(null)))}>
              {t.save}
            </Button>
          ) : null}
          {can('deaktiver') ? (
            <Button size="small" onClick={() => void act(() => api.deaktiverOppgave(oppgave.systemId))}>
              {t.deaktiver}
            </Button>
          ) : null}
          {!svar.length && can('fjernFraKurv') ? (
            <Button size="small" onClick={() => void act(() => api.fjernFraKurv(oppgave.systemId))}>
              {t.fjernFraKurv}
            </Button>
          ) : null}
        </div>
      ) : null}
    </li>
  );
}
