import { Button, Checkbox, Combobox, Field, Input, Label, Link, makeStyles, MessageBar, MessageBarBody, Option, Radio, RadioGroup, Select } from '@fluentui/react-components';
import { useEffect, useMemo, useState } from 'react';
import type { Api } from '../../api/client';
import { importMails } from '../../api/import-mail';
import { ARKIVERT_KATEGORI, type MailboxPort, type MailItem } from '../../office/port';
import type { JournalpostView, Kodelister } from '../../api/types';
import { ErrorBar, useLoad, useStyles } from '../common';
import { type Navigate, type RecentSak, rememberSak } from '../nav';
import { type NySak, SakPicker } from '../SakPicker';
import { OrdVelger, ordITittel } from '../SkjermOrd';
import { arkivApi, type Korrespondent } from './api';
import { useArkivT } from './strings';
import { ViewHeading } from '../shell';

/** Long option texts (sak titles, code names) stay within the pane: selects shrink, fieldsets too. */
const useFit = makeStyles({
  fit: { minWidth: 0, maxWidth: '100%', '& .fui-Select': { maxWidth: '100%', minWidth: 0 }, '& select': { maxWidth: '100%', minWidth: 0, textOverflow: 'ellipsis' }, '& fieldset': { minWidth: 0, marginInline: 0 } },
});

/**
 * The dokumentsenter registers incoming paper post (§3.1, §10.1): the scanned letter as type I,
 * its sender (picked from earlier correspondents or typed), skjerming, the sak (chosen or
 * created), and to whom it goes: a saksbehandler, or a unit whose leader distributes it on.
 * The letter then waits in the receiver's Ubehandlet.
 *
 * Post from the shared postmottak mailbox goes the same way: with a mail selected in Outlook,
 * the mail import (as in Importer) registers it as type I with its attachments, the sender as
 * the dokumentsenter corrected it, and Fordel then passes it to the receiver.
 */
