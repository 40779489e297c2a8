import { Button, Checkbox, Link, MessageBar, MessageBarBody } from '@fluentui/react-components';
import { useCallback, useEffect, useState } from 'react';
import type { Api } from '../api/client';
import { checkImported } from '../api/import-mail';
import type { JournalpostView } from '../api/types';
import { useT } from '../i18n/strings';
import type { MailboxPort } from '../office/port';
import { ErrorBar, useLoad, useStyles } from './common';
import type { Navigate } from './nav';
import { type Arkivert, arkiverSendteSvar, svarMedEpost, ventendeSvar } from './svar-epost';

/** "One reply to several journalposter" (§10.2): the sak's other incoming journalposter with restanse. */
export function BesvarerOgsaa({ api, jp, valgt, setValgt }: { api: Api; jp: JournalpostView; valgt: readonly string[]; setValgt: (ids: string[]) => void }) {
  const t = useT();
  const s = useStyles();
  const andre = useLoad(() => api.sakJournalposter(jp.sakId, { limit: 200 }).then((p) => p.items.filter((x) => x.systemId !== jp.systemId && x.restanse && x.journalposttype === jp.journalposttype)), [api, jp.sakId, jp.systemId]);
  if (!andre.data?.length) return null;
  return (
    <div role="group" aria-label={t.svarEpost.flere} className={s.stack}>
      <span>{t.svarEpost.flere}</span>
      {andre.data.map((x) => (
        <Checkbox key={x.systemId} label={`${x.registreringsId} ${x.tittel}`} checked={valgt.includes(x.systemId)} onChange={(_, d) => setValgt(d.checked ? [...valgt, x.systemId] : valgt.filter((id) => id !== x.systemId))} />
      ))}
    </div>
  );
}

/** Svar med e-post: opens Outlook's reply to the senders of `jp` and `ogsaa`, with the reference; the pane then waits for it. */
export function SvarMedEpostKnapp({ api, port, jp, ogsaa }: { api: Api; port: MailboxPort; jp: JournalpostView; ogsaa: readonly string[] }) {
  const t = useT();
  const [error, setError] = useState<unknown>(null);
  const [aapnet, setAapnet] = useState(false);
  const harAdresse = jp.korrespondanseparter.some((p) => p.korrespondanseparttype === 'EA' && p.epostadresse);
  const svar = async () => {
    setError(null);
    try {
      const jps = [jp, ...(await Promise.all(ogsaa.map((id) => api.getJournalpost(id))))];
      // Outlook's own reply when the mail open in Outlook is the one this journalpost was imported from.
      const open = await port.currentItem().catch(() => null);
      const imported = open ? await checkImported(api, open) : null;
      await svarMedEpost(port, jps, imported?.journalpostId === jp.systemId ? (open?.internetMessageId ?? null) : null);
      setAapnet(true);
    } catch (e) {
      setError(e);
    }
  };
  return (
    <>
      <Button appearance="primary" disabled={!harAdresse} onClick={() => void svar()}>
        {t.svarEpost.knapp}
      </Button>
      {!harAdresse ? <span>{t.svarEpost.ingenAdresse}</span> : null}
      {aapnet ? (
        <MessageBar intent="info">
          <MessageBarBody>{t.svarEpost.aapnet}</MessageBarBody>
        </MessageBar>
      ) : null}
      <ErrorBar error={error} />
    </>
  );
}

/**
 * The waiting answers, archived as soon as they are found sent: when the pane opens, when the
 * user selects another mail, every half minute while some wait, and on request.
 */
export function SendteSvar({ api, port, navigate }: { api: Api; port: MailboxPort; navigate: Navigate }) {
  const t = useT();
  const s = useStyles();
  const [arkivert, setArkivert] = useState<Arkivert[]>([]);
  const [feil, setFeil] = useState<string[]>([]);
  const [venter, setVenter] = useState(() => ventendeSvar().length);
  const sjekk = useCallback(async () => {
    if (ventendeSvar().length === 0) return setVenter(0);
    const r = await arkiverSendteSvar(api, port);
    if (r.arkivert.length) setArkivert((a) => [...a, ...r.arkivert]);
    setFeil(r.feil);
    setVenter(ventendeSvar().length);
  }, [api, port]);
  useEffect(() => {
    void sjekk();
    const off = port.onItemChanged(() => void sjekk());
    const timer = setInterval(() => void sjekk(), 30_000);
    // A new waiting answer (from another view) shows up here too.
    const onStorage = () => setVenter(ventendeSvar().length);
    window.addEventListener('arkiv-svar-venter', onStorage);
    return () => {
      off();
      clearInterval(timer);
      window.removeEventListener('arkiv-svar-venter', onStorage);
    };
  }, [port, sjekk]);
  if (!venter && !arkivert.length && !feil.length) return null;
  return (
    <section aria-label={t.svarEpost.knapp} className={s.stack}>
      {arkivert.map((a) => (
        <MessageBar key={a.journalpostId} intent="success">
          <MessageBarBody>
            {t.svarEpost.arkivert} <Link onClick={() => navigate({ view: 'journalpost', journalpostId: a.journalpostId })}>{a.tittel}</Link>
          </MessageBarBody>
        </MessageBar>
      ))}
      {feil.map((f) => (
        <MessageBar key={f} intent="warning">
          <MessageBarBody>{f}</MessageBarBody>
        </MessageBar>
      ))}
      {venter ? (
        <div className={s.row}>
          <span data-testid="svar-venter">
            {t.svarEpost.venter}: {venter}
          </span>
          <Button size="small" onClick={() => void sjekk()}>
            {t.svarEpost.seEtter}
          </Button>
        </div>
      ) : null}
    </section>
  );
}
