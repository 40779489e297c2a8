import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { access, readFile } from 'node:fs/promises';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { type Kysely, sql, type Transaction } from 'kysely';
import { TILGANGSKODE_KODER, type Tilgangskode } from '@arkiv/shared';
import type { BlobStore, StagedBlob } from '../../blob/blob-store';
import type { DB } from '../../db/schema';
import { sha256Fil } from './addml';
import { SKJEMA_MAPPE } from './eksport';
import { AVSKRIVNINGSMAATE, JOURNALPOSTTYPE, JOURNALSTATUS, KORRESPONDANSEPARTTYPE, MERKNADSTYPE, SAKSSTATUS, TILKNYTNING, VARIANTFORMAT } from './kodeliste';
import { SKJEMA_FOR, valider } from './skjemavalidering';

export interface Importproblem {
  /** The file (and record) where the problem is. */
  readonly hvor: string;
  readonly problem: string;
}

/** A deposit refused whole: every problem found, and where. Nothing was written. */
export class UttrekkAvvist extends Error {
  constructor(readonly problemer: readonly Importproblem[]) {
    super(`Arkivuttrekket kan ikke importeres (${problemer.length} feil):\n${problemer.map((p) => `- ${p.hvor}: ${p.problem}`).join('\n')}`);
    this.name = 'UttrekkAvvist';
  }
}

export const VERSJONER = ['v3.1', 'v4.0', 'v5.0'] as const;
export type Versjon = (typeof VERSJONER)[number];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
type N = Record<string, any>;
const LISTER = ['arkivdel', 'mappe', 'registrering', 'dokumentbeskrivelse', 'dokumentobjekt', 'korrespondansepart', 'merknad', 'kryssreferanse', 'avskrivning', 'skjermingMetadata', 'dataObject', 'property', 'endring', 'noekkelord', 'referanseSekundaerKlassifikasjon', 'arkivskaper'];
const parser = new XMLParser({ ignoreAttributes: false, removeNSPrefix: true, parseTagValue: false, trimValues: true, isArray: (name) => LISTER.includes(name) });
const arr = (x: unknown): N[] => (Array.isArray(x) ? x : x === undefined || x === null ? [] : [x]) as N[];
const tekst = (x: unknown): string | null => (x === undefined || x === null || x === '' ? null : typeof x === 'object' ? String((x as N)['#text'] ?? '') || null : String(x));
const finnes = (f: string) => access(f).then(() => true, () => false);

/** The deposit's Noark 5 version, from the ADDML's info/type/version. */
function versjonFra(addml: N): string | null {
  const props = (o: N | undefined): N[] => arr(o?.properties?.property);
  for (const d of arr(addml?.addml?.dataset)) {
    for (const o of arr(d?.dataObjects?.dataObject)) {
      const info = props(o).find((p) => p['@_name'] === 'info');
      const type = props(info).find((p) => p['@_name'] === 'type');
      const v = props(type).find((p) => p['@_name'] === 'version');
      if (v) return tekst(v.value);
    }
  }
  return null;
}

