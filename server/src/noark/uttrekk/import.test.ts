import { mkdtemp, readdir, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { renderPdf } from '../../mail/body-pdf';
import { createTestContext, type TestContext } from '../../test/context';
import { sha256Fil, skrivAddml } from './addml';
import { importerUttrekk, type Importproblem, UttrekkAvvist } from './import';

/**
 * Deposits in the older versions' own form (v3.1 and v4.0: journalpost extends
 * basisregistrering, systemIDs need not be UUIDs, dokumentobjekt has none) are imported as
 * read-only arkivdeler; broken ones are refused whole with a report naming each problem.
 */
const NS = 'http://www.arkivverket.no/standarder/noark5/arkivstruktur';

/** A one-sak, one-journalpost deposit as a Noark 5 v3.1 or v4.0 system would write it. */
async function byggPakke(versjon: 'v3.1' | 'v4.0', aar: number): Promise<{ mappe: string; pdf: Uint8Array }> {
  const mappe = await mkdtemp(path.join(os.tmpdir(), `pakke-${versjon}-`));
  await mkdir(path.join(mappe, 'dokumenter'));
  const pdf = await renderPdf(`Byggesøknad ${versjon}`, [{ tekst: `Søknad om tillatelse, arkivert i ${aar}.` }]);
  await writeFile(path.join(mappe, 'dokumenter', 'dok-1.pdf'), pdf);
  const sha = (await sha256Fil(path.join(mappe, 'dokumenter', 'dok-1.pdf'))).sha256;
  const xml = `<?xml version="1.0" encoding="UTF-8"?>
<arkiv xmlns="${NS}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <systemID>arkiv-${versjon}</systemID><tittel>Gamle Fjordvik kommune</tittel><opprettetDato>${aar}-01-01T08:00:00Z</opprettetDato><opprettetAv>Arkivar</opprettetAv><avsluttetDato>${aar}-12-31T16:00:00Z</avsluttetDato><avsluttetAv>Arkivar</avsluttetAv>
  <arkivskaper><arkivskaperID>974000000</arkivskaperID><arkivskaperNavn>Gamle Fjordvik kommune</arkivskaperNavn></arkivskaper>
  <arkivdel>
    <systemID>del-${versjon}</systemID><tittel>Sakarkiv ${aar}</tittel><arkivdelstatus>Avsluttet periode</arkivdelstatus><opprettetDato>${aar}-01-01T08:00:00Z</opprettetDato><opprettetAv>Arkivar</opprettetAv><avsluttetDato>${aar}-12-31T16:00:00Z</avsluttetDato><avsluttetAv>Arkivar</avsluttetAv>
    <mappe xsi:type="saksmappe">
      <systemID>sak-${versjon}</systemID><mappeID>${aar}/7</mappeID><tittel>Byggesak Fjordveien 1</tittel><opprettetDato>${aar}-02-01T08:00:00Z</opprettetDato><opprettetAv>Ola Saksbehandler</opprettetAv><avsluttetDato>${aar}-06-01T08:00:00Z</avsluttetDato><avsluttetAv>Ola Saksbehandler</avsluttetAv>
      <merknad><merknadstekst>Ferdigattest gitt</merknadstekst><merknadsdato>${aar}-06-01T08:00:00Z</merknadsdato><merknadRegistrertAv>Ola Saksbehandler</merknadRegistrertAv></merknad>
      <registrering xsi:type="journalpost">
        <systemID>jp-${versjon}</systemID><opprettetDato>${aar}-02-01T09:00:00Z</opprettetDato><opprettetAv>Kari Arkiv</opprettetAv><arkivertDato>${aar}-02-02T09:00:00Z</arkivertDato><arkivertAv>Kari Arkiv</arkivertAv>
        <skjerming><tilgangsrestriksjon>U</tilgangsrestriksjon><skjermingshjemmel>Offl. § 13</skjermingshjemmel><skjermingMetadata>Tittel dokumentbeskrivelse</skjermingMetadata></skjerming>
        <dokumentbeskrivelse>
          <systemID>db-${versjon}</systemID><dokumenttype>Brev</dokumenttype><dokumentstatus>Dokumentet er ferdigstilt</dokumentstatus><tittel>Søknad</tittel><opprettetDato>${aar}-02-01T09:00:00Z</opprettetDato><opprettetAv>Kari Arkiv</opprettetAv>
          <tilknyttetRegistreringSom>Hoveddokument</tilknyttetRegistreringSom><dokumentnummer>1</dokumentnummer><tilknyttetDato>${aar}-02-01T09:00:00Z</tilknyttetDato><tilknyttetAv>Kari Arkiv</tilknyttetAv>
          <dokumentobjekt><versjonsnummer>1</versjonsnummer><variantformat>Arkivformat</variantformat><format>application/pdf</format><opprettetDato>${aar}-02-01T09:00:00Z</opprettetDato><opprettetAv>Kari Arkiv</opprettetAv><referanseDokumentfil>dokumenter/dok-1.pdf</referanseDokumentfil><sjekksum>${sha}</sjekksum><sjekksumAlgoritme>SHA256</sjekksumAlgoritme><filstoerrelse>${pdf.length}</filstoerrelse></dokumentobjekt>
        </dokumentbeskrivelse>
        <registreringsID>${aar}/1234</registreringsID><tittel>Søknad om byggetillatelse</tittel>
        <journalaar>${aar}</journalaar><journalsekvensnummer>1234</journalsekvensnummer><journalpostnummer>1</journalpostnummer><journalposttype>Inngående dokument</journalposttype><journalstatus>Arkivert</journalstatus><journaldato>${aar}-02-01</journaldato>
        <korrespondansepart><korrespondanseparttype>Avsender</korrespondanseparttype><korrespondansepartNavn>Per Utbygger</korrespondansepartNavn></korrespondansepart>
      </registrering>
      <saksaar>${aar}</saksaar><sakssekvensnummer>7</sakssekvensnummer><saksdato>${aar}-02-01</saksdato><administrativEnhet>Byggesak</administrativEnhet><saksansvarlig>Ola Saksbehandler</saksansvarlig><saksstatus>Avsluttet</saksstatus>
    </mappe>
  </arkivdel>
</arkiv>
`;
  await writeFile(path.join(mappe, 'arkivstruktur.xml'), xml);
  await skrivAddmlFor(mappe, versjon);
  return { mappe, pdf };
}

async function skrivAddmlFor(mappe: string, versjon: string) {
  const liste = path.join(mappe, '..', `${path.basename(mappe)}.liste`);
  const dok = path.join(mappe, 'dokumenter', 'dok-1.pdf');
  const d = await sha256Fil(dok).catch(() => ({ sha256: '0'.repeat(64), size: 0 }));
  await writeFile(liste, `dokumenter/dok-1.pdf ${d.sha256} ${d.size}\n`);
  await skrivAddml(mappe, {
    arkiv: { arkivskaperId: '974000000', arkivskaperNavn: 'Gamle Fjordvik kommune', tittel: 'Gamle Fjordvik kommune' },
    arkivdel: { systemId: `del-${versjon}`, tittel: 'Sakarkiv' },
    periode: { fra: '2001-01-01', til: '2001-12-31' },
    antallSaker: 1,
    antallJournalposter: 1,
    antallDokumentfiler: 1,
    filer: [{ navn: 'arkivstruktur.xml', ...(await sha256Fil(path.join(mappe, 'arkivstruktur.xml'))) }],
    skjemaer: [],
    dokumentliste: liste,
    naa: new Date('2002-01-01T00:00:00Z'),
    versjon,
  });
  await unlink(liste);
}

let ctx: TestContext;
const rydd: string[] = [];
beforeAll(async () => {
  ctx = await createTestContext();
}, 300_000);
afterAll(async () => {
  await ctx?.close();
  for (const m of rydd) await rm(m, { recursive: true, force: true });
});

const avvist = async (mappe: string): Promise<readonly Importproblem[]> => {
  const foer = { saker: (await ctx.db.selectFrom('sak').select('systemId').execute()).length, deler: (await ctx.db.selectFrom('arkivdel').select('systemId').execute()).length, blobs: await blobFiler() };
  const err = await importerUttrekk(ctx.db, ctx.blobs, mappe).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(UttrekkAvvist);
  // Nothing half-imported: no rows, no stored files.
  expect({ saker: (await ctx.db.selectFrom('sak').select('systemId').execute()).length, deler: (await ctx.db.selectFrom('arkivdel').select('systemId').execute()).length, blobs: await blobFiler() }).toEqual(foer);
  return (err as UttrekkAvvist).problemer;
};
async function blobFiler(): Promise<number> {
  const dir = path.join(ctx.dataDir, 'blobs');
  const walk = async (d: string): Promise<number> => {
    const entries = await readdir(d, { withFileTypes: true }).catch(() => []);
    let n = 0;
    for (const e of entries) n += e.isDirectory() ? await walk(path.join(d, e.name)) : 1;
    return n;
  };
  return walk(dir);
}

describe.each([
  ['v4.0', 2004],
  ['v3.1', 2001],
] as const)('a Noark 5 %s deposit', (versjon, aar) => {
  it('is imported as a read-only arkivdel, non-UUID systemIDs replaced and kept, the document bytes stored', async () => {
    const { mappe, pdf } = await byggPakke(versjon, aar);
    rydd.push(mappe);
    const r = await importerUttrekk(ctx.db, ctx.blobs, mappe);
    expect(r).toMatchObject({ versjon, saker: 1, journalposter: 1, dokumentfiler: 1 });
    const del = await ctx.db.selectFrom('arkivdel').selectAll().where('systemId', '=', r.arkivdelId).executeTakeFirstOrThrow();
    expect(del).toMatchObject({ skrivebeskyttet: true, tittel: `Sakarkiv ${aar}`, importertFra: expect.objectContaining({ versjon, opprinneligSystemID: `del-${versjon}` }) });
    const sak = await ctx.db.selectFrom('sak').selectAll().where('arkivdelId', '=', r.arkivdelId).executeTakeFirstOrThrow();
    expect(sak).toMatchObject({ mappeId: `${aar}/7`, saksaar: aar, sakssekvensnummer: 7, saksstatus: 'A', tittel: 'Byggesak Fjordveien 1', noarkTillegg: { opprinneligSystemID: `sak-${versjon}` } });
    expect(sak.systemId).toMatch(/^[0-9a-f-]{36}$/);
    const jp = await ctx.db.selectFrom('journalpost').selectAll().where('sakId', '=', sak.systemId).executeTakeFirstOrThrow();
    expect(jp).toMatchObject({ journalaar: aar, journalsekvensnummer: 1234, journalposttype: 'I', journalstatus: 'A', journaldato: `${aar}-02-01`, tilgangskode: 'U', skjermingsnivaa: 1, skjermingshjemmel: 'Offl. § 13', noarkTillegg: { opprinneligSystemID: `jp-${versjon}` } });
    expect(await ctx.db.selectFrom('korrespondansepart').select(['korrespondanseparttype', 'navn']).where('journalpostId', '=', jp.systemId).execute()).toEqual([{ korrespondanseparttype: 'EA', navn: 'Per Utbygger' }]);
    expect(await ctx.db.selectFrom('merknad').select('merknadstekst').where('sakId', '=', sak.systemId).execute()).toEqual([{ merknadstekst: 'Ferdigattest gitt' }]);
    const v = await ctx.db.selectFrom('dokumentversjon as v').innerJoin('dokumentbeskrivelse as d', 'd.systemId', 'v.dokumentbeskrivelseId').select(['v.sjekksum', 'v.variantformat']).where('d.journalpostId', '=', jp.systemId).executeTakeFirstOrThrow();
    expect(v.variantformat).toBe('A');
    const chunks: Buffer[] = [];
    for await (const c of (await ctx.blobs.open(v.sjekksum)).stream) chunks.push(c as Buffer);
    expect(Buffer.concat(chunks).equals(Buffer.from(pdf))).toBe(true);
    // Never editable, whoever tries.
    await expect(ctx.db.updateTable('journalpost').set({ tittel: 'Endret' }).where('systemId', '=', jp.systemId).execute()).rejects.toMatchObject({ code: 'AR001' });
  }, 300_000);
});

describe('a broken deposit is refused whole, with each problem and where', () => {
  const kopi = async (endre: (mappe: string) => Promise<void>) => {
    const { mappe } = await byggPakke('v4.0', 2010);
    rydd.push(mappe);
    await endre(mappe);
    return mappe;
  };

  it('invalid XML', async () => {
    const mappe = await kopi(async (m) => {
      const f = path.join(m, 'arkivstruktur.xml');
      await writeFile(f, (await readFile(f, 'utf8')).replace('</arkivdel>', ''));
      await skrivAddmlFor(m, 'v4.0');
    });
    const problemer = await avvist(mappe);
    expect(problemer.length).toBeGreaterThan(0);
    for (const p of problemer) expect(p).toEqual({ hvor: 'arkivstruktur.xml', problem: expect.stringMatching(/^ikke gyldig mot v4\.0\/arkivstruktur\.xsd: arkivstruktur\.xml/) });
  }, 300_000);

  it('an element out of the schema order', async () => {
    const mappe = await kopi(async (m) => {
      const f = path.join(m, 'arkivstruktur.xml');
      await writeFile(f, (await readFile(f, 'utf8')).replace('<saksaar>2010</saksaar><sakssekvensnummer>7</sakssekvensnummer>', '<sakssekvensnummer>7</sakssekvensnummer><saksaar>2010</saksaar>'));
      await skrivAddmlFor(m, 'v4.0');
    });
    const problemer = await avvist(mappe);
    expect(problemer).toEqual([{ hvor: 'arkivstruktur.xml', problem: expect.stringMatching(/arkivstruktur\.xml:\d+: .*saksaar': This element is not expected/) }]);
  }, 300_000);

  it('a document whose checksum does not match', async () => {
    const mappe = await kopi(async (m) => writeFile(path.join(m, 'dokumenter', 'dok-1.pdf'), 'ikke den arkiverte filen'));
    const problemer = await avvist(mappe);
    expect(problemer).toEqual(expect.arrayContaining([expect.objectContaining({ hvor: 'dokumenter/dok-1.pdf', problem: expect.stringMatching(/sjekksummen stemmer ikke/) }), expect.objectContaining({ hvor: expect.stringContaining('dokumentobjekt'), problem: expect.stringMatching(/sjekksummen for dokumenter\/dok-1\.pdf stemmer ikke/) })]));
  }, 300_000);

  it('a missing document', async () => {
    const mappe = await kopi(async (m) => unlink(path.join(m, 'dokumenter', 'dok-1.pdf')));
    const problemer = await avvist(mappe);
    expect(problemer).toEqual(expect.arrayContaining([expect.objectContaining({ hvor: 'dokumenter/dok-1.pdf', problem: expect.stringMatching(/finnes ikke/) }), expect.objectContaining({ hvor: expect.stringContaining('registrering jp-v4.0'), problem: 'dokumentfilen dokumenter/dok-1.pdf mangler' })]));
  }, 300_000);

  it('an unknown version', async () => {
    const mappe = await kopi(async (m) => skrivAddmlFor(m, 'v2.0'));
    expect(await avvist(mappe)).toEqual([{ hvor: 'arkivuttrekk.xml', problem: expect.stringMatching(/ukjent Noark 5-versjon «v2\.0»/) }]);
  }, 300_000);
});
