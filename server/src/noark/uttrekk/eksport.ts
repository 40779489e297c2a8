import { once } from 'node:events';
import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { createWriteStream } from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { type Kysely, sql } from 'kysely';
import type { BlobStore } from '../../blob/blob-store';
import type { DB } from '../../db/schema';
import { AppError } from '../../errors/app-error';
import { offentligTittel } from '../../sak/sak.presenter';
import { skrivAddml, type PakkeFil } from './addml';
import { AVSKRIVNINGSMAATE, JOURNALPOSTTYPE, JOURNALSTATUS, KORRESPONDANSEPARTTYPE, MERKNADSTYPE, SAKSSTATUS, SKJERMING_DOKUMENT, SKJERMING_METADATA, TILKNYTNING, VARIANTFORMAT } from './kodeliste';
import { dagen } from '../../tid';
import { XmlFil } from './xml-fil';

export const NS = {
  arkivstruktur: 'http://www.arkivverket.no/standarder/noark5/arkivstruktur',
  loependeJournal: 'http://www.arkivverket.no/standarder/noark5/loependeJournal',
  offentligJournal: 'http://www.arkivverket.no/standarder/noark5/offentligJournal',
  endringslogg: 'http://www.arkivverket.no/standarder/noark5/endringslogg',
} as const;
const XSI = 'http://www.w3.org/2001/XMLSchema-instance';
/** The official v5.0 schemas (kept in the repository beside the source), copied into every package. */
export const SKJEMA_MAPPE = path.resolve(__dirname, '../../../src/noark/xsd');
export const SKJEMAER = ['arkivstruktur.xsd', 'metadatakatalog.xsd', 'loependeJournal.xsd', 'offentligJournal.xsd', 'endringslogg.xsd', 'addml.xsd'] as const;

export interface UttrekkValg {
  readonly arkivdelId: string;
  readonly til: string;
  readonly naa?: Date;
  /** Saker read per batch (memory stays at one batch). */
  readonly batch?: number;
  readonly fremdrift?: (skrevet: number, totalt: number) => Promise<void> | void;
}

export interface UttrekkResultat {
  readonly saker: number;
  readonly journalposter: number;
  readonly dokumentfiler: number;
  /** Document versions delivered in their production format because they have no archive variant. */
  readonly utenArkivformat: readonly string[];
  readonly filer: readonly PakkeFil[];
}

const iso = (d: Date | string | null | undefined) => (d === null || d === undefined ? null : d instanceof Date ? d.toISOString() : d);
const ext = (filnavn: string, format: string) => /\.([A-Za-z0-9]{1,5})$/.exec(filnavn)?.[1]?.toLowerCase() ?? (format === 'application/pdf' ? 'pdf' : 'bin');

/**
 * Writes a Noark 5 v5.0 deposit (arkivuttrekk) of one arkivdel to a folder: arkivstruktur.xml,
 * loependeJournal.xml, offentligJournal.xml, endringslogg.xml, the documents under dokumenter/,
 * the schemas, and arkivuttrekk.xml (ADDML) with the SHA-256 of every file. Saker are read in
 * batches by key and every XML file is written as it goes, so memory stays flat.
 * Feilregistrerte journalposter (§12.6) are not part of the archive and are left out.
 */
