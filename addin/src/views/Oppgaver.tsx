import { Button, Checkbox, Field, Select, Subtitle2, Textarea } from '@fluentui/react-components';
import { useState } from 'react';
import type { Api } from '../api/client';
import type { JournalpostView, Kodelister, Oppgave, OppgaveCreate } from '../api/types';
import { useT } from '../i18n/strings';
import { ErrorBar, useLoad, useStyles } from './common';

/**
 * Oppgaver (§12.1) and approval (§10.6, §11.2): send (type, one or more receivers, merknad),
 * answer with the type's answers (a leader answers Til godkjenning: Godkjent sets F), deactivate
 * before it is read, remove from the basket; the approver may add a new version first.
 */
export function Oppgaver({ api, jp, kodelister, refreshKey, onChanged }: { api: Api; jp: JournalpostView; kodelister: Kodelister | undefined; refreshKey: number; onChanged: () => void }) {
  const t = useT();
  const s = useStyles();
  const list = useLoad(() => api.oppgaver(jp.systemId), [api, jp.systemId, refreshKey]);
  const brukere = useLoad(() => api.brukere(), [api]);
  const typer = kodelister?.oppgavetype ?? [];
  // Til godkjenning only from status R (§10.6); the server's abilities say whether this user may.
  const [type, setType] = useState(jp.journalstatus === 'R' && jp.abilities.sendTilGodkjenning !== false ? 'GODKJENNING' : 'BESKJED');
  const [mottakere, setMottakere] = useState<string[]>([]);
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
  const send = () =>
    act(async () => {
      await api.sendOppgave({ oppgavetype: type as OppgaveCreate['oppgavetype'], journalpostId: jp.systemId, mottakerIds: mottakere, ...(merknad.trim() ? { merknad: merknad.trim() } : {}) });
      setMottakere([]);
      setMerknad('');
    });
  return (
    <section className={s.section} aria-labelledby="oppgaver-h">
      <Subtitle2 as="h3" id="oppgaver-h">
        {t.oppgaver}
      </Subtitle2>
      <ErrorBar error={list.error} />
      <ul className={s.list} aria-label={t.oppgaver}>
        {(list.data ?? []).map((o) => (
          <OppgaveRad key={o.systemId} api={api} oppgave={o} hoveddokumentId={jp.dokumenter.find((d) => d.tilknyttetRegistreringSom === 'H')?.systemId} navn={typer.find((x) => x.kode === o.oppgavetype)?.navn ?? o.oppgavetype} svar={typer.find((x) => x.kode === o.oppgavetype)?.svar ?? []} act={act} />
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
        <div role="group" aria-label={t.mottakere} className={s.stack}>
          <span>{t.mottakere}</span>
          {(brukere.data ?? []).map((b) => (
            <Checkbox key={b.systemId} label={`${b.navn} (${b.brukernavn})`} checked={mottakere.includes(b.systemId)} onChange={(_, d) => setMottakere(d.checked ? [...mottakere, b.systemId] : mottakere.filter((x) => x !== b.systemId))} />
          ))}
        </div>
        <Field label={t.merknad}>
          <Textarea value={merknad} onChange={(_, d) => setMerknad(d.value)} />
        </Field>
        <Button disabled={mottakere.length === 0} onClick={() => void send()}>
          {type === 'GODKJENNING' ? t.tilGodkjenning : t.sendOppgave}
        </Button>
      </div>
      <ErrorBar error={error} />
    </section>
  );
}

function OppgaveRad({ api, oppgave, hoveddokumentId, navn, svar, act }: { api: Api; oppgave: Oppgave; hoveddokumentId: string | undefined; navn: string; svar: readonly string[]; act: (fn: () => Promise<unknown>) => Promise<void> }) {
  const t = useT();
  const s = useStyles();
  const [valgt, setValgt] = useState(svar.includes('Godkjent') ? 'Godkjent' : (svar[0] ?? ''));
  const [svarMerknad, setSvarMerknad] = useState('');
  const [fil, setFil] = useState<File | null>(null);
  const can = (a: string) => oppgave.abilities[a] === true;
  const aktiv = oppgave.status === 'aktiv';
  return (
    <li data-oppgave={oppgave.systemId} style={oppgave.deaktivert ? { textDecoration: 'line-through' } : undefined}>
      {navn} – {oppgave.avsender.navn} → {oppgave.mottaker.navn}
      {oppgave.merknad ? `: ${oppgave.merknad}` : ''} {oppgave.svar ? `(${oppgave.svar}${oppgave.svarMerknad ? `: ${oppgave.svarMerknad}` : ''})` : ''}
      {aktiv ? (
        <div className={s.row}>
          {svar.length && can('besvar') ? (
            <>
              <Field label={t.svar}>
                <Select value={valgt} onChange={(_, d) => setValgt(d.value)}>
                  {svar.map((x) => (
                    <option key={x}>{x}</option>
                  ))}
                </Select>
              </Field>
              <Field label={t.merknad}>
                <Textarea value={svarMerknad} onChange={(_, d) => setSvarMerknad(d.value)} />
              </Field>
              <Button size="small" onClick={() => void act(() => api.svarOppgave(oppgave.systemId, { svar: valgt, ...(svarMerknad.trim() ? { merknad: svarMerknad.trim() } : {}) }))}>
                {t.svar}
              </Button>
            </>
          ) : null}
          {oppgave.oppgavetype === 'GODKJENNING' && hoveddokumentId && can('besvar') ? (
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
          {can('fjernFraKurv') ? (
            <Button size="small" onClick={() => void act(() => api.fjernFraKurv(oppgave.systemId))}>
              {t.fjernFraKurv}
            </Button>
          ) : null}
        </div>
      ) : null}
    </li>
  );
}
