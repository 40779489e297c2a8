import { Button, Checkbox, Field, Select, Subtitle2, Textarea } from '@fluentui/react-components';
import { useState } from 'react';
import type { Api } from '../api/client';
import type { Bruker, JournalpostView, Kodelister, Oppgave, OppgaveCreate } from '../api/types';
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
  const ledere = useLoad(() => api.godkjennere(), [api]);
  const typer = kodelister?.oppgavetype ?? [];
  // Til godkjenning only from status R (§10.6); the server's abilities say whether this user may.
  const [type, setType] = useState(jp.journalstatus === 'R' && jp.abilities.sendTilGodkjenning !== false ? 'GODKJENNING' : 'BESKJED');
  const [mottakere, setMottakere] = useState<string[]>([]);
  // Til godkjenning: one approver, or a chain in order (§10.6).
  const [kjede, setKjede] = useState<string[]>(['']);
  const [merknad, setMerknad] = useState('');
  const [error, setError] = useState<unknown>(null);
  // §10.6/§11.2: one approver per request; the chain is built by Videresendt.
  const godkjenning = type === 'GODKJENNING';
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
      const m = merknad.trim() ? { merknad: merknad.trim() } : {};
      if (godkjenning) {
        const [forste, ...videre] = kjede.filter(Boolean);
        await api.tilGodkjenning(jp.systemId, { mottakerId: forste!, ...(videre.length ? { videre } : {}), ...m });
        setKjede(['']);
      } else {
        await api.sendOppgave({ oppgavetype: type as OppgaveCreate['oppgavetype'], journalpostId: jp.systemId, mottakerIds: mottakere, ...m });
        setMottakere([]);
      }
      setMerknad('');
    });
  const valgtKjede = kjede.filter(Boolean);
  return (
    <section className={s.section} aria-labelledby="oppgaver-h">
      <Subtitle2 as="h3" id="oppgaver-h">
        {t.oppgaver}
      </Subtitle2>
      <ErrorBar error={list.error} />
      <ul className={s.list} aria-label={t.oppgaver}>
        {(list.data ?? []).map((o) => (
          <OppgaveRad key={o.systemId} api={api} oppgave={o} ledere={ledere.data ?? []} brukere={brukere.data ?? []} saksbehandlerId={jp.saksbehandler.systemId} hoveddokumentId={jp.dokumenter.find((d) => d.tilknyttetRegistreringSom === 'H')?.systemId} navn={typer.find((x) => x.kode === o.oppgavetype)?.navn ?? o.oppgavetype} svar={typer.find((x) => x.kode === o.oppgavetype)?.svar ?? []} act={act} />
        ))}
      </ul>
      <div className={s.stack} role="group" aria-label={t.sendOppgave}>
        <Field label={t.oppgavetype}>
          <Select value={type} onChange={(_, d) => {
              setType(d.value);
            }}
          >
            {typer.map((x) => (
              <option key={x.kode} value={x.kode}>
                {x.navn}
              </option>
            ))}
          </Select>
        </Field>
        {godkjenning ? (
          <div role="group" aria-label={t.godkjenning.godkjenner} className={s.stack}>
            <span className={s.muted}>{t.godkjenning.kjede}</span>
            {kjede.map((g, i) => (
              <div key={i} className={s.row}>
                <Field label={`${t.godkjenning.nummer} ${i + 1}`}>
                  <Select value={g} onChange={(_, d) => setKjede(kjede.map((x, j) => (j === i ? d.value : x)))}>
                    <option value="">{t.godkjenning.velg}</option>
                    {(ledere.data ?? [])
                      .filter((b) => b.systemId !== jp.saksbehandler.systemId && (b.systemId === g || !kjede.includes(b.systemId)))
                      .map((b) => (
                        <option key={b.systemId} value={b.systemId}>
                          {b.navn} ({b.brukernavn})
                        </option>
                      ))}
                  </Select>
                </Field>
                {i > 0 ? (
                  <Button size="small" aria-label={`${t.godkjenning.fjern} ${i + 1}`} onClick={() => setKjede(kjede.filter((_, j) => j !== i))}>
                    {t.godkjenning.fjern}
                  </Button>
                ) : null}
              </div>
            ))}
            {kjede.every(Boolean) && kjede.length < (ledere.data ?? []).length ? (
              <Button size="small" onClick={() => setKjede([...kjede, ''])}>
                {t.godkjenning.leggTil}
              </Button>
            ) : null}
          </div>
        ) : (
          <div role="group" aria-label={t.mottakere} className={s.stack}>
            <span>{t.mottakere}</span>
            {(brukere.data ?? []).map((b) => (
              <Checkbox key={b.systemId} label={`${b.navn} (${b.brukernavn})`} checked={mottakere.includes(b.systemId)} onChange={(_, d) => setMottakere(d.checked ? [...mottakere, b.systemId] : mottakere.filter((x) => x !== b.systemId))} />
            ))}
          </div>
        )}
        <Field label={t.merknad}>
          <Textarea value={merknad} onChange={(_, d) => setMerknad(d.value)} />
        </Field>
        <Button disabled={godkjenning ? valgtKjede.length === 0 : mottakere.length === 0} onClick={() => void send()}>
          {type === 'GODKJENNING' ? t.tilGodkjenning : t.sendOppgave}
        </Button>
      </div>
      <ErrorBar error={error} />
    </section>
  );
}