export function Registrer({ api, port, kodelister, navigate }: { api: Api; port?: MailboxPort | undefined; kodelister: Kodelister | undefined; navigate: Navigate }) {
  const a = useArkivT();
  const s = useStyles();
  const fit = useFit();
  const ark = useMemo(() => arkivApi(api), [api]);
  const brukere = useLoad(() => api.brukere(), [api]);
  const enheter = useLoad(() => ark.enheter(), [ark]);
  const [kilde, setKilde] = useState<'papir' | 'epost'>('papir');
  const [mail, setMail] = useState<MailItem | null>(null);
  const [nySak, setNySak] = useState<NySak | null>(null);
  const [sak, setSak] = useState<RecentSak | null>(null);
  const [tittel, setTittel] = useState('');
  const [tittel2, setTittel2] = useState('');
  const [avsender, setAvsender] = useState('');
  const [adresse, setAdresse] = useState('');
  const [epost, setEpost] = useState('');
  const [forslag, setForslag] = useState<Korrespondent[]>([]);
  const [dokumentdato, setDokumentdato] = useState('');
  const [kode, setKode] = useState('');
  const [nivaa, setNivaa] = useState('2');
  const [hjemmel, setHjemmel] = useState('');
  const [skjermedeOrd, setSkjermedeOrd] = useState<string[]>([]);
  const [fil, setFil] = useState<File | null>(null);
  const [pdfa, setPdfa] = useState(true);
  const [til, setTil] = useState<'saksbehandler' | 'enhet'>('saksbehandler');
  const [mottaker, setMottaker] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [ferdig, setFerdig] = useState<JournalpostView | null>(null);
  // Imported but not distributed (Fordel refused): the record, to distribute from it.
  const [ufordelt, setUfordelt] = useState<{ jp: JournalpostView; feil: unknown } | null>(null);

  const sokAvsender = async (q: string) => {
    setAvsender(q);
    if (q.trim().length < 2) return setForslag([]);
    try {
      setForslag(await ark.korrespondenter(q.trim()));
    } catch {
      setForslag([]);
    }
  };
  const velgAvsender = (navn: string) => {
    const k = forslag.find((f) => f.navn === navn);
    setAvsender(navn);
    if (k) {
      setAdresse([k.postadresse, [k.postnummer, k.poststed].filter(Boolean).join(' ')].filter(Boolean).join(', '));
      setEpost(k.epostadresse ?? '');
    }
  };
  // The mail selected in Outlook (the postmottak mailbox): its subject and sender fill the form.
  useEffect(() => {
    if (!port || kilde !== 'epost') return;
    const vis = async () => {
      const m = await port.currentItem();
      setMail(m);
      if (m) {
        setTittel(m.subject.replace(/^\s*(sv|re|vs|fw|fwd)\s*:\s*/i, ''));
        const fra = m.originalSender ?? m.from;
        setAvsender(fra?.name ?? '');
        setEpost(fra?.email ?? '');
        setAdresse('');
      }
    };
    void vis();
    return port.onItemChanged(() => void vis());
  }, [port, kilde]);

  const saksbehandlerId = til === 'saksbehandler' ? mottaker : (enheter.data?.find((e) => e.systemId === mottaker)?.lederId ?? '');
  const klar = (!!sak || (kilde === 'epost' && !!nySak)) && (kilde === 'papir' || !!mail) && tittel.trim() && avsender.trim() && saksbehandlerId && (!kode || hjemmel.trim());

  const nullstill = () => {
    setTittel('');
    setTittel2('');
    setSkjermedeOrd([]);
    setAvsender('');
    setAdresse('');
    setEpost('');
    setFil(null);
  };

  /** The selected mail through the mail import into the sak (or a new one), then Fordel to the receiver. */
  const registrerEpost = async () => {
    if (!port || (!sak && !nySak)) return setError(new Error(a.velgSak));
    setError(null);
    setUfordelt(null);
    setBusy(true);
    try {
      const loaded = await port.loadCurrent();
      if (!loaded?.ok) throw new Error(loaded ? loaded.error : a.ingenEpost);
      const choices = {
        journalposttype: 'I',
        tittel: tittel.trim(),
        tittel2: tittel2.trim(),
        avsender: { navn: avsender.trim(), epost: epost.trim() },
        skjerming: kode ? { tilgangskode: kode as never, skjermingsnivaa: Number(nivaa) as 1 | 2 | 3, skjermingshjemmel: hjemmel.trim() } : null,
      } as const;
      const [utfall] = await importMails(api, nySak ? { nySak } : { sakId: sak!.sakId }, [{ mail: loaded, choices }]);
      if (!utfall?.ok) throw new Error(utfall?.error ?? a.ingenEpost);
      if (nySak) {
        const laget = { sakId: utfall.journalpost.sakId, saksnummer: utfall.journalpost.saksnummer, tittel: nySak.sakTittel };
        rememberSak(laget);
        setSak(laget);
        setNySak(null);
      }
      await port.addCategory(loaded.item.itemId, ARKIVERT_KATEGORI).catch(() => undefined);
      // Imported, the letter is the dokumentsenter's; Fordel passes it on (its own step and historikk):
      // to a unit by naming the unit, so it is that unit's and its leader's, whatever else they lead.
      try {
        setFerdig(await api.fordel(utfall.journalpost.systemId, til === 'enhet' ? { administrativEnhetId: mottaker } : { saksbehandlerId }));
      } catch (feil) {
        setFerdig(null);
        setUfordelt({ jp: utfall.journalpost, feil });
      }
      nullstill();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  // Screened words still in the title (a word typed away is no longer offered).
  const iTittel = new Set(ordITittel(tittel, tittel2).map((o) => o.n));
  const ordValgt = skjermedeOrd.filter((o) => iTittel.has(o));

  const registrer = async () => {
    if (kilde === 'epost') return registrerEpost();
    if (!sak) return setError(new Error(a.velgSak));
    setError(null);
    setBusy(true);
    try {
      const jp = await api.createJournalpost(sak.sakId, {
        journalposttype: 'I',
        tittel: tittel.trim(),
        ...(tittel2.trim() ? { tittel2: tittel2.trim() } : {}),
        ...(dokumentdato ? { dokumentdato } : {}),
        saksbehandlerId,
        ...(til === 'enhet' ? { administrativEnhetId: mottaker } : {}),
        ...(kode ? { skjerming: { tilgangskode: kode as never, skjermingsnivaa: Number(nivaa) as 1 | 2 | 3, skjermingshjemmel: hjemmel.trim() } } : {}),
        ...(kode && ordValgt.length ? { skjermedeOrd: ordValgt } : {}),
        korrespondanseparter: [{ korrespondanseparttype: 'EA', navn: avsender.trim(), ...(adresse.trim() ? { postadresse: adresse.trim() } : {}), ...(epost.trim() ? { epostadresse: epost.trim() } : {}) }],
      });
      let view = jp;
      if (fil) {
        view = await api.uploadDokument(jp.systemId, fil, fil.name, { tittel: tittel.trim(), tilknytning: 'H' });
        const dok = view.dokumenter.find((d) => d.tilknyttetRegistreringSom === 'H');
        // A scan made as PDF/A is the archive variant itself (§5 quality check: "arkivformat").
        if (dok && pdfa) await ark.addVersjon(dok.systemId, fil, fil.name, 'A');
      }
      setFerdig(view);
      nullstill();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className={`${s.stack} ${fit.fit}`} aria-labelledby="registrer-h">
      <ViewHeading id="registrer-h">
        {a.registrerInnkommende}
      </ViewHeading>
      <div role="status" aria-live="polite">
        {ferdig ? (
          <MessageBar intent="success">
            <MessageBarBody>
              {a.registrert(ferdig.registreringsId, ferdig.saksbehandler.navn)}{' '}
              <Link onClick={() => navigate({ view: 'journalpost', journalpostId: ferdig.systemId })}>{a.aapne}</Link>
            </MessageBarBody>
          </MessageBar>
        ) : null}
        {ufordelt ? (
          <MessageBar intent="warning">
            <MessageBarBody>
              {a.ikkeFordelt(ufordelt.jp.registreringsId)}{' '}
              <Link onClick={() => navigate({ view: 'journalpost', journalpostId: ufordelt.jp.systemId })}>{a.aapne}</Link>
            </MessageBarBody>
          </MessageBar>
        ) : null}
        <ErrorBar error={ufordelt?.feil} />
      </div>
      {port ? (
        <Field label={a.kilde}>
          <RadioGroup layout="horizontal" value={kilde} onChange={(_, d) => { setKilde(d.value as 'papir' | 'epost'); setNySak(null); nullstill(); }}>
            <Radio value="papir" label={a.kildePapir} />
            <Radio value="epost" label={a.kildeEpost} />
          </RadioGroup>
        </Field>
      ) : null}
      {kilde === 'epost' ? (
        mail ? (
          <p data-testid="postmottak-epost">
            <strong>{mail.subject}</strong> — {mail.from?.name} &lt;{mail.from?.email}&gt;
            {mail.attachments.filter((v) => !v.isInline).length ? ` · ${a.vedlegg(mail.attachments.filter((v) => !v.isInline).length)}` : ''}
          </p>
        ) : (
          <p className={s.muted}>{a.ingenEpost}</p>
        )
      ) : null}
      {kilde === 'epost' ? (
        <SakPicker api={api} value={sak} onChange={(x) => { setSak(x); setNySak(null); }} onNew={(n) => { setNySak(n); setSak(null); }} pendingNew={nySak} suggestedTitle={tittel} />
      ) : (
        <SakPicker api={api} value={sak} onChange={setSak} suggestedTitle={tittel} />
      )}
      <Field label={a.tittel} required>
        <Input value={tittel} onChange={(_, d) => setTittel(d.value)} />
      </Field>
      <Field label={a.tittel2}>
        <Input value={tittel2} onChange={(_, d) => setTittel2(d.value)} />
      </Field>
      <Field label={a.avsender} required hint={forslag.length ? a.avsenderForslag : undefined}>
        <Combobox freeform value={avsender} onInput={(e) => void sokAvsender((e.target as HTMLInputElement).value)} onOptionSelect={(_, d) => d.optionText && velgAvsender(d.optionText)}>
          {forslag.map((f) => (
            <Option key={`${f.navn}|${f.epostadresse ?? ''}|${f.postadresse ?? ''}`} text={f.navn} value={f.navn}>
              {`${f.navn}${f.postadresse ? `, ${f.postadresse}` : ''}${f.epostadresse ? ` <${f.epostadresse}>` : ''}`}
            </Option>
          ))}
        </Combobox>
      </Field>
      {kilde === 'papir' ? (
        <Field label={a.postadresse}>
          <Input value={adresse} onChange={(_, d) => setAdresse(d.value)} />
        </Field>
      ) : null}
      <Field label={a.epost}>
        <Input type="email" value={epost} onChange={(_, d) => setEpost(d.value)} />
      </Field>
      {kilde === 'papir' ? (
        <Field label={a.dokumentdato}>
          <Input type="date" value={dokumentdato} onChange={(_, d) => setDokumentdato(d.value)} />
        </Field>
      ) : null}
      <fieldset className={s.stack}>
        <legend>{a.skjerming}</legend>
        <Field label={a.tilgangskode}>
          <Select value={kode} onChange={(_, d) => setKode(d.value)}>
            <option value="">{a.ingen}</option>
            {(kodelister?.tilgangskode ?? []).map((k) => (
              <option key={k.kode} value={k.kode}>
                {k.kode} {k.navn}
              </option>
            ))}
          </Select>
        </Field>
        {kode ? (
          <>
            <Field label={a.nivaa}>
              <Select value={nivaa} onChange={(_, d) => setNivaa(d.value)}>
                {(kodelister?.skjermingsnivaa ?? []).map((n) => (
                  <option key={n.kode} value={String(n.kode)}>
                    {n.kode} {n.navn}
                  </option>
                ))}
              </Select>
            </Field>
            <Field label={a.hjemmel} required>
              <Input value={hjemmel} onChange={(_, d) => setHjemmel(d.value)} />
            </Field>
            {tittel.trim() ? <OrdVelger tittel={tittel} tittel2={tittel2 || null} valgt={ordValgt} onChange={setSkjermedeOrd} /> : null}
          </>
        ) : null}
      </fieldset>
      {kilde === 'papir' ? (
        <>
          <div className={s.stack}>
            <Label htmlFor="registrer-fil">{a.fil}</Label>
            <input id="registrer-fil" type="file" accept="application/pdf,.pdf" onChange={(e) => setFil(e.target.files?.[0] ?? null)} />
          </div>
          <Checkbox checked={pdfa} onChange={(_, d) => setPdfa(d.checked === true)} label={a.arkivformat} />
        </>
      ) : null}
      <Field label={a.fordelTil}>
        <RadioGroup layout="horizontal" value={til} onChange={(_, d) => { setTil(d.value as 'saksbehandler' | 'enhet'); setMottaker(''); }}>
          <Radio value="saksbehandler" label={a.saksbehandler} />
          <Radio value="enhet" label={a.enhet} />
        </RadioGroup>
      </Field>
      <Field label={til === 'saksbehandler' ? a.saksbehandler : a.enhet} required>
        <Select value={mottaker} onChange={(_, d) => setMottaker(d.value)}>
          <option value="">–</option>
          {til === 'saksbehandler'
            ? (brukere.data ?? []).map((b) => (
                <option key={b.systemId} value={b.systemId}>
                  {b.navn}
                </option>
              ))
            : (enheter.data ?? []).filter((e) => e.lederId).map((e) => (
                <option key={e.systemId} value={e.systemId}>
                  {e.navn}
                </option>
              ))}
        </Select>
      </Field>
      <ErrorBar error={error} />
      <div className={s.row}>
        <Button appearance="primary" disabled={!klar || busy} onClick={() => void registrer()}>
          {a.registrerOgFordel}
        </Button>
      </div>
    </section>
  );
}