/** Checks a deposit folder: version, every XML file against its version's schemas, every checksum. */
export async function kontrollerUttrekk(mappe: string): Promise<{ versjon: Versjon; arkivstruktur: N; endringslogg: N | null; problemer: Importproblem[] }> {
  const problemer: Importproblem[] = [];
  const p = (hvor: string, problem: string) => problemer.push({ hvor, problem });
  const addmlFil = path.join(mappe, 'arkivuttrekk.xml');
  if (!(await finnes(addmlFil))) throw new UttrekkAvvist([{ hvor: 'arkivuttrekk.xml', problem: 'filen mangler (pakkebeskrivelsen med versjon og sjekksummer)' }]);
  let addml: N = {};
  try {
    addml = parser.parse(await readFile(addmlFil, 'utf8'), true) as N;
  } catch (e) {
    throw new UttrekkAvvist([{ hvor: 'arkivuttrekk.xml', problem: `ikke gyldig XML: ${(e as Error).message}` }]);
  }
  const rå = versjonFra(addml);
  const versjon = VERSJONER.find((v) => rå === v || rå === v.slice(1));
  if (!versjon) throw new UttrekkAvvist([{ hvor: 'arkivuttrekk.xml', problem: `ukjent Noark 5-versjon «${rå ?? 'ingen'}» (kan lese ${VERSJONER.join(', ')})` }]);

  // Every file the ADDML lists, with its checksum.
  for (const d of arr(addml.addml.dataset)) {
    for (const o of arr(arr(d?.dataObjects?.dataObject)[0]?.dataObjects?.dataObject)) {
      const file = arr(o?.properties?.property).find((x) => x['@_name'] === 'file');
      const fp = arr(file?.properties?.property);
      const navn = tekst(fp.find((x) => x['@_name'] === 'name')?.value) ?? String(o['@_name']);
      const cs = arr(fp.find((x) => x['@_name'] === 'checksum')?.properties?.property);
      const verdi = tekst(cs.find((x) => x['@_name'] === 'value')?.value);
      const fil = path.join(mappe, navn);
      if (!(await finnes(fil))) p(navn, 'filen er oppført i arkivuttrekk.xml, men finnes ikke');
      else if (verdi && (await sha256Fil(fil)).sha256 !== verdi.toLowerCase()) p(navn, 'sjekksummen stemmer ikke med arkivuttrekk.xml');
    }
  }
  const skjemaer = path.join(SKJEMA_MAPPE, versjon);
  for (const [fil, skjema] of Object.entries(SKJEMA_FOR)) {
    const full = path.join(mappe, fil);
    if (!(await finnes(full))) {
      if (fil === 'arkivstruktur.xml') p(fil, 'filen mangler');
      continue;
    }
    const mappeForSkjema = skjema === 'addml.xsd' ? path.join(SKJEMA_MAPPE, 'v5.0') : skjemaer;
    for (const feil of await valider(full, mappeForSkjema, skjema)) p(fil, `ikke gyldig mot ${versjon}/${skjema}: ${feil}`);
  }
  let arkivstruktur: N = {};
  let endringslogg: N | null = null;
  if (!problemer.some((x) => x.hvor === 'arkivstruktur.xml')) {
    arkivstruktur = parser.parse(await readFile(path.join(mappe, 'arkivstruktur.xml'), 'utf8')) as N;
    // Every document file: there, and with the checksum the dokumentobjekt gives.
    for (const del of arr(arkivstruktur.arkiv?.arkivdel)) {
      for (const m of arr(del.mappe)) {
        for (const r of arr(m.registrering)) {
          for (const d of arr(r.dokumentbeskrivelse)) {
            for (const o of arr(d.dokumentobjekt)) {
              const ref = tekst(o.referanseDokumentfil);
              const hvor = `arkivstruktur.xml: dokumentobjekt ${tekst(o.systemID)} (registrering ${tekst(r.systemID)})`;
              if (!ref || ref.includes('..') || path.isAbsolute(ref)) p(hvor, `ugyldig referanseDokumentfil «${ref}»`);
              else if (!(await finnes(path.join(mappe, ref)))) p(hvor, `dokumentfilen ${ref} mangler`);
              else if ((await sha256Fil(path.join(mappe, ref))).sha256 !== String(tekst(o.sjekksum)).toLowerCase()) p(hvor, `sjekksummen for ${ref} stemmer ikke`);
            }
          }
        }
      }
    }
  }
  if (await finnes(path.join(mappe, 'endringslogg.xml'))) {
    if (!problemer.some((x) => x.hvor === 'endringslogg.xml')) endringslogg = parser.parse(await readFile(path.join(mappe, 'endringslogg.xml'), 'utf8')) as N;
  }
  return { versjon, arkivstruktur, endringslogg, problemer };
}

