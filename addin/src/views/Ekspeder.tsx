import { Button, Field, MessageBar, MessageBarBody, Radio, RadioGroup, Select, Subtitle2, Textarea } from '@fluentui/react-components';
import { useState } from 'react';
import type { Api } from '../api/client';
import type { EkspederBody, Forhaandsvisning, JournalpostView, Kanal } from '../api/types';
import { useT } from '../i18n/strings';
import { ErrorBar, openDocument, useStyles } from './common';

const KANALER: readonly Kanal[] = ['epost', 'papir', 'annen'];

/**
 * Ekspeder (§10.7, POST /api/journalposter/:id/ekspeder): a channel per external recipient
 * (e-mail when there is an address, else paper), the main document as mail text or attachment,
 * a free mail text that is not archived. E-mail recipients without an address are named and
 * stop the expedition before it is sent; the server says the same if asked anyway. Before
 * sending: every document that goes can be opened, and the server's preview shows what each
 * recipient gets (subject, text, attachments) without storing or sending anything.
 */
export function Ekspeder({ api, jp, onChanged }: { api: Api; jp: JournalpostView; onChanged: () => void }) {
  const t = useT();
  const s = useStyles();
  const mottakere = jp.korrespondanseparter.filter((p) => p.korrespondanseparttype === 'EM' || p.korrespondanseparttype === 'EK');
  const [kanaler, setKanaler] = useState<Record<string, Kanal>>(() => Object.fromEntries(mottakere.map((m) => [m.systemId, m.epostadresse ? 'epost' : 'papir'])));
  const [som, setSom] = useState<'vedlegg' | 'tekst'>('vedlegg');
  const [epostTekst, setEpostTekst] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [preview, setPreview] = useState<readonly Forhaandsvisning[] | null>(null);
  const dokumenter = jp.dokumenter.filter((d) => !d.skjermet);
  const missing = mottakere.filter((m) => kanaler[m.systemId] === 'epost' && !m.epostadresse);
  const anyEpost = mottakere.some((m) => kanaler[m.systemId] === 'epost');
  const body = (): EkspederBody => ({
    mottakere: mottakere.map((m) => ({ korrespondansepartId: m.systemId, kanal: kanaler[m.systemId] ?? 'epost' })),
    // Sent only when chosen: the defaults are the server's (attachment, no free text).
    ...(som === 'tekst' ? { hoveddokumentSom: 'tekst' as const } : {}),
    ...(epostTekst.trim() ? { epostTekst: epostTekst.trim() } : {}),
  });
  const forhaandsvis = async () => {
    setError(null);
    try {
      setPreview(await api.forhaandsvisEkspedering(jp.systemId, body()));
    } catch (e) {
      setPreview(null);
      setError(e);
    }
  };
  const visDokument = (dokumentId: string) => openDocument(() => api.dokumentInnhold(dokumentId), setError);
  const send = async () => {
    setError(null);
    try {
      await api.ekspeder(jp.systemId, body());
      onChanged();
    } catch (e) {
      setError(e);
    }
  };
  if (jp.abilities.ekspeder !== true) return null;
  return (
    <section className={s.section} aria-labelledby="ekspeder-h">
      <Subtitle2 as="h3" id="ekspeder-h">
        {t.ekspeder}
      </Subtitle2>
      <ul className={s.list} aria-label={t.mottaker}>
        {mottakere.map((m) => (
          <li key={m.systemId} className={s.row}>
            <Field label={`${m.navn}${m.epostadresse ? ` <${m.epostadresse}>` : ''} – ${t.kanal}`}>
              <Select
                value={kanaler[m.systemId]}
                onChange={(_, d) => {
                  setKanaler({ ...kanaler, [m.systemId]: d.value as Kanal });
                  setPreview(null);
                }}
              >
                {KANALER.map((k) => (
                  <option key={k} value={k}>
                    {t.kanaler[k]}
                  </option>
                ))}
              </Select>
            </Field>
          </li>
        ))}
      </ul>
      {anyEpost ? (
        <>
          <Field label={t.hoveddokumentSom}>
            <RadioGroup value={som} onChange={(_, d) => setSom(d.value as 'vedlegg' | 'tekst')}>
              <Radio value="vedlegg" label={t.somVedlegg} />
              <Radio value="tekst" label={t.brodtekst} />
            </RadioGroup>
          </Field>
          <Field label={t.epostTekst}>
            <Textarea value={epostTekst} onChange={(_, d) => setEpostTekst(d.value)} />
          </Field>
        </>
      ) : null}
      {dokumenter.length ? (
        <ul className={s.list} aria-label={t.dokumenterSomSendes}>
          {dokumenter.map((d) => (
            <li key={d.systemId}>
              {d.dokumentnummer}. {d.tittel}{' '}
              <Button size="small" aria-label={`${t.preview}: ${d.tittel}`} onClick={() => void visDokument(d.systemId)}>
                {t.preview}
              </Button>
            </li>
          ))}
        </ul>
      ) : null}
      {missing.length ? (
        <MessageBar intent="warning">
          <MessageBarBody>
            {t.manglerAdresse}: {missing.map((m) => m.navn).join(', ')}
          </MessageBarBody>
        </MessageBar>
      ) : null}
      <div className={s.row}>
        <Button disabled={missing.length > 0} onClick={() => void forhaandsvis()}>
          {t.forhaandsvisUtsending}
        </Button>
        <Button appearance="primary" disabled={missing.length > 0} onClick={() => void send()}>
          {t.ekspeder}
        </Button>
      </div>
      {preview ? (
        <ul className={s.list} aria-label={t.hvaSendes}>
          {preview.map((p, i) => (
            <li key={i}>
              <strong>{p.mottakerNavn}</strong>
              {p.mottakerEpost ? ` <${p.mottakerEpost}>` : ''} · {t.kanaler[p.kanal]}
              {p.emne ? (
                <>
                  <br />
                  {t.emne}: {p.emne}
                </>
              ) : null}
              {p.vedlegg.length ? (
                <>
                  <br />
                  {t.vedlegg}: {p.vedlegg.join(', ')}
                </>
              ) : null}
              {p.tekst ? <pre className={s.muted} style={{ whiteSpace: "pre-wrap" }}>{p.tekst}</pre> : null}
            </li>
          ))}
        </ul>
      ) : null}
      <ErrorBar error={error} />
    </section>
  );
}
