import { Button } from '@fluentui/react-components';
import { useState } from 'react';
import type { Api } from '../api/client';
import { useT } from '../i18n/strings';
import type { MailboxPort } from '../office/port';
import { ErrorBar, Loading, useLoad, useStyles } from './common';
import type { RecentSak } from './nav';
import { SakPicker } from './SakPicker';
import { ViewHeading } from './shell';

/** Compose mode: attach documents from a sak to the message being written. */
export function Compose({ api, port }: { api: Api; port: MailboxPort }) {
  const t = useT();
  const s = useStyles();
  const [sak, setSak] = useState<RecentSak | null>(null);
  const [attached, setAttached] = useState<string[]>([]);
  const [error, setError] = useState<unknown>(null);
  const jps = useLoad(async () => (sak ? (await api.sakJournalposter(sak.sakId)).items : []), [sak?.sakId]);
  const attach = async (dokumentId: string, tittel: string, filnavn: string) => {
    setError(null);
    try {
      const blob = await api.dokumentInnhold(dokumentId);
      await port.attachToCompose({ name: filnavn, contentType: blob.type, bytes: new Uint8Array(await blob.arrayBuffer()) });
      setAttached((a) => [...a, tittel]);
    } catch (e) {
      setError(e);
    }
  };
  return (
    <section className={s.stack} aria-labelledby="compose-h">
      <ViewHeading id="compose-h">
        {t.attachDocuments}
      </ViewHeading>
      <SakPicker api={api} value={sak} onChange={setSak} suggestedTitle="" />
      {jps.loading ? <Loading /> : null}
      <ErrorBar error={jps.error} />
      <ul className={s.list} aria-label={t.dokumenter}>
        {(jps.data ?? []).flatMap((jp) =>
          jp.dokumenter
            .filter((d) => !d.skjermet && d.versjoner.length)
            .map((d) => (
              <li key={d.systemId}>
                {jp.registreringsId} {d.tittel}{' '}
                <Button size="small" onClick={() => void attach(d.systemId, d.tittel, d.versjoner.find((v) => v.aktiv)?.filnavn ?? d.versjoner[0]!.filnavn)}>
                  {t.attach}
                </Button>
              </li>
            )),
        )}
      </ul>
      {attached.length ? (
        <p aria-live="polite">
          {t.attached}: {attached.join(', ')}
        </p>
      ) : null}
      <ErrorBar error={error} />
    </section>
  );
}