export interface ImportResultat {
  readonly arkivdelId: string;
  readonly versjon: Versjon;
  readonly saker: number;
  readonly journalposter: number;
  readonly dokumentfiler: number;
  readonly historikk: number;
}

/**
 * Imports a Noark 5 deposit (v3.1, v4.0 or v5.0) as a read-only arkivdel: the historic base.
 * The package is checked first (kontrollerUttrekk); a package with any problem is refused whole
 * with the list. The load is one transaction: documents are staged first and put in place just
 * before commit, and removed again if anything fails. A non-UUID systemID gets a new UUID and the
 * old one is kept in the record's noark_tillegg (opprinneligSystemID).
 */
export async function importerUttrekk(db: Kysely<DB>, blobs: BlobStore, mappe: string): Promise<ImportResultat> {
  const { versjon, arkivstruktur, endringslogg, problemer } = await kontrollerUttrekk(mappe);
  if (problemer.length) throw new UttrekkAvvist(problemer);
  const staged: StagedBlob[] = [];
  const created: string[] = [];
  try {
    const resultat = await db.transaction().execute(async (trx) => {
      await sql`select set_config('arkiv.import', 'on', true)`.execute(trx);
      const r = await last(trx, blobs, mappe, versjon, arkivstruktur, endringslogg, staged);
      for (const s of staged) if ((await s.commit()).created) created.push(s.sha256);
      return r;
    });
    return resultat;
  } catch (err) {
    for (const s of staged) await s.discard();
    for (const sha of created) if (!(await db.selectFrom('dokumentversjon').select('systemId').where('sjekksum', '=', sha).executeTakeFirst())) await blobs.delete(sha);
    if (err instanceof UttrekkAvvist) throw err;
    throw new UttrekkAvvist([{ hvor: 'import', problem: (err as Error).message }]);
  }
}

