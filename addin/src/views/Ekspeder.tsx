import { Button, Checkbox, Field, Input, MessageBar, MessageBarBody, Radio, RadioGroup, Select, Subtitle2, Textarea } from '@fluentui/react-components';
import { useState } from 'react';
import type { Api } from '../api/client';
import { ApiError } from '../api/http';
import type { DokumentValg, EkspederBody, Forhaandsvisning, JournalpostView, Kanal } from '../api/types';
import { useT } from '../i18n/strings';
import type { MailboxPort } from '../office/port';
import { ErrorBar, openDocument, useStyles } from './common';

const KANALER: readonly Kanal[] = ['epost', 'papir', 'annen'];
type Dok = JournalpostView['dokumenter'][number];
const versjonsnumre = (d: Dok) => [...new Set(d.versjoner.map((v) => v.versjonsnummer))].sort((a, b) => b - a);

/**
 * Ekspeder (§10.7, POST /api/journalposter/:id/ekspeder): a channel per external recipient
 * (e-mail when there is an address, else paper), the main document as mail text or attachment,
 * a free mail text that is not archived. Which documents go, in which version, and whether the
 * merknader go, is chosen here; the same choice is used for the preview, the expedition, the
 * paper bundle, *Skriv ut* (§12.2, POST /api/utskrift) and *Send uformelt* (§12.3, POST
 * /api/sendepakke → a new Outlook message; nothing is expedited). An e-mail recipient without
 * an address stops the expedition with a field for the address right here: it is saved on the
 * recipient (PUT /api/korrespondanseparter/:id/epostadresse) and the expedition goes on.
 */
