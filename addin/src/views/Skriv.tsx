import { Button, Checkbox, Field, Input, Radio, RadioGroup, Select, Spinner, Subtitle2 } from '@fluentui/react-components';
import { lazy, Suspense, useState } from 'react';
import type { Api } from '../api/client';
import type { JournalpostCreate, SakView } from '../api/types';
import { ErrorBar, useLoad, useStyles } from './common';
import { FilVelger } from './Dokumenter';
import { PartSkjema, tilInput, tomPart } from './Korrespondanseparter';
import type { Navigate } from './nav';
import { useSkrivT } from './skriv.strings';
import { useSkrivStyles } from './skriv.styles';

const BrevEditor = lazy(() => import('./BrevEditor'));

const TYPER = ['U', 'N', 'X', 'S'] as const;
type Type = (typeof TYPER)[number];
type Hvordan = 'mal' | 'fil' | 'selv';

/**
 * Writes a new document in a sak, not only as a reply (§10.4, §10.5, §10.8): the type and how the
 * main document comes (a template with standard texts, one's own file, or text written here) are
 * chosen first, and nothing is registered until the user saves, so no empty journalpost is left.
 */
export function Skriv({ api, sak, navigate, onCancel }: { api: Api; sak: SakView; navigate: Navigate; onCancel: () => void }) {
  const st = useSkrivT();
  const s = useStyles();
  const ss = useSkrivStyles();
  const [type, setType] = useState<Type>('U');
  const [delegert, setDelegert] = useState(false);
  const [tittel, setTittel] = useState('');
  const [hvordan, setHvordan] = useState<Hvordan>('mal');
  const [malId, setMalId] = useState('');
  const [tekster, setTekster] = useState<string[]>([]);
  const [fil, setFil] = useState<File | null>(null);
  const [html, setHtml] = useState('');
  const [mottaker, setMottaker] = useState(tomPart('EM'));
  const [internId, setInternId] = useState('');
  const [lagrer, setLagrer] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const maler = useLoad(() => api.maler({ journalposttype: type, sakstype: sak.sakstype }), [type, sak.sakstype]);
  const standardtekster = useLoad(() => api.standardtekster(sak.sakstype), [sak.sakstype]);
  const brukere = useLoad(() => api.brukere(), []);
  const harMaler = (maler.data ?? []).length > 0;
  const valgt: Hvordan = hvordan === 'mal' && !harMaler ? 'selv' : hvordan;
  const klar = tittel.trim() !== '' && (valgt !== 'mal' || malId !== '') && (valgt !== 'fil' || fil !== null) && (type !== 'U' || mottaker.navn.trim() !== '') && (type !== 'N' || internId !== '');

  const lagre = async () => {
    setError(null);
    setLagrer(true);
    try {
      const parter: JournalpostCreate['korrespondanseparter'] =
        type === 'U' ? [tilInput(mottaker)] : type === 'N' ? [{ korrespondanseparttype: 'IM', navn: brukere.data?.find((b) => b.systemId === internId)?.navn ?? '–', brukerId: internId }] : [];
      const jp = await api.createJournalpost(sak.systemId, { journalposttype: type, tittel: tittel.trim(), ...(delegert ? { delegertVedtak: true } : {}), ...(parter.length ? { korrespondanseparter: parter } : {}) });
      try {
        if (valgt === 'mal') await api.skrivBrev(jp.systemId, { malId, ...(tekster.length ? { standardtekstIds: tekster } : {}) });
        else if (valgt === 'fil' && fil) await api.uploadDokument(jp.systemId, fil, fil.name, { tilknytning: 'H' });
        else if (html.replace(/<[^>]*>/g, '').trim()) await api.endreBrevHtml(jp.systemId, html);
      } finally {
        // The journalpost exists now: open it (a failed document can be added or the draft deleted there).
        navigate({ view: 'journalpost', journalpostId: jp.systemId });
      }
    } catch (e) {
      setError(e);
    } finally {
      setLagrer(false);
    }
  };

  return (
    <section className={s.stack} aria-labelledby="skriv-h">
      <Subtitle2 as="h3" id="skriv-h">
        {st.skriv.tittel}
      </Subtitle2>
      <Field className={ss.felt} label={st.skriv.type}>
        <Select className={ss.velger} select={{ className: ss.velger }} value={type} onChange={(_, d) => { setType(d.value as Type); setMalId(''); }}>
          {TYPER.map((k) => (
            <option key={k} value={k}>
              {st.skriv[k]}
            </option>
          ))}
        </Select>
      </Field>
      {type === 'U' || type === 'S' ? <Checkbox label={st.skriv.delegert} checked={delegert} onChange={(_, d) => setDelegert(d.checked === true)} /> : null}
      <Field className={ss.felt} label={st.skriv.journalpostTittel} required>
        <Input value={tittel} onChange={(_, d) => setTittel(d.value)} />
      </Field>
      {type === 'U' ? (
        <fieldset className={s.stack}>
          <legend>{st.skriv.mottaker}</legend>
          <PartSkjema api={api} part={mottaker} idx={0} onChange={setMottaker} />
        </fieldset>
      ) : null}
      {type === 'N' ? (
        <Field className={ss.felt} label={st.skriv.mottaker} required>
          <Select className={ss.velger} select={{ className: ss.velger }} value={internId} onChange={(_, d) => setInternId(d.value)}>
            <option value="">–</option>
            {(brukere.data ?? []).map((b) => (
              <option key={b.systemId} value={b.systemId}>
                {b.navn}
              </option>
            ))}
          </Select>
        </Field>
      ) : null}
      <Field className={ss.felt} label={st.skriv.hvordan}>
        <RadioGroup value={valgt} onChange={(_, d) => setHvordan(d.value as Hvordan)}>
          {harMaler ? <Radio value="mal" label={st.skriv.fraMal} /> : null}
          <Radio value="selv" label={st.skriv.tomt} />
          <Radio value="fil" label={st.skriv.opplast} />
        </RadioGroup>
      </Field>
      {valgt === 'mal' ? (
        <>
          <Field className={ss.felt} label={st.skriv.mal} required>
            <Select className={ss.velger} select={{ className: ss.velger }} value={malId} onChange={(_, d) => setMalId(d.value)}>
              <option value="">{st.skriv.velgMal}</option>
              {(maler.data ?? []).map((m) => (
                <option key={m.systemId} value={m.systemId}>
                  {m.navn}
                </option>
              ))}
            </Select>
          </Field>
          {(standardtekster.data ?? []).length ? (
            <fieldset className={s.stack}>
              <legend>{st.skriv.standardtekster}</legend>
              {(standardtekster.data ?? []).map((x) => (
                <Checkbox key={x.systemId} label={x.navn} checked={tekster.includes(x.systemId)} onChange={(_, d) => setTekster(d.checked ? [...tekster, x.systemId] : tekster.filter((y) => y !== x.systemId))} />
              ))}
            </fieldset>
          ) : null}
        </>
      ) : null}
      {valgt === 'fil' ? (
        <>
          <FilVelger label={st.skriv.fil} accept=".doc,.docx,.odt,.pdf,.txt,.rtf" onFile={setFil} />
          {fil ? <span className={s.muted}>{fil.name}</span> : null}
        </>
      ) : null}
      {valgt === 'selv' ? (
        <Suspense fallback={<Spinner size="tiny" />}>
          <BrevEditor html={html} onChange={setHtml} />
        </Suspense>
      ) : null}
      <div className={s.row}>
        <Button appearance="primary" disabled={!klar || lagrer} onClick={() => void lagre()}>
          {st.skriv.lagre}
        </Button>
        <Button onClick={onCancel}>{st.skriv.avbryt}</Button>
      </div>
      <ErrorBar error={error} />
    </section>
  );
}
