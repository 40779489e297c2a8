import { Button, Link, MessageBar, MessageBarBody, ProgressBar } from '@fluentui/react-components';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Api } from '../api/client';
import { checkImported, findImported, type ImportItem, importMails, type ImportOutcome } from '../api/import-mail';
import { useT } from '../i18n/strings';
import { ARKIVERT_KATEGORI, type LoadedMail, type MailboxPort, type MailItem, type Progress } from '../office/port';
import { ErrorBar, useStyles } from './common';
import { ImportListe, type ImportPost, importPost } from './ImportListe';
import { choicesOf, forslag, MailRegistrering, type MailValg } from './ImportValg';
import { type Navigate, type RecentSak, rememberSak } from './nav';
import { type NySak, SakPicker } from './SakPicker';
import { ViewHeading } from './shell';

/** Importer til sak (§10.3): one open mail, several selected mails, or dropped .eml/.msg files. */
export function Importer({ api, port, navigate, newSak, preselect }: { api: Api; port: MailboxPort; navigate: Navigate; newSak?: boolean; preselect?: RecentSak | undefined }) {
  const t = useT();
  const s = useStyles();
  const [item, setItem] = useState<MailItem | null>(null);
  const [count, setCount] = useState(0);
  const [imported, setImported] = useState<{ registreringsId: string; journalpostId: string } | null>(null);
  const [sak, setSak] = useState<RecentSak | null>(preselect ?? null);
  const [nySak, setNySak] = useState<NySak | null>(null);
  // §10.3 check and correct before saving: the one mail's choices, or each mail's of several.
  const [valg, setValg] = useState<MailValg>(() => forslag({ subject: '', direction: 'received', originalSender: null }));
  const [poster, setPoster] = useState<readonly ImportPost[]>([]);
  const [henter, setHenter] = useState<Progress | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [outcomes, setOutcomes] = useState<ImportOutcome[]>([]);
  const [dropped, setDropped] = useState<readonly LoadedMail[]>([]);
  const [error, setError] = useState<unknown>(null);

  // The server's answer for a mail counts only while that mail is still the one shown.
  const shownSeq = useRef(0);
  const askServer = useCallback(
    (mail: MailItem | null) => {
      const seq = ++shownSeq.current;
      void checkImported(api, mail).then((r) => {
        if (seq === shownSeq.current) setImported(r);
      });
    },
    [api],
  );
  // Several selected mails are loaded to be listed; only the newest selection's load counts.
  const selectionSeq = useRef(0);
  const refresh = useCallback(async () => {
    const seq = ++selectionSeq.current;
    const [current, n] = await Promise.all([port.currentItem(), port.selectedCount()]);
    if (seq !== selectionSeq.current) return;
    setItem(current);
    setCount(n);
    setOutcomes([]);
    setProgress(null);
    setDropped([]);
    setPoster([]);
    setHenter(null);
    if (current) {
      setValg(forslag(current));
      setImported(findImported(current.internetMessageId));
      askServer(current);
    } else {
      shownSeq.current++;
      setImported(null);
    }
    if (n > 1) {
      try {
        const mails = await port.loadSelected((p) => seq === selectionSeq.current && setHenter(p));
        if (seq === selectionSeq.current) setPoster(mails.map(importPost));
      } catch (e) {
        if (seq === selectionSeq.current) setError(e);
      }
    }
  }, [port, askServer]);
  useEffect(() => {
    void refresh();
    return port.onItemChanged(() => void refresh());
  }, [port, refresh]);

  const many = poster.length > 1;
  const run = async () => {
    if (!sak && !nySak) return;
    setError(null);
    setOutcomes([]);
    try {
      // Several: the mails listed, each with its own choices, those taken out left behind (one that
      // could not be loaded is reported with the results). One: as the form says.
      const mails: readonly LoadedMail[] = many ? poster.filter((p) => p.med || !p.mail.ok).map((p) => p.mail) : dropped.length ? dropped : await port.loadSelected(setProgress);
      const items: ImportItem[] = many
        ? poster.flatMap((p) => (p.med && p.mail.ok && p.valg ? [{ mail: p.mail, choices: choicesOf(p.valg) }] : []))
        : mails.flatMap((m) => (m.ok ? [{ mail: m, choices: choicesOf(valg) }] : []));
      setProgress({ done: 0, total: mails.length });
      const done = items.length ? await importMails(api, nySak ? { nySak } : { sakId: sak!.sakId }, items, (n) => setProgress({ done: n, total: mails.length })) : [];
      // Each archived mail gets the Outlook category "Arkivert" (dropped files are not in the mailbox).
      if (!dropped.length) await Promise.all(done.map((o, i) => (o.ok ? port.addCategory(items[i]!.mail.item.itemId, ARKIVERT_KATEGORI).catch(() => undefined) : undefined)));
      const first = done.find((o) => o.ok);
      if (nySak && first?.ok) {
        // The server created the sak with the first mail: from now on it is the chosen sak.
        const created = { sakId: first.journalpost.sakId, saksnummer: first.journalpost.saksnummer, tittel: nySak.sakTittel };
        rememberSak(created);
        setSak(created);
        setNySak(null);
      }
      const failed: ImportOutcome[] = mails.flatMap((m) => (m.ok ? [] : [{ ok: false as const, subject: m.subject, error: m.error }]));
      const out = [...done, ...failed];
      setProgress({ done: out.length, total: mails.length });
      setOutcomes(out);
      if (item) setImported(findImported(item.internetMessageId));
    } catch (e) {
      setError(e);
    }
  };

  const onDrop = async (e: React.DragEvent) => {
    e.preventDefault();
    const files = [...e.dataTransfer.files];
    if (!files.length) return;
    const read = await port.readDroppedFiles(files);
    selectionSeq.current++;
    setDropped(read);
    setOutcomes([]);
    setProgress(null);
    setHenter(null);
    const first = read[0];
    if (read.length > 1) {
      setPoster(read.map(importPost));
    } else if (first?.ok) {
      setPoster([]);
      // The form now describes the dropped mail, not the one selected in Outlook.
      setValg({ ...forslag(first.item), tittel: first.item.subject, useOriginal: false });
      setImported(findImported(first.item.internetMessageId));
      askServer(first.item);
    }
  };

  const shown = dropped.length === 1 && dropped[0]!.ok ? dropped[0]!.item : dropped.length ? null : item;
  const loadingMany = !many && !dropped.length && count > 1;
  return (
    <section className={s.stack} aria-labelledby="importer-h" onDragOver={(e) => e.preventDefault()} onDrop={(e) => void onDrop(e)}>
      <ViewHeading id="importer-h">
        {t.importer}
      </ViewHeading>
      {dropped.length ? (
        <p>
          {t.selectedMails}: {dropped.length} ({dropped.map((d) => (d.ok ? d.item.subject : d.subject)).join(', ')})
        </p>
      ) : count > 1 ? (
        <p data-testid="selected-count">
          {t.selectedMails}: {count}
        </p>
      ) : item ? (
        <p>
          <strong>{item.subject}</strong> — {item.from?.name} &lt;{item.from?.email}&gt; · {t.direction[item.direction]}
        </p>
      ) : (
        <p className={s.muted}>{t.noMail}</p>
      )}
      {imported ? (
        <MessageBar intent="info">
          <MessageBarBody>
            {t.alreadyImported}{' '}
            <Link onClick={() => navigate({ view: 'journalpost', journalpostId: imported.journalpostId })}>{imported.registreringsId}</Link>
          </MessageBarBody>
        </MessageBar>
      ) : null}
      {shown?.categories?.includes(ARKIVERT_KATEGORI) ? (
        <MessageBar intent="info">
          <MessageBarBody data-testid="kategori-arkivert">{t.svarEpost.kategoriArkivert}</MessageBarBody>
        </MessageBar>
      ) : null}
      <SakPicker
        api={api}
        value={sak}
        onChange={(s) => {
          setSak(s);
          setNySak(null);
        }}
        onNew={(n) => {
          setNySak(n);
          setSak(null);
        }}
        pendingNew={nySak}
        startNew={newSak}
        suggestedTitle={many ? (poster.find((p) => p.med)?.valg?.tittel ?? '') : valg.tittel}
      />
      {many ? (
        // Another batch is another list: its first mail opens, whatever was open before.
        <ImportListe key={poster.map((p) => (p.mail.ok ? p.mail.item.itemId : p.mail.itemId)).join('\n')} poster={poster} onChange={(i, next) => setPoster((ps) => ps.map((p, j) => (j === i ? next : p)))} />
      ) : loadingMany ? (
        <ProgressBar value={henter?.total ? henter.done / henter.total : undefined} aria-label={`${t.hverEpost.henter} ${henter?.done ?? 0}/${henter?.total ?? count}`} />
      ) : shown ? (
        <MailRegistrering item={shown} valg={valg} onChange={setValg} label={t.registrering} />
      ) : null}
      <div className={s.row}>
        <Button appearance="primary" disabled={(!sak && !nySak) || loadingMany || (many ? !poster.some((p) => p.med) : !item && count === 0 && !dropped.length)} onClick={() => void run()}>
          {t.importButton}
        </Button>
      </div>
      {progress ? <ProgressBar value={progress.total ? progress.done / progress.total : 0} aria-label={`${t.importing} ${progress.done}/${progress.total}`} /> : null}
      {progress ? (
        <p aria-live="polite">
          {t.importing}: {progress.done}/{progress.total}
        </p>
      ) : null}
      <ul className={s.list} aria-label={t.resultat}>
        {outcomes.map((o, i) => (
          <li key={i}>
            {o.ok ? (
              <>
                {t.imported}:{' '}
                <Link onClick={() => navigate({ view: 'journalpost', journalpostId: o.journalpost.systemId })}>
                  {o.journalpost.registreringsId} {o.journalpost.tittel}
                </Link>
                {o.ekspedert ? ` · ${t.sentExpedited}` : ''}
                {o.advarsler.length ? ` · ${o.advarsler.join('; ')}` : ''}
              </>
            ) : (
              <>
                {t.failed}: {o.subject} – {o.error}
                {o.existingJournalpostId ? (
                  <>
                    {' '}
                    <Link onClick={() => navigate({ view: 'journalpost', journalpostId: o.existingJournalpostId! })}>{t.openExisting}</Link>
                  </>
                ) : null}
              </>
            )}
          </li>
        ))}
      </ul>
      <ErrorBar error={error} />
    </section>
  );
}