function OppgaveRad({ api, oppgave, ledere, brukere, saksbehandlerId, hoveddokumentId, navn, svar, act }: { api: Api; oppgave: Oppgave; ledere: readonly Bruker[]; brukere: readonly Bruker[]; saksbehandlerId: string; hoveddokumentId: string | undefined; navn: string; svar: readonly string[]; act: (fn: () => Promise<unknown>) => Promise<void> }) {
  const t = useT();
  const s = useStyles();
  const [valgt, setValgt] = useState(svar.includes('Godkjent') ? 'Godkjent' : (svar[0] ?? ''));
  const [svarMerknad, setSvarMerknad] = useState('');
  const [fil, setFil] = useState<File | null>(null);
  // Videresendt: the next approver; Ikke godkjent: back to the previous step, or someone else.
  const [neste, setNeste] = useState('');
  const [tilbake, setTilbake] = useState(oppgave.avsender.systemId);
  const videresend = valgt === 'Videresendt for godkjenning';
  const ikkeGodkjent = oppgave.oppgavetype === 'GODKJENNING' && valgt === 'Ikke godkjent';
  const mottakerId = videresend ? neste : ikkeGodkjent && tilbake !== oppgave.avsender.systemId ? tilbake : '';
  const can = (a: string) => oppgave.abilities[a] === true;
  const aktiv = oppgave.status === 'aktiv';
  return (
    <li data-oppgave={oppgave.systemId} style={oppgave.deaktivert ? { textDecoration: 'line-through' } : undefined}>
      {navn} – {oppgave.avsender.navn} → {oppgave.mottaker.navn}
      {oppgave.merknad ? `: ${oppgave.merknad}` : ''} {oppgave.svar ? `(${oppgave.svar}${oppgave.svarMerknad ? `: ${oppgave.svarMerknad}` : ''})` : ''}
      {oppgave.nesteGodkjennere?.length ? (
        <span className={s.muted}>
          {' '}
          · {t.godkjenning.deretter}: {oppgave.nesteGodkjennere.map((b) => b.navn).join(' → ')}
        </span>
      ) : null}
      {aktiv ? (
        // One form per oppgave, stacked, so the fields of one never run into the next at 350 px.
        <div className={s.stack} role="group" aria-label={`${navn} – ${oppgave.avsender.navn}`}>
          {svar.length && can('besvar') ? (
            <>
              <Field label={t.svar}>
                <Select value={valgt} onChange={(_, d) => setValgt(d.value)}>
                  {svar.map((x) => (
                    <option key={x}>{x}</option>
                  ))}
                </Select>
              </Field>
              {videresend ? (
                <Field label={t.godkjenning.neste} required>
                  <Select value={neste} onChange={(_, d) => setNeste(d.value)}>
                    <option value="">{t.godkjenning.velg}</option>
                    {ledere
                      .filter((b) => b.systemId !== oppgave.mottaker.systemId && b.systemId !== saksbehandlerId && b.systemId !== oppgave.avsender.systemId)
                      .map((b) => (
                        <option key={b.systemId} value={b.systemId}>
                          {b.navn} ({b.brukernavn})
                        </option>
                      ))}
                  </Select>
                </Field>
              ) : null}
              {ikkeGodkjent ? (
                <Field label={t.godkjenning.tilbakeTil}>
                  <Select value={tilbake} onChange={(_, d) => setTilbake(d.value)}>
                    {[oppgave.avsender, ...brukere.filter((b) => b.systemId !== oppgave.avsender.systemId && b.systemId !== oppgave.mottaker.systemId)].map((b) => (
                      <option key={b.systemId} value={b.systemId}>
                        {b.navn} ({b.brukernavn})
                      </option>
                    ))}
                  </Select>
                </Field>
              ) : null}
              <Field label={t.merknad}>
                <Textarea value={svarMerknad} onChange={(_, d) => setSvarMerknad(d.value)} />
              </Field>
              <Button size="small" disabled={videresend && !neste} onClick={() => void act(() => api.svarOppgave(oppgave.systemId, { svar: valgt, ...(mottakerId ? { mottakerId } : {}), ...(svarMerknad.trim() ? { merknad: svarMerknad.trim() } : {}) }))}>
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
