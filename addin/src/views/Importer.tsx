import { Button, Field, Input, Link, MessageBar, MessageBarBody, ProgressBar, Select } from '@fluentui/react-components';
import { useCallback, useEffect, useRef, useState } from 'react';
import { vedleggTittel } from '@arkiv/shared';
import type { Api } from '../api/client';
import { checkImported, findImported, type ImportChoices, importMails, type ImportOutcome } from '../api/import-mail';
import { useT } from '../i18n/strings';
import { ARKIVERT_KATEGORI, type LoadedMail, type MailboxPort, type MailItem, type Progress } from '../office/port';
import { ErrorBar, useStyles } from './common';
import { type Navigate, type RecentSak, rememberSak } from './nav';
import { type NySak, SakPicker } from './SakPicker';
import { ViewHeading } from './shell';

const TILGANGSKODER = ['IS', 'U', 'P', 'P1', 'E', 'S', 'XX'];

/** The sender to be registered, correctable before saving (§10.3: name and e-mail address). */
function AvsenderFelt({ avsender, onChange }: { avsender: { name: string; email: string } | { navn: string; epost: string }; onChange: (a: { navn: string; epost: string }) => void }) {
  const t = useT();
  const s = useStyles();
  const a = 'navn' in avsender ? avsender : { navn: avsender.name, epost: avsender.email };
  return (
    <div className={s.stack} role="group" aria-label={t.svarEpost.avsenderRettes}>
      <Field label={`${t.avsender}: ${t.svarEpost.navn}`}>
        <Input value={a.navn} onChange={(_, d) => onChange({ ...a, navn: d.value })} />
      </Field>
      <Field label={`${t.avsender}: ${t.svarEpost.epost}`}>
        <Input type="email" value={a.epost} onChange={(_, d) => onChange({ ...a, epost: d.value })} />
      </Field>
    </div>
  );
}