export async function eksporterArkivdel(db: Kysely<DB>, blobs: BlobStore, valg: UttrekkValg): Promise<UttrekkResultat> {
  const naa = valg.naa ?? new Date();
  const batch = valg.batch ?? 200;
  const arkivdel = await db.selectFrom('arkivdel').selectAll().where('systemId', '=', valg.arkivdelId).executeTakeFirst();
  if (!arkivdel) throw new AppError('not_found', 'Arkivdelen finnes ikke');
  const arkiv = await db.selectFrom('arkiv').selectAll().where('systemId', '=', arkivdel.arkivId).executeTakeFirstOrThrow();
  const brukere = new Map((await db.selectFrom('bruker').select(['systemId', 'navn']).execute()).map((b) => [b.systemId, b.navn]));
  const enheter = new Map((await db.selectFrom('administrativEnhet').select(['systemId', 'kode', 'navn']).execute()).map((e) => [e.systemId, e]));
  const klasser = new Map((await db.selectFrom('klasse').select(['systemId', 'klasseId', 'tittel']).execute()).map((k) => [k.systemId, k]));
  const navn = (id: string | null | undefined) => (id ? (brukere.get(id) ?? id) : null);
  const enhet = (id: string) => enheter.get(id)?.navn ?? id;

  const jpBase = db
    .selectFrom('journalpost as j')
    .innerJoin('sak as s', 's.systemId', 'j.sakId')
    .where('s.arkivdelId', '=', arkivdel.systemId)
    .where('j.feilregistrertDato', 'is', null);
  const totalt = await jpBase.select((eb) => [eb.fn.countAll<string>().as('n'), eb.fn.min('j.journaldato').as('fra'), eb.fn.max('j.journaldato').as('til')]).executeTakeFirstOrThrow();
  const antall = Number(totalt.n);
  const offentlige = Number((await jpBase.where('j.journalstatus', 'in', ['J', 'A']).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
  const periode = { fra: (totalt.fra as string | null) ?? dagen(naa), til: (totalt.til as string | null) ?? dagen(naa) };

  await mkdir(path.join(valg.til, 'dokumenter'), { recursive: true });
  const schemaLoc = (ns: string, fil: string) => ({ xmlns: ns, 'xmlns:xsi': XSI, 'xsi:schemaLocation': `${ns} ${fil}` });
  const as = new XmlFil(path.join(valg.til, 'arkivstruktur.xml'));
  // The document files for the ADDML, kept on disk rather than in memory.
  const listeFil = path.join(await mkdtemp(path.join(tmpdir(), 'uttrekk-')), 'dokumenter.txt');
  const dokumentliste = createWriteStream(listeFil);
  const lj = new XmlFil(path.join(valg.til, 'loependeJournal.xml'));
  const oj = new XmlFil(path.join(valg.til, 'offentligJournal.xml'));

  // arkiv → arkivskaper → arkivdel (elements in the schema's order)
  as.aapne('arkiv', schemaLoc(NS.arkivstruktur, 'arkivstruktur.xsd'));
  as.felt('systemID', arkiv.systemId).felt('tittel', arkiv.tittel).felt('beskrivelse', arkiv.beskrivelse).felt('arkivstatus', arkiv.avsluttetDato ? 'Avsluttet' : arkiv.arkivstatus).felt('dokumentmedium', arkiv.dokumentmedium);
  // A deposit is of a closed period: what is still open is delivered as closed at the time of the deposit.
  as.felt('opprettetDato', iso(arkiv.opprettetDato)).felt('opprettetAv', arkiv.opprettetAv).felt('avsluttetDato', iso(arkiv.avsluttetDato ?? naa)).felt('avsluttetAv', arkiv.avsluttetAv ?? 'Arkivuttrekk');
  as.aapne('arkivskaper').felt('arkivskaperID', arkiv.arkivskaperId).felt('arkivskaperNavn', arkiv.arkivskaperNavn).lukk();
  as.aapne('arkivdel');
  as.felt('systemID', arkivdel.systemId).felt('tittel', arkivdel.tittel).felt('beskrivelse', arkivdel.beskrivelse).felt('arkivdelstatus', arkivdel.arkivdelstatus).felt('dokumentmedium', arkivdel.dokumentmedium);
  as.felt('opprettetDato', iso(arkivdel.opprettetDato)).felt('opprettetAv', arkivdel.opprettetAv).felt('avsluttetDato', iso(arkivdel.avsluttetDato ?? naa)).felt('avsluttetAv', arkivdel.avsluttetAv ?? 'Arkivuttrekk');
  as.felt('arkivperiodeStartDato', arkivdel.arkivperiodeStartDato ?? periode.fra).felt('arkivperiodeSluttDato', arkivdel.arkivperiodeSluttDato ?? periode.til);

  const journalhode = (f: XmlFil, root: 'loependeJournal' | 'offentligJournal', n: number, seleksjon: string) => {
    f.aapne(root, schemaLoc(NS[root], `${root}.xsd`)).aapne('journalhode');
    f.felt('journalStartDato', periode.fra).felt('journalSluttDato', periode.til).felt('seleksjon', seleksjon).felt('antallJournalposter', n);
    f.aapne('arkivskaper').felt('arkivskaperID', arkiv.arkivskaperId).felt('arkivskaperNavn', arkiv.arkivskaperNavn).lukk();
    f.lukk();
  };
  journalhode(lj, 'loependeJournal', antall, `Alle journalposter i arkivdelen ${arkivdel.tittel}`);
  journalhode(oj, 'offentligJournal', offentlige, 'Journalførte og arkiverte journalposter, skjermet etter skjermingsreglene');

  let saker = 0;
  let skrevet = 0;
  let dokumentfiler = 0;
  const utenArkivformat: string[] = [];
  let etter: { aar: number; nr: number } | null = null;
  for (;;) {
    let q = db.selectFrom('sak').selectAll().where('arkivdelId', '=', arkivdel.systemId);
    if (etter) {
      const e = etter;
      q = q.where((eb) => eb.or([eb('saksaar', '>', e.aar), eb.and([eb('saksaar', '=', e.aar), eb('sakssekvensnummer', '>', e.nr)])]));
    }
    const sakRader = await q.orderBy('saksaar').orderBy('sakssekvensnummer').limit(batch).execute();
    if (sakRader.length === 0) break;
    const last = sakRader[sakRader.length - 1]!;
    etter = { aar: last.saksaar, nr: last.sakssekvensnummer };
    const sakIds = sakRader.map((s) => s.systemId);
    const jps = await db.selectFrom('journalpost').selectAll().where('sakId', 'in', sakIds).where('feilregistrertDato', 'is', null).orderBy('sakId').orderBy('dokumentnummer').execute();
    const jpIds = jps.length ? jps.map((j) => j.systemId) : ['00000000-0000-0000-0000-000000000000'];
    const [parter, doks, merknader, kryss, avskr, sekundaer] = await Promise.all([
      db.selectFrom('korrespondansepart').selectAll().where('journalpostId', 'in', jpIds).orderBy('rekkefolge').execute(),
      db.selectFrom('dokumentbeskrivelse').selectAll().where('journalpostId', 'in', jpIds).orderBy('dokumentnummer').execute(),
      db.selectFrom('merknad').selectAll().where((eb) => eb.or([eb('sakId', 'in', sakIds), eb('journalpostId', 'in', jpIds)])).orderBy('merknadsdato').execute(),
      db.selectFrom('kryssreferanse').selectAll().where((eb) => eb.or([eb('fraSakId', 'in', sakIds), eb('fraJournalpostId', 'in', jpIds)])).orderBy('opprettetDato').execute(),
      db.selectFrom('avskrivning').selectAll().where('journalpostId', 'in', jpIds).where('ventende', '=', false).orderBy('opprettetDato').execute(),
      db.selectFrom('sakSekundaerklasse').selectAll().where('sakId', 'in', sakIds).orderBy('rekkefolge').execute(),
    ]);
    const dokIds = doks.length ? doks.map((d) => d.systemId) : ['00000000-0000-0000-0000-000000000000'];
    const [versjoner, dokMerknader] = await Promise.all([
      db.selectFrom('dokumentversjon').selectAll().where('dokumentbeskrivelseId', 'in', dokIds).orderBy('versjonsnummer').orderBy('variantformat').execute(),
      db.selectFrom('merknad').selectAll().where('dokumentbeskrivelseId', 'in', dokIds).orderBy('merknadsdato').execute(),
    ]);
    const by = <T, K>(rows: readonly T[], key: (r: T) => K) => {
      const m = new Map<K, T[]>();
      for (const r of rows) m.set(key(r), [...(m.get(key(r)) ?? []), r]);
      return (k: K) => m.get(k) ?? [];
    };
    const jpOf = by(jps, (j) => j.sakId);
    const parterOf = by(parter, (p) => p.journalpostId);
    const doksOf = by(doks, (d) => d.journalpostId);
    const versjonerOf = by(versjoner, (v) => v.dokumentbeskrivelseId);
    const merknaderOf = by([...merknader, ...dokMerknader], (m) => m.sakId ?? m.journalpostId ?? m.dokumentbeskrivelseId);
    const kryssOf = by(kryss, (k) => k.fraSakId ?? k.fraJournalpostId);
    const avskrOf = by(avskr, (a) => a.journalpostId);
    const sekOf = by(sekundaer, (s) => s.sakId);

    const merknad = (m: (typeof merknader)[number]) =>
      as.aapne('merknad').felt('merknadstekst', m.merknadstekst).felt('merknadstype', MERKNADSTYPE.til[m.merknadstype]).felt('merknadsdato', iso(m.merknadsdato)).felt('merknadRegistrertAv', navn(m.registrertAvId)).lukk();
    const kryssreferanse = (k: (typeof kryss)[number]) =>
      as.aapne('kryssreferanse').felt('referanseTilMappe', k.tilSakId).felt('referanseTilRegistrering', k.tilJournalpostId).lukk();
    // `tittel`: the record's title metadata code when words of its title are screened (arkivstruktur keeps the full title).
    const skjerming = (r: { tilgangskode: string | null; skjermingsnivaa: 1 | 2 | 3 | null; skjermingshjemmel: string | null }, tittel?: string) => {
      if (!r.tilgangskode || !r.skjermingsnivaa) return;
      as.aapne('skjerming').felt('tilgangsrestriksjon', r.tilgangskode).felt('skjermingshjemmel', r.skjermingshjemmel || 'Ikke oppgitt');
      const metadata = SKJERMING_METADATA[r.skjermingsnivaa];
      for (const m of metadata) as.felt('skjermingMetadata', m);
      if (tittel && !metadata.includes(tittel)) as.felt('skjermingMetadata', tittel);
      as.felt('skjermingDokument', SKJERMING_DOKUMENT).lukk();
    };
    const vsm = (felter: Record<string, string | number | null | undefined>) => {
      as.aapne('virksomhetsspesifikkeMetadata');
      for (const [k, v] of Object.entries(felter)) as.felt(k, v === '' ? null : v);
      as.lukk();
    };

    for (const sak of sakRader) {
      saker++;
      const sakSkjermet = (sak.skjermingsnivaa ?? 0) >= 2;
      // Screened words count while the record is graded; offentligTittel shows them as *****.
      const sakOrd = sak.tilgangskode ? sak.skjermedeOrd : [];
      as.aapne('mappe', { 'xsi:type': 'saksmappe' });
      as.felt('systemID', sak.systemId).felt('mappeID', sak.mappeId).felt('tittel', sak.tittel2 ? `${sak.tittel} - ${sak.tittel2}` : sak.tittel).felt('offentligTittel', offentligTittel(sak.tittel, sak.tittel2, sakSkjermet, sakOrd)).felt('beskrivelse', sak.beskrivelse);
      for (const n of sak.noekkelord) as.felt('noekkelord', n);
      as.felt('dokumentmedium', sak.dokumentmedium).felt('opprettetDato', iso(sak.opprettetDato)).felt('opprettetAv', navn(sak.opprettetAvId));
      as.felt('avsluttetDato', iso(sak.avsluttetDato ?? naa)).felt('avsluttetAv', navn(sak.avsluttetAvId) ?? 'Arkivuttrekk');
      as.felt('referanseArkivdel', sak.arkivdelId);
      vsm({ tittel1: sak.tittel, tittel2: sak.tittel2, sakstype: sak.sakstype, saksstatus: sak.saksstatus, tilgangskode: sak.tilgangskode, skjermingsnivaa: sak.skjermingsnivaa, aapen: sak.avsluttetDato ? null : 'true', klasse: sak.klasseId ? klasser.get(sak.klasseId)?.klasseId : null, skjermedeOrd: sak.skjermedeOrd.join(' ') });
      for (const k of kryssOf(sak.systemId)) kryssreferanse(k);
      for (const m of merknaderOf(sak.systemId)) merknad(m);
      skjerming(sak, sakOrd.length ? 'Tittel mappe' : undefined);
      for (const jp of jpOf(sak.systemId)) {
        skrevet++;
        const jpSkjermet = (jp.skjermingsnivaa ?? 0) >= 2 || sakSkjermet;
        const jpOrd = jp.tilgangskode || sak.tilgangskode ? jp.skjermedeOrd : [];
        const jpParter = parterOf(jp.systemId);
        const jpDoks = doksOf(jp.systemId);
        as.aapne('registrering', { 'xsi:type': 'journalpost' });
        as.felt('systemID', jp.systemId).felt('opprettetDato', iso(jp.opprettetDato)).felt('opprettetAv', navn(jp.opprettetAvId));
        as.felt('arkivertDato', iso(jp.arkivertDato ?? jp.opprettetDato)).felt('arkivertAv', navn(jp.arkivertAvId ?? jp.opprettetAvId));
        as.felt('referanseArkivdel', sak.arkivdelId);
        skjerming(jp, jpOrd.length ? 'Tittel registrering' : undefined);
        for (const d of jpDoks) {
          as.aapne('dokumentbeskrivelse');
          as.felt('systemID', d.systemId).felt('dokumenttype', d.dokumenttype).felt('dokumentstatus', d.dokumentstatus).felt('tittel', d.tittel).felt('beskrivelse', d.beskrivelse).felt('forfatter', d.forfatter);
          as.felt('opprettetDato', iso(d.opprettetDato)).felt('opprettetAv', navn(d.opprettetAvId)).felt('referanseArkivdel', sak.arkivdelId);
          as.felt('tilknyttetRegistreringSom', TILKNYTNING.til[d.tilknyttetRegistreringSom]).felt('dokumentnummer', d.dokumentnummer).felt('tilknyttetDato', iso(d.tilknyttetDato)).felt('tilknyttetAv', navn(d.opprettetAvId));
          for (const m of merknaderOf(d.systemId)) merknad(m);
          skjerming(d);
          const alle = versjonerOf(d.systemId);
          for (const v of alle) {
            const harA = alle.some((x) => x.versjonsnummer === v.versjonsnummer && x.variantformat === 'A');
            if (v.variantformat !== 'A' && (harA || v.variantformat === 'O')) continue;
            if (v.variantformat === 'P') utenArkivformat.push(`${jp.journalaar}/${jp.journalsekvensnummer}-${d.dokumentnummer} v${v.versjonsnummer} (${v.filnavn})`);
            const fil = `dokumenter/${v.systemId}.${ext(v.filnavn, v.format)}`;
            const { stream } = await blobs.open(v.sjekksum);
            await pipeline(stream, createWriteStream(path.join(valg.til, fil)));
            dokumentliste.write(`${fil} ${v.sjekksum} ${v.filstoerrelse}\n`);
            dokumentfiler++;
            as.aapne('dokumentobjekt');
            as.felt('systemID', v.systemId).felt('versjonsnummer', v.versjonsnummer).felt('variantformat', VARIANTFORMAT.til[v.variantformat]).felt('format', v.format).felt('formatDetaljer', v.formatDetaljer);
            as.felt('opprettetDato', iso(v.opprettetDato)).felt('opprettetAv', navn(v.opprettetAvId)).felt('referanseDokumentfil', fil).felt('sjekksum', v.sjekksum).felt('sjekksumAlgoritme', 'SHA256').felt('filstoerrelse', String(v.filstoerrelse));
            if (v.variantformat === 'A') {
              const p = alle.find((x) => x.versjonsnummer === v.versjonsnummer && x.variantformat === 'P');
              if (p && p.sjekksum !== v.sjekksum) {
                as.aapne('konvertering').felt('konvertertDato', iso(v.opprettetDato)).felt('konvertertAv', 'Arkiv (arkivformat-jobb)').felt('konvertertFraFormat', p.format).felt('konvertertTilFormat', v.format).felt('konverteringsverktoey', v.formatDetaljer).lukk();
              }
            }
            as.lukk();
          }
          as.lukk();
          await as.tøm();
        }
        const t1 = jp.tittel;
        as.felt('registreringsID', `${jp.journalaar}/${jp.journalsekvensnummer}`).felt('tittel', jp.tittel2 ? `${t1} - ${jp.tittel2}` : t1).felt('offentligTittel', offentligTittel(t1, jp.tittel2, jpSkjermet, jpOrd)).felt('beskrivelse', jp.beskrivelse);
        vsm({ tittel1: jp.tittel, tittel2: jp.tittel2, dokumentnummer: jp.dokumentnummer, journalposttype: jp.journalposttype, journalstatus: jp.journalstatus, tilgangskode: jp.tilgangskode, skjermingsnivaa: jp.skjermingsnivaa, saksbehandler: navn(jp.saksbehandlerId), administrativEnhet: enheter.get(jp.administrativEnhetId)?.kode, skjermedeOrd: jp.skjermedeOrd.join(' ') });
        for (const m of merknaderOf(jp.systemId)) merknad(m);
        for (const k of kryssOf(jp.systemId)) kryssreferanse(k);
        for (const p of jpParter) {
          as.aapne('korrespondansepart').felt('korrespondanseparttype', KORRESPONDANSEPARTTYPE.til[p.korrespondanseparttype]).felt('korrespondansepartNavn', p.navn).felt('postadresse', p.postadresse).felt('postnummer', p.postnummer).felt('poststed', p.poststed).felt('land', p.land).felt('epostadresse', p.epostadresse).felt('telefonnummer', p.telefonnummer).felt('kontaktperson', p.kontaktperson);
          if (p.enhetId) as.felt('administrativEnhet', enhet(p.enhetId));
          if (p.brukerId) as.felt('saksbehandler', navn(p.brukerId));
          as.lukk();
        }
        as.felt('journalaar', jp.journalaar).felt('journalsekvensnummer', jp.journalsekvensnummer).felt('journalpostnummer', jp.dokumentnummer).felt('journalposttype', JOURNALPOSTTYPE.til[jp.journalposttype]).felt('journalstatus', JOURNALSTATUS.til[jp.journalstatus]);
        as.felt('journaldato', jp.journaldato).felt('dokumentetsDato', jp.dokumentdato).felt('mottattDato', iso(jp.mottattDato)).felt('sendtDato', iso(jp.sendtDato)).felt('forfallsdato', jp.forfallsdato).felt('offentlighetsvurdertDato', jp.offentlighetsvurdertDato);
        as.felt('antallVedlegg', jpDoks.filter((d) => d.tilknyttetRegistreringSom === 'V').length);
        for (const a of avskrOf(jp.systemId)) {
          as.aapne('avskrivning').felt('avskrivningsdato', (iso(a.avskrivningsdato) ?? iso(a.opprettetDato))!.slice(0, 10)).felt('avskrevetAv', navn(a.avskrevetAvId)).felt('avskrivningsmaate', AVSKRIVNINGSMAATE.til[a.avskrivningsmaate] ?? a.avskrivningsmaate).felt('referanseAvskrivesAvJournalpost', a.svarJournalpostId).lukk();
        }
        as.lukk();

        // The running journal: every journalpost; the public one: J and A, screened.
        const parterJournal = jpParter.length ? jpParter : [{ korrespondanseparttype: 'IA' as const, navn: enhet(jp.administrativEnhetId) }];
        const avsk = avskrOf(jp.systemId)[0];
        for (const [f, offentlig] of [[lj, false], [oj, true]] as const) {
          if (offentlig && !['J', 'A'].includes(jp.journalstatus)) continue;
          const nivaa3 = (jp.skjermingsnivaa ?? 0) >= 3 || (sak.skjermingsnivaa ?? 0) >= 3;
          f.aapne('journalregistrering');
          const k = sak.klasseId ? klasser.get(sak.klasseId) : undefined;
          if (k) f.aapne('klasse').felt('klasseID', k.klasseId).felt('tittel', k.tittel).lukk();
          f.aapne('saksmappe').felt('mappeID', sak.mappeId).felt('saksaar', sak.saksaar).felt('sakssekvensnummer', sak.sakssekvensnummer);
          if (!offentlig) f.felt('tittel', sak.tittel2 ? `${sak.tittel} - ${sak.tittel2}` : sak.tittel);
          f.felt('offentligTittel', offentligTittel(sak.tittel, sak.tittel2, sakSkjermet, sakOrd));
          if (!offentlig && sak.skjermingsnivaa) f.felt('skjermingMetadata', SKJERMING_METADATA[sak.skjermingsnivaa][0]);
          f.felt('administrativEnhet', enhet(sak.administrativEnhetId)).felt('saksansvarlig', navn(sak.saksansvarligId));
          if (offentlig) f.felt('tilgangsrestriksjon', sak.tilgangskode).felt('skjermingshjemmel', sak.tilgangskode ? sak.skjermingshjemmel || 'Ikke oppgitt' : null);
          else f.felt('referanseArkivdel', sak.arkivdelId);
          f.lukk();
          f.aapne('journalpost').felt('systemID', jp.systemId).felt('registreringsID', `${jp.journalaar}/${jp.journalsekvensnummer}`).felt('journalaar', jp.journalaar).felt('journalsekvensnummer', jp.journalsekvensnummer).felt('journalpostnummer', jp.dokumentnummer);
          if (!offentlig) f.felt('tittel', jp.tittel2 ? `${jp.tittel} - ${jp.tittel2}` : jp.tittel);
          f.felt('offentligTittel', offentligTittel(jp.tittel, jp.tittel2, jpSkjermet, jpOrd));
          if (!offentlig) f.felt('offentlighetsvurdertDato', jp.offentlighetsvurdertDato).felt('skjermingMetadata', jp.skjermingsnivaa ? SKJERMING_METADATA[jp.skjermingsnivaa][0] : null);
          f.felt('journaldato', jp.journaldato).felt('dokumentetsDato', jp.dokumentdato);
          if (!offentlig) f.felt('antallVedlegg', jpDoks.filter((d) => d.tilknyttetRegistreringSom === 'V').length);
          if (avsk) f.felt('avskrivningsdato', (iso(avsk.avskrivningsdato) ?? iso(avsk.opprettetDato))!.slice(0, 10)).felt('avskrivningsmaate', AVSKRIVNINGSMAATE.til[avsk.avskrivningsmaate] ?? avsk.avskrivningsmaate);
          f.felt('administrativEnhet', enhet(jp.administrativEnhetId)).felt('saksbehandler', navn(jp.saksbehandlerId));
          if (avsk) f.felt('referanseAvskrivesAvJournalpost', avsk.svarJournalpostId);
          f.felt('tilgangsrestriksjon', jp.tilgangskode).felt('skjermingshjemmel', jp.tilgangskode ? jp.skjermingshjemmel || 'Ikke oppgitt' : null);
          for (const p of parterJournal) {
            f.aapne('korrespondansepart').felt('korrespondanseparttype', KORRESPONDANSEPARTTYPE.til[p.korrespondanseparttype]).felt('korrespondansepartNavn', offentlig && nivaa3 ? '*****' : p.navn);
            if (!offentlig && nivaa3) f.felt('skjermingMetadata', 'Navn korrespondansepart');
            f.lukk();
          }
          f.lukk().lukk();
          await f.tøm();
        }
      }
      // saksmappe extends mappe: its own elements come after the mappe's (and its registreringer).
      as.felt('saksaar', sak.saksaar).felt('sakssekvensnummer', sak.sakssekvensnummer).felt('saksdato', sak.saksdato).felt('administrativEnhet', enhet(sak.administrativEnhetId)).felt('saksansvarlig', navn(sak.saksansvarligId));
      as.felt('saksstatus', SAKSSTATUS.til[sak.saksstatus]);
      for (const s of sekOf(sak.systemId)) as.felt('referanseSekundaerKlassifikasjon', s.klasseId);
      as.lukk();
      await as.tøm();
    }
    await valg.fremdrift?.(skrevet, antall);
  }
  const filer: PakkeFil[] = [];
  filer.push({ navn: 'arkivstruktur.xml', ...(await as.avslutt()) });
  filer.push({ navn: 'loependeJournal.xml', ...(await lj.avslutt()) });
  filer.push({ navn: 'offentligJournal.xml', ...(await oj.avslutt()) });
  filer.push({ navn: 'endringslogg.xml', ...(await skrivEndringslogg(db, valg.til, arkivdel.systemId, navn)) });
  for (const s of SKJEMAER) await copyFile(path.join(SKJEMA_MAPPE, 'v5.0', s), path.join(valg.til, s));
  dokumentliste.end();
  await once(dokumentliste, 'finish');
  try {
    filer.push(await skrivAddml(valg.til, { arkiv, arkivdel, periode, antallJournalposter: antall, antallSaker: saker, antallDokumentfiler: dokumentfiler, filer, skjemaer: SKJEMAER, dokumentliste: listeFil, naa }));
  } finally {
    await rm(path.dirname(listeFil), { recursive: true, force: true });
  }
  return { saker, journalposter: skrevet, dokumentfiler, utenArkivformat, filer };
}

/**
 * endringslogg.xml from historikk: one endring per changed field ({ fra, til } pairs) with
 * `<handling>:<field>` as referanseMetadata, plus `<handling>:*` for the rest of the entry's
 * data; an entry without changed fields is one endring with the handling and its data as the
 * new value.
 * Entries are read in id order, a batch at a time.
 */
async function skrivEndringslogg(db: Kysely<DB>, til: string, arkivdelId: string, navn: (id: string | null) => string | null) {
  const f = new XmlFil(path.join(til, 'endringslogg.xml'));
  f.aapne('endringslogg', { xmlns: NS.endringslogg, 'xmlns:xsi': XSI, 'xsi:schemaLocation': `${NS.endringslogg} endringslogg.xsd` });
  let etter = 0n;
  let n = 0;
  for (;;) {
    const rader = await db
      .selectFrom('historikk as h')
      .selectAll('h')
      .where('h.id', '>', String(etter) as never)
      .where((eb) => eb.exists(eb.selectFrom('sak as s').select(sql`1`.as('x')).whereRef('s.systemId', '=', 'h.sakId').where('s.arkivdelId', '=', arkivdelId)))
      .orderBy('h.id')
      .limit(1000)
      .execute();
    if (rader.length === 0) break;
    etter = BigInt(rader[rader.length - 1]!.id as unknown as string);
    for (const h of rader) {
      const data = h.data as Record<string, unknown>;
      const par = Object.entries(data).filter(([, v]) => v && typeof v === 'object' && 'fra' in (v as object) && 'til' in (v as object)) as [string, { fra: unknown; til: unknown }][];
      const endring = (meta: string, fra: string, nytt: string) => {
        n++;
        f.aapne('endring').felt('referanseArkivenhet', h.objektId).felt('referanseMetadata', meta).felt('endretDato', iso(h.tidspunkt)).felt('endretAv', navn(h.brukerId) ?? 'System').felt('tidligereVerdi', fra || '-').felt('nyVerdi', nytt || '-').lukk();
      };
      const rest = { objekttype: h.objekttype, ...Object.fromEntries(Object.entries(data).filter(([k]) => !par.some(([f]) => f === k))) };
      if (par.length) {
        for (const [felt, v] of par) endring(`${h.handling}:${felt}`, JSON.stringify(v.fra), JSON.stringify(v.til));
        // What is not a changed field (the kind of record, counts, references) in one more endring.
        endring(`${h.handling}:*`, '-', JSON.stringify(rest));
      } else endring(h.handling, '-', JSON.stringify(rest));
    }
    await f.tøm();
  }
  // The schema wants at least one endring; an arkivdel without history says so in one.
  if (n === 0) f.aapne('endring').felt('referanseArkivenhet', arkivdelId).felt('referanseMetadata', 'arkivdel').felt('endretDato', new Date().toISOString()).felt('endretAv', 'Arkivuttrekk').felt('tidligereVerdi', '-').felt('nyVerdi', 'ingen endringer registrert').lukk();
  return f.avslutt();
}
