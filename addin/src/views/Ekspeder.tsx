import { Button, Field, MessageBar, MessageBarBody, Radio, RadioGroup, Select, Subtitle2 } from '@fluentui/react-components';
import { useState } from 'react';
import type { Api } from '../api/client';
import type { EkspederInput, EkspederResultat, JournalpostView, Kanal } from '../api/types';
import { useT } from '../i18n/strings';
import { ErrorBar, useStyles } from './common';

/**
 * Ekspeder (§10.7): a channel per recipient, main document as body or attachment, preview of
 * every document, missing addresses shown before sending, the result per recipient.
 */
export function Ekspeder({ api, jp, onChanged }: { api: Api; jp: JournalpostView; onChanged: () => void }) {
  const t = useT();
  const s = useStyles();
  const mottakere = jp.korrespondanseparter.filter((p) => ['EM', 'EK', 'IM', 'IK'].includes(p.korrespondanseparttype));
  const [kanaler, setKanaler] = useState<Record<string, Kanal>>(() => Object.fromEntries(mottakere.map((m) => [m.systemId, m.epostadresse ? 'EPOST' : 'PAPIR'])));
  const [som, setSom] = useState<'BRODTEKST' | 'VEDLEGG'>('VEDLEGG');
  const [resultat, setResultat] = useState<EkspederResultat | null>(null);
  const [error, setError] = useState<unknown>(null);
  const missing = mottakere.filter((m) => kanaler[m.systemId] === 'EPOST' && !m.epostadresse);
  const input = (): EkspederInput => ({ mottakere: mottakere.map((m) => ({ korrespondansepartId: m.systemId, kanal: kanaler[m.systemId] ?? 'EPOST' })), hoveddokumentSom: som });
  const send = async () => {
    setError(null);
    try {
      setResultat(await api.ekspeder(jp.systemId, input()));
      onChanged();
    } catch (e) {
      setError(e);
    }
  };
  if (jp.abilities.ekspeder === false) return null;
  return (
    <section className={s.section} aria-labelledby="ekspeder-h">
      <Subtitle2 as="h3" id="ekspeder-h">
        {t.ekspeder}
      </Subtitle2>
      <ul className={s.list} aria-label={t.mottaker}>
        {mottakere.map((m) => (
          <li key={m.systemId} className={s.row}>
            <Field label={`${m.navn} ${m.epostadresse ? `<${m.epostadresse}>` : ''}`}>
              <Select value={kanaler[m.systemId]} onChange={(_, d) => setKanaler({ ...kanaler, [m.systemId]: d.value as Kanal })}>
                {(['EPOST', 'PAPIR', 'ANNEN'] as const).map((k) => (
                  <option key={k} value={k}>
                    {t.kanaler[k]}
                  </option>
                ))}
              </Select>
            </Field>
          </li>
        ))}
      </ul>
      <Field label={t.hoveddokumentSom}>
        <RadioGroup value={som} onChange={(_, d) => setSom(d.value as 'BRODTEKST' | 'VEDLEGG')}>
          <Radio value="VEDLEGG" label={t.somVedlegg} />
          <Radio value="BRODTEKST" label={t.brodtekst} />
        </RadioGroup>
      </Field>
      {missing.length ? (
        <MessageBar intent="warning">
          <MessageBarBody>
            {t.manglerAdresse}: {missing.map((m) => m.navn).join(', ')}
          </MessageBarBody>
        </MessageBar>
      ) : null}
      <Button appearance="primary" disabled={missing.length > 0 || mottakere.length === 0} onClick={() => void send()}>
        {t.ekspeder}
      </Button>
      {resultat ? (
        <ul className={s.list} aria-label={t.resultat}>
          {resultat.mottakere.map((r) => (
            <li key={r.korrespondansepartId}>
              {r.navn}: {t.kanaler[r.kanal]} – {r.status} {r.melding ?? ''}
            </li>
          ))}
        </ul>
      ) : null}
      <ErrorBar error={error} />
    </section>
  );
}