export function Ekspeder({ api, port, jp, onChanged }: { api: Api; port: MailboxPort; jp: JournalpostView; onChanged: () => void }) {
  const t = useT();
  const tv = t.ekspederValg;
  const s = useStyles();
  const mottakere = jp.korrespondanseparter.filter((p) => p.korrespondanseparttype === 'EM' || p.korrespondanseparttype === 'EK');
  const [kanaler, setKanaler] = useState<Record<string, Kanal>>(() => Object.fromEntries(mottakere.map((m) => [m.systemId, m.epostadresse ? 'epost' : 'papir'])));
  const [som, setSom] = useState<'vedlegg' | 'tekst'>('vedlegg');
  const [epostTekst, setEpostTekst] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [preview, setPreview] = useState<readonly Forhaandsvisning[] | null>(null);
  const dokumenter = jp.dokumenter.filter((d) => !d.skjermet && d.versjoner.length);
  // Every document, in its newest version, until the user chooses otherwise.
  const [valgt, setValgt] = useState<Record<string, number | false>>(() => Object.fromEntries(dokumenter.map((d) => [d.systemId, versjonsnumre(d)[0]!])));
  const [medMerknader, setMedMerknader] = useState(false);
  const [stoppet, setStoppet] = useState(false);
  const [adresser, setAdresser] = useState<Record<string, string>>({});
  const [uformeltSom, setUformeltSom] = useState<'vedlegg' | 'pdf'>('pdf');
  const [melding, setMelding] = useState('');
  const missing = mottakere.filter((m) => kanaler[m.systemId] === 'epost' && !m.epostadresse);
  const anyEpost = mottakere.some((m) => kanaler[m.systemId] === 'epost');

  const versjonAv = (d: Dok) => (valgt[d.systemId] === undefined ? versjonsnumre(d)[0]! : valgt[d.systemId]);
  const valgte = dokumenter.filter((d) => versjonAv(d) !== false);
  // Documents there, none chosen: nothing to send (a letter without documents may still go on paper or another channel).
  const ingenValgt = dokumenter.length > 0 && valgte.length === 0;
  const alleNyeste = valgte.length === dokumenter.length && valgte.every((d) => versjonAv(d) === versjonsnumre(d)[0]);
  const dokumentValg = (): DokumentValg => ({
    dokumenter: valgte.map((d) => ({ dokumentId: d.systemId, versjonsnummer: versjonAv(d) as number })),
    ...(medMerknader ? { merknader: true } : {}),
  });
  const body = (): EkspederBody => ({
    mottakere: mottakere.map((m) => ({ korrespondansepartId: m.systemId, kanal: kanaler[m.systemId] ?? 'epost' })),
    // Sent only when chosen: the defaults are the server's (attachment, no free text, every document in its newest version).
    ...(som === 'tekst' ? { hoveddokumentSom: 'tekst' as const } : {}),
    ...(epostTekst.trim() ? { epostTekst: epostTekst.trim() } : {}),
    ...(alleNyeste ? {} : { dokumenter: [...dokumentValg().dokumenter] }),
    ...(medMerknader ? { merknader: true } : {}),
  });
  const run = async (work: () => Promise<void>) => {
    setError(null);
    setMelding('');
    try {
      await work();
    } catch (e) {
      setError(e);
    }
  };
  const forhaandsvis = () => run(async () => setPreview(await api.forhaandsvisEkspedering(jp.systemId, body()))).then(() => undefined);
  const visDokument = (d: Dok) => {
    const nr = versjonAv(d);
    return openDocument(() => (typeof nr === 'number' && nr !== versjonsnumre(d)[0] ? api.dokumentVersjonInnhold(d.systemId, nr) : api.dokumentInnhold(d.systemId)), setError);
  };
  const send = async () => {
    setError(null);
    if (missing.length) return setStoppet(true);
    try {
      await api.ekspeder(jp.systemId, body());
      onChanged();
    } catch (e) {
      // The server stops it too (a recipient's address removed meanwhile): the form takes over.
      if (e instanceof ApiError && e.problem.code === 'recipient_without_address') setStoppet(true);
      setError(e);
    }
  };
  /** The addresses typed where the expedition stopped: saved on each recipient, then the expedition goes on. */
  const lagreOgFortsett = () =>
    run(async () => {
      for (const m of missing) await api.settEpostadresse(m.systemId, (adresser[m.systemId] ?? '').trim());
      await api.ekspeder(jp.systemId, body());
      setStoppet(false);
      // The addresses are saved even when the expedition then fails: the journalpost is read again either way.
    }).then(() => onChanged());
  const skrivUt = () => openDocument(() => api.utskrift(dokumentValg()), setError);
  const sendUformelt = () =>
    run(async () => {
      const pakke = await api.sendepakke({ ...dokumentValg(), som: uformeltSom });
      const merknader = medMerknader ? jp.merknader.map((m) => `${m.merknadstype === 'FORMELL' ? t.formell : t.uformell}: ${m.merknadstekst}`) : [];
      const esc = (x: string) => x.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
      const tekst = [pakke.tekst, ...(merknader.length ? ['', `${t.merknader}:`, ...merknader] : [])].join('\n');
      await port.newMessage({
        to: mottakere.map((m) => m.epostadresse).filter((a): a is string => !!a),
        subject: pakke.emne,
        htmlBody: `<p>${esc(tekst).replace(/\n/g, '<br>')}</p>`,
        attachments: pakke.vedlegg.map((v) => ({ name: v.filnavn, url: new URL(v.url, window.location.href).href })),
      });
      setMelding(tv.aapnet);
    });

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
        <div role="group" aria-label={tv.dokumenter} className={s.stack}>
          <span>{tv.dokumenter}</span>
          <ul className={s.list} aria-label={t.dokumenterSomSendes}>
            {dokumenter.map((d) => {
              const nr = versjonAv(d);
              const navn = `${d.dokumentnummer}. ${d.tittel} (${d.tilknyttetRegistreringSom === 'H' ? t.hoveddokument : t.vedleggEn})`;
              return (
                <li key={d.systemId} className={s.stack}>
                  <Checkbox
                    label={navn}
                    checked={nr !== false}
                    onChange={(_, c) => {
                      setValgt({ ...valgt, [d.systemId]: c.checked ? versjonsnumre(d)[0]! : false });
                      setPreview(null);
                    }}
                  />
                  <div className={s.row}>
                    {nr !== false && versjonsnumre(d).length > 1 ? (
                      <Field label={`${tv.versjon}: ${d.tittel}`}>
                        <Select
                          value={String(nr)}
                          onChange={(_, v) => {
                            setValgt({ ...valgt, [d.systemId]: Number(v.value) });
                            setPreview(null);
                          }}
                        >
                          {versjonsnumre(d).map((n, i) => (
                            <option key={n} value={n}>
                              {`v${n}${i === 0 ? ` (${tv.nyeste})` : ''}`}
                            </option>
                          ))}
                        </Select>
                      </Field>
                    ) : null}
                    {nr !== false ? (
                      <Button size="small" aria-label={`${t.preview}: ${d.tittel}`} onClick={() => void visDokument(d)}>
                        {t.preview}
                      </Button>
                    ) : null}
                  </div>
                </li>
              );
            })}
          </ul>
          {jp.merknader.length ? <Checkbox label={`${tv.merknader} (${jp.merknader.length})`} checked={medMerknader} onChange={(_, c) => setMedMerknader(c.checked === true)} /> : null}
          {ingenValgt ? <p className={s.muted}>{tv.ingenDokumenter}</p> : null}
        </div>
      ) : null}
      {missing.length && !stoppet ? (
        <MessageBar intent="warning">
          <MessageBarBody>
            {t.manglerAdresse}: {missing.map((m) => m.navn).join(', ')}
          </MessageBarBody>
        </MessageBar>
      ) : null}
      {stoppet && missing.length ? (
        <div role="group" aria-label={tv.epostFor} className={s.stack}>
          <MessageBar intent="warning">
            <MessageBarBody>{tv.stoppet}</MessageBarBody>
          </MessageBar>
          {missing.map((m) => (
            <Field key={m.systemId} label={`${tv.epostFor} ${m.navn}`} required>
              <Input type="email" value={adresser[m.systemId] ?? ''} onChange={(_, d) => setAdresser({ ...adresser, [m.systemId]: d.value })} />
            </Field>
          ))}
          <Button appearance="primary" disabled={missing.some((m) => !/^\S+@\S+\.\S+$/.test((adresser[m.systemId] ?? '').trim())) || ingenValgt} onClick={() => void lagreOgFortsett()}>
            {tv.lagreOgFortsett}
          </Button>
        </div>
      ) : null}
      <div className={s.row}>
        <Button disabled={missing.length > 0 || ingenValgt} onClick={() => void forhaandsvis()}>
          {t.forhaandsvisUtsending}
        </Button>
        <Button appearance="primary" disabled={ingenValgt || (stoppet && missing.length > 0)} onClick={() => void send()}>
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
              {p.merknader?.length ? (
                <>
                  <br />
                  {t.merknader}: {p.merknader.join('; ')}
                </>
              ) : null}
              {p.tekst ? <pre className={s.muted} style={{ whiteSpace: 'pre-wrap' }}>{p.tekst}</pre> : null}
            </li>
          ))}
        </ul>
      ) : null}
      {dokumenter.length ? (
      <div role="group" aria-label={tv.sendUformelt} className={s.stack}>
        <p className={s.muted}>{tv.uformeltTekst}</p>
        <Field label={tv.som}>
          <RadioGroup layout="horizontal" value={uformeltSom} onChange={(_, d) => setUformeltSom(d.value as 'vedlegg' | 'pdf')}>
            <Radio value="pdf" label={tv.pdf} />
            <Radio value="vedlegg" label={tv.original} />
          </RadioGroup>
        </Field>
        <div className={s.row}>
          <Button disabled={valgte.length === 0} onClick={() => void skrivUt()}>
            {tv.skrivUt}
          </Button>
          <Button disabled={valgte.length === 0} onClick={() => void sendUformelt()}>
            {tv.sendUformelt}
          </Button>
        </div>
        {melding ? <p role="status">{melding}</p> : null}
      </div>
      ) : null}
      <ErrorBar error={error} />
    </section>
  );
}
