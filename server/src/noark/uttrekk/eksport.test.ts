import { execFileSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { XMLParser } from 'fast-xml-parser';
import { drainArkivformat } from '../../arkivformat/arkivformat.worker';
import { type Konverterer, lagKonverterer } from '../../arkivformat/konverterer';
import { addDokument } from '../../dokument/dokument.service';
import { createJournalpost, journalfoer } from '../../journalpost/journalpost.service';
import { seedDemoIfEmpty } from '../../seed/demo-seed';
import { createTestContext, type TestContext } from '../../test/context';
import { buildSak, buildWorld } from '../../test/factories';
import { sha256Fil } from './addml';
import { eksporterArkivdel, SKJEMA_MAPPE } from './eksport';
import { importerUttrekk } from './import';
import { expectProblem, som } from '../../test/http';
import { SKJEMA_FOR, valider } from './skjemavalidering';

/**
 * An arkivuttrekk of the demo archive (every kind of record, every status, every screening
 * level, avskrivninger, merknader, kryssreferanser, a Word document converted to PDF/A) is a
 * Noark 5 v5.0 package: every XML file valid against its official schema, every file's
 * checksum in the ADDML equal to the file's.
 */
const parser = new XMLParser({ ignoreAttributes: false, parseTagValue: false, isArray: (name) => ['mappe', 'registrering', 'dokumentbeskrivelse', 'dokumentobjekt', 'korrespondansepart', 'merknad', 'kryssreferanse', 'avskrivning', 'skjermingMetadata', 'dataObject', 'property', 'endring', 'journalregistrering', 'noekkelord'].includes(name) });
const arr = (x: N[] | undefined): N[] => x ?? [];
type N = Record<string, any>;

const soffice = execFileSync('sh', ['-c', 'command -v soffice || true'], { encoding: 'utf8' }).trim() || null;
if (!soffice) process.stderr.write(`\n${'!'.repeat(78)}\n!! ARKIVUTTREKK: no LibreOffice: the Word document is delivered in its production format, not converted.\n${'!'.repeat(78)}\n\n`);

describe('arkivuttrekk (Noark 5 v5.0)', () => {
  let ctx: TestContext;
  let til: string;
  let resultat: Awaited<ReturnType<typeof eksporterArkivdel>>;
  let arkivdelId: string;
  let wordDok: string;

  beforeAll(async () => {
    ctx = await createTestContext();
    await seedDemoIfEmpty(ctx.db, ctx.blobs);
    const w = await buildWorld(ctx.db);
    const { db, blobs } = ctx;
    const sakId = await buildSak(db, w.sbh, { tittel: 'Søknad om båtplass', tittel2: 'Fjordvik Båtlag' });
    const sak = await db.selectFrom('sak').select(['systemId', 'arkivdelId']).where('systemId', '=', sakId).executeTakeFirstOrThrow();
    arkivdelId = sak.arkivdelId;
    const jp = await createJournalpost(db, w.sbh, sak.systemId, { journalposttype: 'I', tittel: 'Søknad med Word-vedlegg', korrespondanseparter: [{ korrespondanseparttype: 'EA', navn: 'Fjordvik Båtlag' }] });
    const staged = await blobs.stage(Readable.from([await readFile(path.join(__dirname, '../../arkivformat/fixtures/brev.docx'))]));
    wordDok = await addDokument(db, blobs, w.sbh, jp, { tittel: 'Søknad' }, { staged, filnavn: 'soknad.docx', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' });
    await journalfoer(db, w.ark, jp);
    // LibreOffice for the Word document only (each conversion takes seconds); the demo's text
    // documents stay without an archive variant and are listed as such.
    const medLo = lagKonverterer({ soffice, timeoutMs: 300_000 });
    const utenLo = lagKonverterer({ soffice: null, timeoutMs: 300_000 });
    const konverterer: Konverterer = { soffice, tilPdfA: (b, filnavn, format, t) => (filnavn === 'soknad.docx' ? medLo : utenLo).tilPdfA(b, filnavn, format, t) };
    await drainArkivformat(db, blobs, konverterer, { leaseMs: 600_000, maxAttempts: 1 });
    til = await mkdtemp(path.join(os.tmpdir(), 'uttrekk-'));
    resultat = await eksporterArkivdel(db, blobs, { arkivdelId, til, batch: 3 });
  }, 900_000);
  afterAll(async () => {
    await ctx?.close();
    if (til) await rm(til, { recursive: true, force: true });
  });

  it('writes the package: the five XML files, the schemas and the documents', async () => {
    const filer = await readdir(til);
    expect(filer.sort()).toEqual(['addml.xsd', 'arkivstruktur.xml', 'arkivstruktur.xsd', 'arkivuttrekk.xml', 'dokumenter', 'endringslogg.xml', 'endringslogg.xsd', 'loependeJournal.xml', 'loependeJournal.xsd', 'metadatakatalog.xsd', 'offentligJournal.xml', 'offentligJournal.xsd'].sort());
    expect((await readdir(path.join(til, 'dokumenter'))).length).toBe(resultat.dokumentfiler);
    expect(resultat.dokumentfiler).toBeGreaterThan(0);
  });

  it.each(Object.entries(SKJEMA_FOR))('%s is valid against the official v5.0 schema %s', async (fil, skjema) => {
    expect(await valider(path.join(til, fil), path.join(SKJEMA_MAPPE, 'v5.0'), skjema)).toEqual([]);
  });

  it('lists every file of the package in the ADDML with its SHA-256, and each matches the file', async () => {
    const addml = parser.parse(await readFile(path.join(til, 'arkivuttrekk.xml'), 'utf8')) as N;
    const objekter = addml.addml.dataset.dataObjects.dataObject[0].dataObjects.dataObject as N[];
    const oppfoert = new Map<string, string>();
    for (const o of objekter) {
      const file = (o.properties.property as N[]).find((p) => p['@_name'] === 'file')!.properties.property as N[];
      const checksum = (file.find((p) => p['@_name'] === 'checksum')!.properties.property as N[]).find((p) => p['@_name'] === 'value')!.value as string;
      oppfoert.set(o['@_name'] as string, checksum);
    }
    const alle = [...(await readdir(til)).filter((f) => f !== 'dokumenter' && f !== 'arkivuttrekk.xml'), ...(await readdir(path.join(til, 'dokumenter'))).map((f) => `dokumenter/${f}`)];
    expect([...oppfoert.keys()].sort()).toEqual(alle.sort());
    for (const f of alle) expect({ f, sha: (await sha256Fil(path.join(til, f))).sha256 }).toEqual({ f, sha: oppfoert.get(f) });
  });

  it('holds every sak and every journalpost of the arkivdel except the removed ones, with numbers, screening, parties, avskrivninger, merknader and kryssreferanser', async () => {
    const { db } = ctx;
    const doc = parser.parse(await readFile(path.join(til, 'arkivstruktur.xml'), 'utf8')) as N;
    const mapper = doc.arkiv.arkivdel.mappe as N[];
    const saker = await db.selectFrom('sak').selectAll().where('arkivdelId', '=', arkivdelId).execute();
    expect(mapper.map((m) => m.systemID).sort()).toEqual(saker.map((s) => s.systemId).sort());
    const regs = mapper.flatMap((m) => arr(m.registrering));
    const jps = await db.selectFrom('journalpost').innerJoin('sak', 'sak.systemId', 'journalpost.sakId').selectAll('journalpost').where('sak.arkivdelId', '=', arkivdelId).where('feilregistrertDato', 'is', null).execute();
    expect(regs.map((r) => r.systemID).sort()).toEqual(jps.map((j) => j.systemId).sort());
    expect(resultat.journalposter).toBe(jps.length);
    const status = new Set(regs.map((r) => r.journalstatus));
    for (const s of ['Journalført', 'Arkivert', 'Registrert av saksbehandler']) expect(status).toContain(s);
    for (const jp of jps) {
      const r = regs.find((x) => x.systemID === jp.systemId)!;
      expect({ aar: r.journalaar, nr: r.journalsekvensnummer, dato: r.journaldato }).toEqual({ aar: String(jp.journalaar), nr: String(jp.journalsekvensnummer), dato: jp.journaldato });
      if (jp.tilgangskode) {
        expect(r.skjerming).toMatchObject({ tilgangsrestriksjon: jp.tilgangskode, skjermingDokument: 'Hele dokumentet' });
        expect(r.skjerming.skjermingMetadata).toHaveLength(jp.skjermingsnivaa!);
        if (jp.skjermingsnivaa! >= 2 && jp.tittel2) expect(r.offentligTittel).toBe(`${jp.tittel} - *****`);
      } else expect(r.skjerming).toBeUndefined();
    }
    expect(new Set(regs.filter((r) => r.skjerming).map((r) => r.skjerming.skjermingMetadata.length)).size).toBeGreaterThanOrEqual(2);
    expect(regs.some((r) => arr(r.avskrivning).length > 0)).toBe(true);
    expect(regs.some((r) => arr(r.korrespondansepart).some((p: N) => p.korrespondanseparttype === 'Avsender'))).toBe(true);
    expect([...mapper, ...regs].some((x) => arr(x.merknad).length > 0)).toBe(true);
    expect([...mapper, ...regs].some((x) => arr(x.kryssreferanse).length > 0)).toBe(true);
    const removed = await db.selectFrom('journalpost').select('systemId').where('feilregistrertDato', 'is not', null).execute();
    for (const r of removed) expect(regs.map((x) => x.systemID)).not.toContain(r.systemId);
  });

  it('delivers the Word document as its PDF/A archive variant, with the conversion recorded', async () => {
    const doc = parser.parse(await readFile(path.join(til, 'arkivstruktur.xml'), 'utf8')) as N;
    const dok = (doc.arkiv.arkivdel.mappe as N[]).flatMap((m) => arr(m.registrering)).flatMap((r: N) => arr(r.dokumentbeskrivelse)).find((d: N) => d.systemID === wordDok)!;
    const obj = dok.dokumentobjekt as N[];
    if (soffice) {
      expect(obj).toEqual([expect.objectContaining({ variantformat: 'Arkivformat', format: 'application/pdf', formatDetaljer: 'PDF/A-2b (ISO 19005-2)', konvertering: expect.objectContaining({ konvertertFraFormat: expect.stringContaining('wordprocessingml') }) })]);
      expect(resultat.utenArkivformat.join('\n')).not.toContain('soknad.docx');
    } else {
      expect(obj).toEqual([expect.objectContaining({ variantformat: 'Produksjonsformat' })]);
      expect(resultat.utenArkivformat.join('\n')).toContain('soknad.docx');
    }
  });

  it('keeps the public journal to journalført and arkivert records, with screened names hidden', async () => {
    const oj = parser.parse(await readFile(path.join(til, 'offentligJournal.xml'), 'utf8')) as N;
    const regs = oj.offentligJournal.journalregistrering as N[];
    const offentlige = await ctx.db.selectFrom('journalpost').innerJoin('sak', 'sak.systemId', 'journalpost.sakId').select(['journalpost.systemId', 'journalpost.skjermingsnivaa']).where('sak.arkivdelId', '=', arkivdelId).where('feilregistrertDato', 'is', null).where('journalstatus', 'in', ['J', 'A']).execute();
    expect(regs.map((r) => r.journalpost.systemID).sort()).toEqual(offentlige.map((j) => j.systemId).sort());
    expect(oj.offentligJournal.journalhode.antallJournalposter).toBe(String(offentlige.length));
    const endringer = parser.parse(await readFile(path.join(til, 'endringslogg.xml'), 'utf8')).endringslogg.endring as N[];
    expect(endringer.some((e) => String(e.referanseMetadata).startsWith('journalpost_status_endret'))).toBe(true);
  });

  it('round trip: an import into an empty database gives back the same saker, journalposter, documents, screening, numbers and historikk, read-only', async () => {
    const tom = await createTestContext();
    try {
      const r = await importerUttrekk(tom.db, tom.blobs, til);
      expect(r).toMatchObject({ versjon: 'v5.0', saker: resultat.saker, journalposter: resultat.journalposter, dokumentfiler: resultat.dokumentfiler });
      expect(r.arkivdelId).toBe(arkivdelId);
      const sakFelt = ['systemId', 'mappeId', 'saksaar', 'sakssekvensnummer', 'tittel', 'tittel2', 'beskrivelse', 'sakstype', 'saksstatus', 'saksdato', 'tilgangskode', 'skjermingsnivaa', 'skjermingshjemmel', 'noekkelord', 'skjermedeOrd'] as const;
      const saker = (db: TestContext['db']) => db.selectFrom('sak').select(sakFelt).where('arkivdelId', '=', arkivdelId).orderBy('systemId').execute();
      expect(await saker(tom.db)).toEqual(await saker(ctx.db));
      // The demo's personnel sak has a screened word in its title: it comes back screened.
      expect((await saker(tom.db)).some((sak) => sak.skjermedeOrd.length > 0)).toBe(true);
      const jpFelt = ['journalpost.systemId', 'sakId', 'dokumentnummer', 'journalaar', 'journalsekvensnummer', 'journalposttype', 'journalstatus', 'journalpost.tittel', 'journalpost.tittel2', 'journaldato', 'dokumentdato', 'forfallsdato', 'mottattDato', 'sendtDato', 'offentlighetsvurdertDato', 'journalpost.tilgangskode', 'journalpost.skjermingsnivaa', 'journalpost.skjermingshjemmel', 'journalpost.skjermedeOrd'] as const;
      const jps = (db: TestContext['db']) => db.selectFrom('journalpost').innerJoin('sak', 'sak.systemId', 'journalpost.sakId').select(jpFelt).where('sak.arkivdelId', '=', arkivdelId).where('feilregistrertDato', 'is', null).orderBy('journalpost.systemId').execute();
      expect(await jps(tom.db)).toEqual(await jps(ctx.db));
      const parter = (db: TestContext['db']) => db.selectFrom('korrespondansepart as k').innerJoin('journalpost as j', 'j.systemId', 'k.journalpostId').innerJoin('sak as s', 's.systemId', 'j.sakId').select(['k.journalpostId', 'k.korrespondanseparttype', 'k.navn', 'k.rekkefolge']).where('s.arkivdelId', '=', arkivdelId).where('j.feilregistrertDato', 'is', null).orderBy('k.journalpostId').orderBy('k.rekkefolge').execute();
      expect(await parter(tom.db)).toEqual(await parter(ctx.db));
      const avskr = (db: TestContext['db']) => db.selectFrom('avskrivning as a').innerJoin('journalpost as j', 'j.systemId', 'a.journalpostId').innerJoin('sak as s', 's.systemId', 'j.sakId').select(['a.journalpostId', 'a.avskrivningsmaate', 'a.svarJournalpostId']).where('s.arkivdelId', '=', arkivdelId).where('a.ventende', '=', false).where('j.feilregistrertDato', 'is', null).orderBy('a.journalpostId').orderBy('a.avskrivningsmaate').execute();
      expect(await avskr(tom.db)).toEqual(await avskr(ctx.db));

      // Every delivered document version: same id, same checksum, same bytes.
      const levert = await tom.db.selectFrom('dokumentversjon').select(['systemId', 'sjekksum', 'variantformat', 'versjonsnummer']).orderBy('systemId').execute();
      expect(levert).toHaveLength(resultat.dokumentfiler);
      const kilde = await ctx.db.selectFrom('dokumentversjon').select(['systemId', 'sjekksum', 'variantformat', 'versjonsnummer']).where('systemId', 'in', levert.map((v) => v.systemId)).orderBy('systemId').execute();
      expect(levert).toEqual(kilde);
      const bytes = async (c: TestContext, sha: string) => {
        const chunks: Buffer[] = [];
        for await (const b of (await c.blobs.open(sha)).stream) chunks.push(b as Buffer);
        return Buffer.concat(chunks);
      };
      for (const v of levert) expect((await bytes(tom, v.sjekksum)).equals(await bytes(ctx, v.sjekksum))).toBe(true);

      // Historikk: every entry of the arkivdel's saker, field by field (time to the millisecond, the user by name).
      const hist = async (db: TestContext['db'], sakIds: string[]) =>
        (await db.selectFrom('historikk as h').leftJoin('bruker as b', 'b.systemId', 'h.brukerId').select(['h.handling', 'h.objekttype', 'h.objektId', 'h.tidspunkt', 'b.navn', 'h.data']).where('h.objektId', 'in', sakIds).orderBy('h.id').execute()).map((h) => ({ ...h, tidspunkt: h.tidspunkt.toISOString() }));
      const objekter = [...(await saker(ctx.db)).map((x) => x.systemId), ...(await jps(ctx.db)).map((x) => x.systemId)];
      expect(await hist(tom.db, objekter)).toEqual(await hist(ctx.db, objekter));

      // Searchable and viewable with the same rules, never editable.
      const w2 = await buildWorld(tom.db);
      const enJp = (await jps(tom.db)).find((j) => j.journalstatus === 'J' && !j.tilgangskode)!;
      const sett = await som(tom, w2.ark).get(`/api/journalposter/${enJp.systemId}`);
      expect(sett.status).toBe(200);
      expect(sett.body.tittel).toBe(enJp.tittel);
      expectProblem(await som(tom, w2.ark).post(`/api/journalposter/${enJp.systemId}/merknader`, { merknadstype: 'UFORMELL', merknadstekst: 'Forsøk på å endre et historisk arkiv' }), 409, 'arkivdel_read_only');
      expect(await tom.db.selectFrom('merknad').select('systemId').where('merknadstekst', '=', 'Forsøk på å endre et historisk arkiv').execute()).toEqual([]);
    } finally {
      await tom.close();
    }
  }, 900_000);
});