async function last(trx: Transaction<DB>, blobs: BlobStore, mappe: string, versjon: Versjon, doc: N, endringslogg: N | null, staged: StagedBlob[]): Promise<ImportResultat> {
  const problemer: Importproblem[] = [];
  const ider = new Map<string, string>();
  /** The record's id here: its own UUID when it has one not yet taken, else a new one. */
  const nyId = async (gammel: string | null, tabell: 'arkiv' | 'arkivdel' | 'sak' | 'journalpost' | 'dokumentbeskrivelse' | 'dokumentversjon'): Promise<string> => {
    const g = gammel ?? randomUUID();
    let id = g;
    if (!UUID.test(g) || (await trx.selectFrom(tabell).select('systemId').where('systemId', '=', g).executeTakeFirst())) id = randomUUID();
    ider.set(g, id);
    return id;
  };
  const tillegg = (gammel: string | null, id: string, extra: Record<string, unknown> = {}) => JSON.stringify({ ...extra, ...(gammel && gammel !== id ? { opprinneligSystemID: gammel } : {}) });
  const brukere = new Map<string, string>();
  const bruker = async (navn: string | null): Promise<string> => {
    const n = navn ?? 'Ukjent';
    const hit = brukere.get(n);
    if (hit) return hit;
    const b = (await trx.selectFrom('bruker').select('systemId').where('navn', '=', n).orderBy('aktiv', 'desc').executeTakeFirst()) ?? (await trx.insertInto('bruker').values({ brukernavn: `historisk-${randomUUID().slice(0, 8)}`, navn: n, aktiv: false }).returning('systemId').executeTakeFirstOrThrow());
    brukere.set(n, b.systemId);
    return b.systemId;
  };
  const enheter = new Map<string, string>();
  const enhet = async (navnEllerKode: string | null): Promise<string> => {
    const n = navnEllerKode ?? 'Ukjent enhet';
    const hit = enheter.get(n);
    if (hit) return hit;
    const e = (await trx.selectFrom('administrativEnhet').select('systemId').where((eb) => eb.or([eb('navn', '=', n), eb('kode', '=', n)])).executeTakeFirst()) ?? (await trx.insertInto('administrativEnhet').values({ kode: `HIST-${randomUUID().slice(0, 8)}`, navn: n, aktiv: false }).returning('systemId').executeTakeFirstOrThrow());
    enheter.set(n, e.systemId);
    return e.systemId;
  };
  const vsm = (x: N) => (x.virksomhetsspesifikkeMetadata ?? {}) as N;
  const t = (x: unknown) => tekst(x);
  // Screened words in a title (this service's own extension; Noark 5 has no element for them).
  const skjermedeOrd = (lokal: N) => (t(lokal.skjermedeOrd) ?? '').split(/\s+/).filter(Boolean);
  const skjerming = (x: N, lokal: N): { tilgangskode: Tilgangskode | null; skjermingsnivaa: 1 | 2 | 3 | null; skjermingshjemmel: string | null } => {
    const s = x.skjerming as N | undefined;
    if (!s) return { tilgangskode: null, skjermingsnivaa: null, skjermingshjemmel: null };
    const kode = t(lokal.tilgangskode) ?? t(s.tilgangsrestriksjon);
    const nivaa = Number(t(lokal.skjermingsnivaa) ?? Math.min(3, Math.max(1, arr(s.skjermingMetadata).length)));
    // A restriction code the municipality does not use is screened as «U» (the strictest common reading), its own code kept in the hjemmel.
    const kjent = (TILGANGSKODE_KODER as readonly string[]).includes(kode ?? '');
    const hjemmel = t(s.skjermingshjemmel);
    return { tilgangskode: kjent ? (kode as Tilgangskode) : 'U', skjermingsnivaa: nivaa as 1 | 2 | 3, skjermingshjemmel: kjent ? (hjemmel === 'Ikke oppgitt' ? null : hjemmel) : `${kode}: ${hjemmel ?? ''}`.trim() };
  };
  const dato = (x: unknown) => t(x);
  const tid = (x: unknown) => (t(x) ? new Date(t(x)!) : null);

  const arkivEl = doc.arkiv as N;
  const skaper = arr(arkivEl.arkivskaper)[0] ?? {};
  const arkivGammel = t(arkivEl.systemID);
  const arkivId = await nyId(arkivGammel, 'arkiv');
  await trx.insertInto('arkiv').values({ systemId: arkivId, tittel: t(arkivEl.tittel) ?? 'Historisk arkiv', beskrivelse: t(arkivEl.beskrivelse), arkivstatus: t(arkivEl.arkivstatus) ?? 'Avsluttet', arkivskaperId: t(skaper.arkivskaperID) ?? 'ukjent', arkivskaperNavn: t(skaper.arkivskaperNavn) ?? 'ukjent', opprettetDato: tid(arkivEl.opprettetDato) ?? new Date(), opprettetAv: t(arkivEl.opprettetAv) ?? 'ukjent', avsluttetDato: tid(arkivEl.avsluttetDato), avsluttetAv: t(arkivEl.avsluttetAv) }).execute();
  const deler = arr(arkivEl.arkivdel);
  if (deler.length !== 1) throw new UttrekkAvvist([{ hvor: 'arkivstruktur.xml', problem: `pakken har ${deler.length} arkivdeler; importen tar én om gangen` }]);
  const del = deler[0]!;
  const delGammel = t(del.systemID);
  const arkivdelId = await nyId(delGammel, 'arkivdel');
  await trx.insertInto('arkivdel').values({ systemId: arkivdelId, arkivId, tittel: t(del.tittel) ?? 'Historisk arkivdel', beskrivelse: t(del.beskrivelse), arkivdelstatus: t(del.arkivdelstatus) ?? 'Avsluttet periode', arkivperiodeStartDato: dato(del.arkivperiodeStartDato), arkivperiodeSluttDato: dato(del.arkivperiodeSluttDato), opprettetDato: tid(del.opprettetDato) ?? new Date(), opprettetAv: t(del.opprettetAv) ?? 'ukjent', avsluttetDato: tid(del.avsluttetDato), avsluttetAv: t(del.avsluttetAv), skrivebeskyttet: true, importertFra: JSON.stringify({ versjon, mappe, importert: new Date().toISOString(), ...(delGammel && delGammel !== arkivdelId ? { opprinneligSystemID: delGammel } : {}) }) }).execute();
  const klasser = new Map((await trx.selectFrom('klasse').select(['systemId', 'klasseId']).execute()).map((k) => [k.klasseId, k.systemId]));

  let saker = 0;
  let journalposter = 0;
  let dokumentfiler = 0;
  const kryss: { fraSakId: string | null; fraJournalpostId: string | null; til: string; erMappe: boolean; av: string; hvor: string }[] = [];
  const avskr: { journalpostId: string; a: N; av: string }[] = [];
  const merknad = async (m: N, eier: { sakId?: string; journalpostId?: string; dokumentbeskrivelseId?: string }) =>
    trx.insertInto('merknad').values({ ...eier, merknadstype: MERKNADSTYPE.fra[t(m.merknadstype) ?? ''] ?? 'FORMELL', merknadstekst: t(m.merknadstekst) ?? '', merknadsdato: tid(m.merknadsdato) ?? new Date(), registrertAvId: await bruker(t(m.merknadRegistrertAv)) }).execute();

  for (const m of arr(del.mappe)) {
    saker++;
    const lokal = vsm(m);
    const gammel = t(m.systemID);
    const sakId = await nyId(gammel, 'sak');
    const mappeId = t(m.mappeID) ?? '';
    const [aarFraId, nrFraId] = mappeId.split('/').map(Number);
    const saksaar = Number(t(m.saksaar) ?? aarFraId);
    const sakssekvensnummer = Number(t(m.sakssekvensnummer) ?? nrFraId);
    if (!Number.isInteger(saksaar) || !Number.isInteger(sakssekvensnummer)) problemer.push({ hvor: `arkivstruktur.xml: mappe ${gammel}`, problem: 'saksår og sekvensnummer mangler (og mappeID er ikke år/nummer)' });
    const tittel = t(lokal.tittel1) ?? t(m.tittel) ?? '';
    const opprettetAvId = await bruker(t(m.opprettetAv));
    await trx
      .insertInto('sak')
      .values({
        systemId: sakId,
        arkivdelId,
        saksaar,
        sakssekvensnummer,
        mappeId,
        tittel,
        tittel2: t(lokal.tittel2),
        skjermedeOrd: skjermedeOrd(lokal),
        beskrivelse: t(m.beskrivelse),
        sakstype: (t(lokal.sakstype) ?? 'GS') as never,
        saksstatus: (t(lokal.saksstatus) ?? SAKSSTATUS.fra[t(m.saksstatus) ?? ''] ?? 'A') as never,
        saksdato: dato(m.saksdato) ?? (t(m.opprettetDato) ?? new Date().toISOString()).slice(0, 10),
        saksansvarligId: await bruker(t(m.saksansvarlig) ?? t(m.opprettetAv)),
        administrativEnhetId: await enhet(t(m.administrativEnhet)),
        klasseId: t(lokal.klasse) ? (klasser.get(t(lokal.klasse)!) ?? null) : null,
        noekkelord: arr(m.noekkelord).map((n) => String(tekst(n))),
        dokumentmedium: t(m.dokumentmedium) ?? 'Elektronisk arkiv',
        ...skjerming(m, lokal),
        noarkTillegg: tillegg(gammel, sakId),
        opprettetDato: tid(m.opprettetDato) ?? new Date(),
        opprettetAvId,
        avsluttetDato: t(lokal.aapen) === 'true' ? null : tid(m.avsluttetDato),
        avsluttetAvId: t(lokal.aapen) === 'true' ? null : t(m.avsluttetAv) ? await bruker(t(m.avsluttetAv)) : null,
      })
      .execute();
    for (const x of arr(m.merknad)) await merknad(x, { sakId });
    for (const k of arr(m.kryssreferanse)) kryss.push({ fraSakId: sakId, fraJournalpostId: null, til: (t(k.referanseTilMappe) ?? t(k.referanseTilRegistrering))!, erMappe: !!t(k.referanseTilMappe), av: opprettetAvId, hvor: `mappe ${gammel}` });
    let sisteDokumentnummer = 0;
    for (const r of arr(m.registrering)) {
      journalposter++;
      const rl = vsm(r);
      const rg = t(r.systemID);
      const jpId = await nyId(rg, 'journalpost');
      const dokumentnummer = Number(t(rl.dokumentnummer) ?? t(r.journalpostnummer) ?? journalposter);
      sisteDokumentnummer = Math.max(sisteDokumentnummer, dokumentnummer);
      const jpOpprettetAv = await bruker(t(r.opprettetAv));
      await trx
        .insertInto('journalpost')
        .values({
          systemId: jpId,
          sakId,
          dokumentnummer,
          journalaar: Number(t(r.journalaar)),
          journalsekvensnummer: Number(t(r.journalsekvensnummer)),
          journalposttype: (t(rl.journalposttype) ?? JOURNALPOSTTYPE.fra[t(r.journalposttype) ?? ''] ?? 'I') as never,
          journalstatus: (t(rl.journalstatus) ?? JOURNALSTATUS.fra[t(r.journalstatus) ?? ''] ?? 'A') as never,
          tittel: t(rl.tittel1) ?? t(r.tittel) ?? '',
          tittel2: t(rl.tittel2),
          skjermedeOrd: skjermedeOrd(rl),
          beskrivelse: t(r.beskrivelse),
          dokumentdato: dato(r.dokumentetsDato),
          journaldato: dato(r.journaldato) ?? (t(r.opprettetDato) ?? '').slice(0, 10),
          mottattDato: tid(r.mottattDato),
          sendtDato: tid(r.sendtDato),
          forfallsdato: dato(r.forfallsdato),
          offentlighetsvurdertDato: dato(r.offentlighetsvurdertDato),
          saksbehandlerId: await bruker(t(rl.saksbehandler) ?? t(r.opprettetAv)),
          administrativEnhetId: await enhet(t(rl.administrativEnhet) ?? t(m.administrativEnhet)),
          ...skjerming(r, rl),
          noarkTillegg: tillegg(rg, jpId),
          opprettetDato: tid(r.opprettetDato) ?? new Date(),
          opprettetAvId: jpOpprettetAv,
          arkivertDato: tid(r.arkivertDato),
          arkivertAvId: t(r.arkivertAv) ? await bruker(t(r.arkivertAv)) : null,
        })
        .execute();
      let rekkefolge = 0;
      for (const p of arr(r.korrespondansepart)) {
        const type = KORRESPONDANSEPARTTYPE.fra[t(p.korrespondanseparttype) ?? ''] ?? (/^(EA|EM|EK|IA|IM|IK)$/.test(t(p.korrespondanseparttype) ?? '') ? t(p.korrespondanseparttype) : 'EA');
        await trx.insertInto('korrespondansepart').values({ journalpostId: jpId, korrespondanseparttype: type as never, rekkefolge: ++rekkefolge, navn: t(p.korrespondansepartNavn) ?? '', postadresse: arr(p.postadresse).map((x) => tekst(x)).join('\n') || null, postnummer: t(p.postnummer), poststed: t(p.poststed), land: t(p.land), epostadresse: t(p.epostadresse), telefonnummer: t(arr(p.telefonnummer)[0]), kontaktperson: t(p.kontaktperson) }).execute();
      }
      for (const x of arr(r.merknad)) await merknad(x, { journalpostId: jpId });
      for (const k of arr(r.kryssreferanse)) kryss.push({ fraSakId: null, fraJournalpostId: jpId, til: (t(k.referanseTilMappe) ?? t(k.referanseTilRegistrering))!, erMappe: !!t(k.referanseTilMappe), av: jpOpprettetAv, hvor: `registrering ${rg}` });
      for (const a of arr(r.avskrivning)) avskr.push({ journalpostId: jpId, a, av: await bruker(t(a.avskrevetAv)) });
      for (const d of arr(r.dokumentbeskrivelse)) {
        const dg = t(d.systemID);
        const dokId = await nyId(dg, 'dokumentbeskrivelse');
        const dokAv = await bruker(t(d.opprettetAv));
        await trx.insertInto('dokumentbeskrivelse').values({ systemId: dokId, journalpostId: jpId, dokumentnummer: Number(t(d.dokumentnummer)), tilknyttetRegistreringSom: TILKNYTNING.fra[t(d.tilknyttetRegistreringSom) ?? ''] ?? 'V', dokumenttype: t(d.dokumenttype) ?? 'Brev', dokumentstatus: t(d.dokumentstatus) ?? 'Dokumentet er ferdigstilt', tittel: t(d.tittel) ?? '', beskrivelse: t(d.beskrivelse), forfatter: t(arr(d.forfatter)[0]), ...skjerming(d, {}), opprettetDato: tid(d.opprettetDato) ?? new Date(), opprettetAvId: dokAv, tilknyttetDato: tid(d.tilknyttetDato) ?? new Date(), noarkTillegg: tillegg(dg, dokId) as never }).execute();
        for (const x of arr(d.merknad)) await merknad(x, { dokumentbeskrivelseId: dokId });
        for (const o of arr(d.dokumentobjekt)) {
          const og = t(o.systemID);
          const vId = await nyId(og, 'dokumentversjon');
          const ref = t(o.referanseDokumentfil)!;
          const s = await blobs.stage(createReadStream(path.join(mappe, ref)));
          staged.push(s);
          dokumentfiler++;
          await trx.insertInto('dokumentversjon').values({ systemId: vId, dokumentbeskrivelseId: dokId, versjonsnummer: Number(t(o.versjonsnummer) ?? 1), variantformat: VARIANTFORMAT.fra[t(o.variantformat) ?? ''] ?? 'A', format: t(o.format) ?? 'application/octet-stream', formatDetaljer: t(o.formatDetaljer), filnavn: path.basename(ref), sjekksum: s.sha256, filstoerrelse: s.size, opprettetDato: tid(o.opprettetDato) ?? new Date(), opprettetAvId: await bruker(t(o.opprettetAv)), noarkTillegg: tillegg(og, vId) as never }).execute();
        }
      }
    }
    await trx.updateTable('sak').set({ sisteDokumentnummer }).where('systemId', '=', sakId).execute();
  }
  for (const k of kryss) {
    const til = ider.get(k.til) ?? k.til;
    const finnesTil = UUID.test(til) && (await trx.selectFrom(k.erMappe ? 'sak' : 'journalpost').select('systemId').where('systemId', '=', til).executeTakeFirst());
    if (!finnesTil) {
      problemer.push({ hvor: `arkivstruktur.xml: kryssreferanse fra ${k.hvor}`, problem: `peker til ${k.til}, som verken er i pakken eller i arkivet` });
      continue;
    }
    await trx.insertInto('kryssreferanse').values({ fraSakId: k.fraSakId, fraJournalpostId: k.fraJournalpostId, tilSakId: k.erMappe ? til : null, tilJournalpostId: k.erMappe ? null : til, opprettetAvId: k.av }).execute();
  }
  for (const { journalpostId, a, av } of avskr) {
    const svar = t(a.referanseAvskrivesAvJournalpost);
    await trx.insertInto('avskrivning').values({ journalpostId, avskrivningsmaate: (AVSKRIVNINGSMAATE.fra[t(a.avskrivningsmaate) ?? ''] ?? 'TE') as never, avskrivningsdato: tid(a.avskrivningsdato), svarJournalpostId: svar ? (ider.get(svar) ?? svar) : null, avskrevetAvId: av, ventende: false }).execute();
  }
  const historikk = endringslogg ? await lastHistorikk(trx, endringslogg, ider, bruker) : 0;
  if (problemer.length) throw new UttrekkAvvist(problemer);
  return { arkivdelId, versjon, saker, journalposter, dokumentfiler, historikk };
}

