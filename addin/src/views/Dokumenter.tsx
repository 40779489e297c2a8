import { Button, Field, Label, Select, Spinner, Subtitle2 } from '@fluentui/react-components';
import { lazy, Suspense, useId, useState } from 'react';
import type { Api } from '../api/client';
import type { JournalpostView } from '../api/types';
import { useT } from '../i18n/strings';
import { ErrorBar, openDocument, useLoad, useStyles } from './common';
import { useSkrivT } from './skriv.strings';
import { useSkrivStyles } from './skriv.styles';
import { StatusRegion } from './shell';

// The editor (TipTap, ProseMirror) is a separate chunk: fetched when a letter is first edited.
const BrevEditor = lazy(() => import('./BrevEditor'));

type Dok = JournalpostView['dokumenter'][number];
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
/** Plain letter text (as a template writes it) as paragraphs for the editor. */
const somHtml = (tekst: string) =>
  tekst
    .split(/\n{2,}/)
    .map((p) => `<p>${esc(p).replace(/\n/g, '<br>')}</p>`)
    .join('');
/** The editable variant of a letter: text or HTML written by the service (not an uploaded Word file). */
const redigerbar = (d: Dok) => d.versjoner.find((v) => v.aktiv && v.variantformat === 'P' && /^text\/(plain|html)/.test(v.format));

/**
 * A journalpost's documents: preview; while the user may change documents, edit the letter's
 * text, upload a new version, upload a vedlegg or attach one from the sak's other documents.
 */
export function Dokumenter({ api, jp, onChanged }: { api: Api; jp: JournalpostView; onChanged: () => void }) {
  const t = useT();
  const st = useSkrivT();
  const s = useStyles();
  const ss = useSkrivStyles();
  const [error, setError] = useState<unknown>(null);
  const [melding, setMelding] = useState('');
  const [brev, setBrev] = useState<{ dokumentId: string; html: string } | null>(null);
  const [kilde, setKilde] = useState('');
  const kan = jp.abilities.addDokument === true;
  const saken = useLoad(async () => (kan ? (await api.sakJournalposter(jp.sakId, { limit: 100 })).items : []), [jp.sakId, kan]);
  const andre = (saken.data ?? []).filter((j) => j.systemId !== jp.systemId).flatMap((j) => j.dokumenter.filter((d) => !d.skjermet && d.versjoner.length).map((d) => ({ j, d })));

  const run = async (work: () => Promise<unknown>, ok: string) => {
    setError(null);
    setMelding('');
    try {
      await work();
      setMelding(ok);
      onChanged();
    } catch (e) {
      setError(e);
    }
  };
  const aapneBrev = async (d: Dok, format: string) => {
    setError(null);
    try {
      const tekst = await (await api.dokumentInnhold(d.systemId, 'P')).text();
      setBrev({ dokumentId: d.systemId, html: format.startsWith('text/html') ? tekst : somHtml(tekst) });
    } catch (e) {
      setError(e);
    }
  };
  const harHoved = jp.dokumenter.some((d) => d.tilknyttetRegistreringSom === 'H');

  return (
    <section className={s.stack} aria-labelledby={`dok-h-${jp.systemId}`}>
      <Subtitle2 as="h3" id={`dok-h-${jp.systemId}`}>
        {t.dokumenter}
      </Subtitle2>
      <ul className={s.list} aria-label={t.dokumenter}>
        {jp.dokumenter.map((d) => {
          const p = redigerbar(d);
          return (
            <li key={d.systemId} className={s.stack}>
              <span>
                {d.dokumentnummer}. {d.tittel} ({d.tilknyttetRegistreringSom === 'H' ? t.hoveddokument : t.vedleggEn})
                {d.versjoner.length > 1 ? <span className={s.muted}> · v{Math.max(...d.versjoner.map((v) => v.versjonsnummer))}</span> : null}
              </span>
              <div className={s.row}>
                {d.skjermet ? null : (
                  <Button size="small" onClick={() => void openDocument(() => api.dokumentInnhold(d.systemId), setError)}>
                    {t.preview}
                  </Button>
                )}
                {kan && p && d.tilknyttetRegistreringSom === 'H' ? (
                  <Button size="small" onClick={() => void aapneBrev(d, p.format)}>
                    {st.dok.redigerBrev}
                  </Button>
                ) : null}
              </div>
              {kan && !d.skjermet ? (
                <FilVelger label={`${st.dok.nyVersjon} ${d.tittel}`} onFile={(f) => void run(() => api.addVersjon(d.systemId, f, f.name), st.dok.lagtTil)} />
              ) : null}
            </li>
          );
        })}
      </ul>
      {brev ? (
        <div className={s.stack} role="group" aria-label={st.dok.redigerBrev}>
          <Suspense fallback={<Spinner size="tiny" />}>
            <BrevEditor html={brev.html} onChange={(html) => setBrev({ ...brev, html })} />
          </Suspense>
          <div className={s.row}>
            <Button
              appearance="primary"
              onClick={() =>
                void run(async () => {
                  await api.endreBrevHtml(jp.systemId, brev.html, jp.versjon);
                  setBrev(null);
                }, st.dok.brevLagret)
              }
            >
              {st.dok.lagreBrev}
            </Button>
            <Button onClick={() => setBrev(null)}>{t.cancel}</Button>
          </div>
        </div>
      ) : null}
      {kan ? (
        <>
          <FilVelger label={harHoved ? st.dok.lastOppVedlegg : t.hoveddokument} onFile={(f) => void run(() => api.uploadDokument(jp.systemId, f, f.name, { tilknytning: harHoved ? 'V' : 'H' }), st.dok.lagtTil)} />
          {andre.length ? (
            <div className={s.row}>
              <Field className={ss.felt} label={st.dok.fraSaken}>
                <Select className={ss.velger} select={{ className: ss.velger }} value={kilde} onChange={(_, d) => setKilde(d.value)}>
                  <option value="">{st.dok.velgDokument}</option>
                  {andre.map(({ j, d }) => (
                    <option key={d.systemId} value={d.systemId}>
                      {j.registreringsId} {d.tittel}
                    </option>
                  ))}
                </Select>
              </Field>
              <Button disabled={!kilde} onClick={() => void run(async () => { await api.tilknyttDokument(jp.systemId, kilde); setKilde(''); }, st.dok.lagtTil)}>
                {st.dok.knyttTil}
              </Button>
            </div>
          ) : null}
        </>
      ) : null}
      <StatusRegion>{melding}</StatusRegion>
      <ErrorBar error={error} />
    </section>
  );
}

/** A file picker with its own label (Fluent's Field labels only Fluent inputs). */
export function FilVelger({ label, onFile, accept }: { label: string; onFile: (f: File) => void; accept?: string }) {
  const id = useId();
  const s = useStyles();
  return (
    <div className={s.stack}>
      <Label htmlFor={id}>{label}</Label>
      <input
        id={id}
        type="file"
        {...(accept ? { accept } : {})}
        onChange={(e) => {
          const f = e.target.files?.[0];
          e.target.value = '';
          if (f) onFile(f);
        }}
      />
    </div>
  );
}
