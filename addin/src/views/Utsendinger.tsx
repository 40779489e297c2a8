import { Button, Link, Subtitle2 } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { Api } from '../api/client';
import type { UtsendingView } from '../api/types';
import { useT } from '../i18n/strings';
import { ErrorBar, openDocument, useLoad, useStyles } from './common';

const POLL_MS = 5_000;

/**
 * The result of an expedition per recipient (§10.7): channel, delivery status from the outbox
 * (kept current while a mail waits or is being sent), the last error, and a paper recipient's
 * print bundle. Shown once the journalpost has deliveries.
 */
export function Utsendinger({ api, journalpostId, version }: { api: Api; journalpostId: string; version: number }) {
  const t = useT();
  const s = useStyles();
  const list = useLoad(() => api.utsendinger(journalpostId), [api, journalpostId, version]);
  const [error, setError] = useState<unknown>(null);
  const pending = (list.data ?? []).some((u) => u.status === 'VENTER' || u.status === 'SENDER');
  useEffect(() => {
    if (!pending) return;
    const timer = setInterval(list.reload, POLL_MS);
    return () => clearInterval(timer);
  }, [pending, list.reload]);

  const openPakke = (u: UtsendingView) => openDocument(() => api.utskriftspakke(u.pakke!), setError);

  if (!list.data?.length) return <ErrorBar error={list.error} />;
  return (
    <section className={s.section} aria-labelledby="utsendinger-h">
      <Subtitle2 as="h3" id="utsendinger-h">
        {t.utsendinger}
      </Subtitle2>
      <ul className={s.list} aria-label={t.utsendinger}>
        {list.data.map((u) => (
          <li key={u.systemId} data-utsending={u.status}>
            {u.mottakerNavn}
            {u.mottakerEpost ? ` <${u.mottakerEpost}>` : ''} · {u.kanalBeskrivelse ?? t.kanaler[u.kanal]} · <strong>{t.utsendingStatus[u.status]}</strong>
            {u.sistFeil ? ` · ${u.sistFeil}` : ''}
            {u.pakke ? (
              <>
                {' · '}
                <Link onClick={() => void openPakke(u)}>{t.utskriftspakke}</Link>
              </>
            ) : null}
          </li>
        ))}
      </ul>
      <Button size="small" onClick={list.reload}>
        {t.oppdater}
      </Button>
      <ErrorBar error={error ?? list.error} />
    </section>
  );
}