/**
 * endringslogg → historikk. Changes of one record at one time with `<handling>:<field>`
 * metadata (as the export writes them) become one entry with { fra, til } per field and the
 * `<handling>:*` rest merged in; any other endring becomes one entry, its new value as the data.
 */
async function lastHistorikk(trx: Transaction<DB>, doc: N, ider: Map<string, string>, bruker: (n: string | null) => Promise<string>): Promise<number> {
  const endringer = arr(doc.endringslogg?.endring);
  const grupper = new Map<string, { objektId: string; handling: string; tidspunkt: string; av: string | null; data: Record<string, unknown> }>();
  const parse = (s: string | null) => {
    if (s === null || s === '-') return null;
    try {
      return JSON.parse(s) as unknown;
    } catch {
      return s;
    }
  };
  for (const e of endringer) {
    const objekt = tekst(e.referanseArkivenhet)!;
    const objektId = ider.get(objekt) ?? objekt;
    const meta = tekst(e.referanseMetadata)!;
    const [handling, felt] = meta.includes(':') ? [meta.slice(0, meta.indexOf(':')), meta.slice(meta.indexOf(':') + 1)] : [meta, null];
    const tidspunkt = tekst(e.endretDato)!;
    const key = felt ? `${objektId}|${handling}|${tidspunkt}` : `${objektId}|${handling}|${tidspunkt}|${grupper.size}`;
    const g = grupper.get(key) ?? { objektId, handling, tidspunkt, av: tekst(e.endretAv), data: {} };
    if (felt === '*') Object.assign(g.data, parse(tekst(e.nyVerdi)) as Record<string, unknown>);
    else if (felt) g.data[felt] = { fra: parse(tekst(e.tidligereVerdi)), til: parse(tekst(e.nyVerdi)) };
    else g.data = (parse(tekst(e.nyVerdi)) as Record<string, unknown>) ?? {};
    grupper.set(key, g);
  }
  let n = 0;
  for (const g of grupper.values()) {
    const { objekttype, ...data } = g.data as { objekttype?: string };
    const jp = await trx.selectFrom('journalpost').select(['systemId', 'sakId']).where('systemId', '=', g.objektId).executeTakeFirst();
    const dok = jp ? undefined : await trx.selectFrom('dokumentbeskrivelse as d').innerJoin('journalpost as j', 'j.systemId', 'd.journalpostId').select(['j.systemId', 'j.sakId']).where('d.systemId', '=', g.objektId).executeTakeFirst();
    const sak = jp || dok ? undefined : await trx.selectFrom('sak').select('systemId').where('systemId', '=', g.objektId).executeTakeFirst();
    const eier = jp ?? dok;
    await trx
      .insertInto('historikk')
      .values({ tidspunkt: new Date(g.tidspunkt), brukerId: g.av && g.av !== 'System' ? await bruker(g.av) : null, handling: g.handling, objekttype: objekttype ?? (jp ? 'journalpost' : dok ? 'dokumentbeskrivelse' : 'sak'), objektId: UUID.test(g.objektId) ? g.objektId : randomUUID(), sakId: eier?.sakId ?? sak?.systemId ?? null, journalpostId: eier?.systemId ?? null, data: JSON.stringify(objekttype ? data : g.data) })
      .execute();
    n++;
  }
  return n;
}
