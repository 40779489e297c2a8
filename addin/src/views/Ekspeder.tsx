import { Button, Field, MessageBar, MessageBarBody, Radio, RadioGroup, Select, Subtitle2, Textarea } from '@fluentui/react-components';
import { useState } from 'react';
import type { Api } from '../api/client';
import type { EkspederBody, JournalpostView, Kanal } from '../api/types';
import { useT } from '../i18n/strings';
import { ErrorBar, useStyles } from './common';

const KANALER: readonly Kanal[] = ['epost', 'papir', 'annen'];

/**
 * Ekspeder (§10.7, POST /api/journalposter/:id/ekspeder): a channel per external recipient
 * (e-mail when there is an address, else paper), the main document as mail text or attachment,
 * a free mail text that is not archived. E-mail recipients without an address are named and
 * stop the expedition before it is sent; the server says the same if asked anyway.
 */
export function Ekspeder({ api, jp, onChanged }: { api: Api; jp: JournalpostView; onChanged: () => void }) {
  const t = useT();
  const s = useStyles();
  const mottakere = jp.korrespondanseparter.filter((p) => p.korrespondanseparttype === 'EM' || p.korrespondanseparttype === 'EK');
  const [kanaler, setKanaler] = useState<Record<string, Kanal>>(() => Object.fromEntries(mottakere.map((m) => [m.systemId, m.epostadresse ? 'epost' : 'papir'])));
  const [som, setSom] = useState<'vedlegg' | 'tekst'>('vedlegg');
  const [epostTekst, setEpostTekst] = useState('');
  const [error, setError] = useState<unknown>(null);
  const missing = mottakere.filter((m) => kanaler[m.systemId] === 'epost' && !m.epostadresse);
  const anyEpost = mottakere.some((m) => kanaler[m.systemId] === 'epost');
  const body = (): EkspederBody => ({
    mottakere: mottakere.map((m) => ({ korrespondansepartId: m.systemId, kanal: kanaler[m.systemId] ?? 'epost' })),
    // Sent only when chosen: the defaults are the server's (attachment, no free text).
    ...(som === 'tekst' ? { hoveddokumentSom: 'tekst' as const } : {}),
    ...(epostTekst.trim() ? { epostTekst: epostTekst.trim() } : {}),
  });
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
              <Select value={kanaler[m.systemId]} onChange={(_, d) => setKanaler({ ...kanaler, [m.systemId]: d.value as Kanal })}>
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
      {missing.length ? (
        <MessageBar intent="warning">
          <MessageBarBody>
            {t.manglerAdresse}: {missing.map((m) => m.navn).join(', ')}
          </MessageBarBody>
        </MessageBar>
      ) : null}
      <Button appearance="primary" disabled={missing.length > 0} onClick={() => void send()}>
        {t.ekspeder}
      </Button>
      <ErrorBar error={error} />
    </section>
  );
}