/** Importer til sak (§10.3): one open mail, several selected mails, or dropped .eml/.msg files. */
export function Importer({ api, port, navigate, newSak, preselect }: { api: Api; port: MailboxPort; navigate: Navigate; newSak?: boolean; preselect?: RecentSak | undefined }) {
  const t = useT();
  const s = useStyles();
  const [item, setItem] = useState<MailItem | null>(null);
  const [count, setCount] = useState(0);
  const [imported, setImported] = useState<{ registreringsId: string; journalpostId: string } | null>(null);
  const [sak, setSak] = useState<RecentSak | null>(preselect ?? null);
  const [nySak, setNySak] = useState<NySak | null>(null);
  const [vedleggTitler, setVedleggTitler] = useState<Record<string, string>>({});
  const [type, setType] = useState<ImportChoices['journalposttype']>('I');
  const [tittel, setTittel] = useState('');
  const [tittel2, setTittel2] = useState('');
  const [forfall, setForfall] = useState('');
  const [useOriginal, setUseOriginal] = useState(false);
  // §10.3 check the sender: the user's correction (null: as the mail says).
  const [avsenderRettet, setAvsenderRettet] = useState<{ navn: string; epost: string } | null>(null);
  const [kode, setKode] = useState('');
  const [nivaa, setNivaa] = useState<1 | 2 | 3>(1);
  const [hjemmel, setHjemmel] = useState('');
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
  const refresh = useCallback(async () => {
    const [current, n] = await Promise.all([port.currentItem(), port.selectedCount()]);
    setItem(current);
    setCount(n);
    setOutcomes([]);
    setDropped([]);
    setVedleggTitler({});
    setAvsenderRettet(null);
    if (current) {
      setType(current.direction === 'sent' ? 'U' : 'I');
      setTittel(current.subject.replace(/^\s*(sv|re|vs|fw|fwd)\s*:\s*/i, ''));
      setUseOriginal(!!current.originalSender);
      setImported(findImported(current.internetMessageId));
      askServer(current);
    } else {
      shownSeq.current++;
      setImported(null);
    }
  }, [port, askServer]);
  useEffect(() => {
    void refresh();
    return port.onItemChanged(() => void refresh());
  }, [port, refresh]);

  const run = async () => {
    if (!sak && !nySak) return;
    setError(null);
    setOutcomes([]);
    try {
      const mails = dropped.length ? dropped : await port.loadSelected(setProgress);
      const loaded = mails.filter((m): m is LoadedMail & { ok: true } => m.ok);
      const choices: ImportChoices | undefined =
        mails.length === 1
          ? {
              journalposttype: type,
              tittel,
              tittel2,
              forfallsdato: forfall,
              brukOpprinneligAvsender: useOriginal,
              avsender: avsenderRettet,
              skjerming: kode ? { tilgangskode: kode as 'U', skjermingsnivaa: nivaa, skjermingshjemmel: hjemmel || 'Offl. § 13' } : null,
              // Only the titles the user changed; the server names the rest the same way.
              vedleggTitler: Object.fromEntries(Object.entries(vedleggTitler).filter(([navn, tittel]) => tittel.trim() && tittel.trim() !== vedleggTittel(navn))),
            }
          : // Several mails: each by its folder, the original sender of a forwarded one (§10.3).
            undefined;
      setProgress({ done: 0, total: mails.length });
      const done = loaded.length ? await importMails(api, nySak ? { nySak } : { sakId: sak!.sakId }, loaded, choices) : [];
      // Each archived mail gets the Outlook category "Arkivert" (dropped files are not in the mailbox).
      if (!dropped.length) await Promise.all(done.map((o, i) => (o.ok ? port.addCategory(loaded[i]!.item.itemId, ARKIVERT_KATEGORI).catch(() => undefined) : undefined)));
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
    setDropped(read);
    setOutcomes([]);
    const first = read[0];
    if (read.length === 1 && first?.ok) {
      // The form now describes the dropped mail, not the one selected in Outlook.
      setType(first.item.direction === 'sent' ? 'U' : 'I');
      setTittel(first.item.subject);
      setUseOriginal(false);
      setVedleggTitler({});
      setImported(findImported(first.item.internetMessageId));
      askServer(first.item);
    }
  };

  const many = dropped.length > 1 || (!dropped.length && count > 1);
  const shown = dropped.length === 1 && dropped[0]!.ok ? dropped[0]!.item : dropped.length ? null : item;
  const vedlegg = shown?.attachments.filter((a) => !a.isInline) ?? [];
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
        suggestedTitle={tittel}
      />
      {!many && (item || dropped.length === 1) ? (
        <div className={s.stack} role="group" aria-label={t.registrering}>
          <Field label={t.dokumenttype}>
            <Select value={type} onChange={(_, d) => setType(d.value as ImportChoices['journalposttype'])}>
              <option value="I">I – Inngående</option>
              <option value="U">U – Utgående</option>
              <option value="N">N – Notat med oppfølging</option>
              <option value="X">X – Notat uten oppfølging</option>
            </Select>
          </Field>
          <Field label={t.tittel} required>
            <Input value={tittel} onChange={(_, d) => setTittel(d.value)} />
          </Field>
          <Field label={t.tittel2}>
            <Input value={tittel2} onChange={(_, d) => setTittel2(d.value)} />
          </Field>
          <Field label={t.forfallsdato}>
            <Input type="date" value={forfall} onChange={(_, d) => setForfall(d.value)} />
          </Field>
          {!dropped.length && item?.originalSender ? (
            <Field label={t.avsender}>
              <Select value={useOriginal ? 'original' : 'from'} onChange={(_, d) => setUseOriginal(d.value === 'original')}>
                <option value="original">
                  {t.originalSender}: {item.originalSender.name} &lt;{item.originalSender.email}&gt;
                </option>
                <option value="from">
                  {item.from?.name} &lt;{item.from?.email}&gt;
                </option>
              </Select>
            </Field>
          ) : null}
          {type === 'I' && shown ? (
            <AvsenderFelt
              avsender={avsenderRettet ?? (useOriginal && shown.originalSender ? shown.originalSender : { name: shown.from?.name ?? '', email: shown.from?.email ?? '' })}
              onChange={setAvsenderRettet}
            />
          ) : null}
          {vedlegg.length ? (
            <div className={s.stack} role="group" aria-label={t.vedleggTitler}>
              {vedlegg.map((a) => (
                <Field key={a.id} label={`${t.vedleggEn}: ${a.name}`}>
                  <Input value={vedleggTitler[a.name] ?? vedleggTittel(a.name)} onChange={(_, d) => setVedleggTitler((v) => ({ ...v, [a.name]: d.value }))} />
                </Field>
              ))}
            </div>
          ) : null}
          <div className={s.row} role="group" aria-label={t.skjerming}>
            <Field label={t.skjerming}>
              <Select value={kode} onChange={(_, d) => setKode(d.value)}>
                <option value="">{t.ingenSkjerming}</option>
                {TILGANGSKODER.map((k) => (
                  <option key={k}>{k}</option>
                ))}
              </Select>
            </Field>
            {kode ? (
              <>
                <Field label={t.nivaa}>
                  <Select value={String(nivaa)} onChange={(_, d) => setNivaa(Number(d.value) as 1 | 2 | 3)}>
                    <option>1</option>
                    <option>2</option>
                    <option>3</option>
                  </Select>
                </Field>
                <Field label={t.hjemmel}>
                  <Input value={hjemmel} placeholder="Offl. § 13" onChange={(_, d) => setHjemmel(d.value)} />
                </Field>
              </>
            ) : null}
          </div>
        </div>
      ) : null}
      <div className={s.row}>
        <Button appearance="primary" disabled={(!sak && !nySak) || (!item && count === 0 && !dropped.length)} onClick={() => void run()}>
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
