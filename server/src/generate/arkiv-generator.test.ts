import { sql } from 'kysely';
import { JOURNALPOSTTYPE_KODER, JOURNALSTATUS_KODER, KURVER } from '@arkiv/shared';
import { createTestContext, type TestContext } from '../test/context';
import { som } from '../test/http';
import { seedReferenceData } from '../seed/demo-seed';
import { dagen } from '../tid';
import { genererArkiv } from './arkiv-generator';
import { SAKSTYPER } from './ordforraad';

/**
 * The generated archive keeps the manual's rules (DOMAIN.md §5 numbers, §10 restanser) and the
 * service works on it as on one it registered itself.
 */
describe('generated archive', () => {
  let ctx: TestContext;
  const til = dagen(new Date());
  const fingeravtrykk = async (db: TestContext['db']) =>
    (await sql<{ h: string }>`select md5(string_agg(journalaar || '/' || journalsekvensnummer || journalposttype || journalstatus || tittel || coalesce(tittel2, ''), ',' order by journalaar, journalsekvensnummer)) as h from journalpost`.execute(db)).rows[0]!.h;
  let generert: string;
  beforeAll(async () => {
    ctx = await createTestContext();
    await seedReferenceData(ctx.db);
    await genererArkiv(ctx.db, { journalposter: 2000, seed: 42, til });
    generert = await fingeravtrykk(ctx.db);
  }, 180_000); // a whole archive: rows, search vectors, document text, every index built after
  afterAll(() => ctx.close());

  const rows = async <T>(q: ReturnType<typeof sql<T>>) => (await q.execute(ctx.db)).rows;
  const first = async <T>(q: ReturnType<typeof sql<T>>) => (await rows(q))[0]!;

  it('numbers journalposter uniquely and without gaps per year, in the year of the journaldato', async () => {
    const perAar = await rows<{ aar: number; n: string; distinkt: string; min: number; max: number; feilAar: string }>(sql`
      select journalaar as aar, count(*) as n, count(distinct journalsekvensnummer) as distinkt, min(journalsekvensnummer) as min, max(journalsekvensnummer) as max,
        count(*) filter (where extract(year from journaldato) <> journalaar) as "feilAar"
      from journalpost group by journalaar`);
    expect(perAar.length).toBeGreaterThanOrEqual(2);
    for (const a of perAar) expect([Number(a.n), Number(a.distinkt), a.min, a.max, Number(a.feilAar)]).toEqual([Number(a.n), Number(a.n), 1, Number(a.n), 0]);
    expect(perAar.reduce((s, a) => s + Number(a.n), 0)).toBe(2000);
  });

  it('numbers saker per year, and journalposter 1..n within their sak', async () => {
    const saker = await rows<{ n: string; max: number }>(sql`select count(*) as n, max(sakssekvensnummer) as max from sak group by saksaar`);
    for (const s of saker) expect(s.max).toBe(Number(s.n));
    const brudd = await rows(sql`select s.system_id from sak s left join journalpost j on j.sak_id = s.system_id
      group by s.system_id, s.siste_dokumentnummer having coalesce(max(j.dokumentnummer), 0) <> s.siste_dokumentnummer or count(j.*) <> coalesce(max(j.dokumentnummer), 0)`);
    expect(brudd).toEqual([]);
  });

  it('holds every journalposttype, journalstatus and sakstype, parties, restanser and approvals in flight', async () => {
    const typer = (await rows<{ t: string }>(sql`select distinct journalposttype as t from journalpost`)).map((r) => r.t).sort();
    expect(typer).toEqual([...JOURNALPOSTTYPE_KODER].sort());
    const statuser = (await rows<{ s: string }>(sql`select distinct journalstatus as s from journalpost`)).map((r) => r.s).sort();
    expect(statuser).toEqual([...JOURNALSTATUS_KODER].sort());
    const sakstyper = (await rows<{ t: string }>(sql`select distinct sakstype as t from sak`)).map((r) => r.t).sort();
    expect(sakstyper).toEqual([...SAKSTYPER].sort());
    // Every inngående has a sender, every utgående a recipient, every N-notat an internal recipient.
    const utenPart = await rows(sql`select j.system_id from journalpost j where j.journalposttype in ('I','U','N')
      and not exists (select 1 from korrespondansepart k where k.journalpost_id = j.system_id)`);
    expect(utenPart).toEqual([]);
    const { n: aapne } = await first<{ n: string }>(sql`select count(*) as n from journalpost j where j.journalposttype = 'I'
      and not exists (select 1 from avskrivning a where a.journalpost_id = j.system_id and not a.ventende)`);
    expect(Number(aapne)).toBeGreaterThan(0);
    const { n: godkjenning } = await first<{ n: string }>(sql`select count(*) as n from oppgave o join journalpost j on j.system_id = o.journalpost_id
      where o.oppgavetype = 'GODKJENNING' and o.status = 'aktiv' and j.journalstatus = 'R'`);
    expect(Number(godkjenning)).toBeGreaterThan(0);
    const { skjermet } = await first<{ skjermet: string }>(sql`select count(*) filter (where coalesce(j.tilgangskode, s.tilgangskode) is not null) as skjermet
      from journalpost j join sak s on s.system_id = j.sak_id`);
    expect(Number(skjermet)).toBeGreaterThan(20);
    expect(Number(skjermet)).toBeLessThan(400);
  });

  it('refers only to rows that exist (it loads without per-row foreign key checks)', async () => {
    const brudd = await rows(sql`
      select 'jp' from journalpost j where not exists (select 1 from sak s where s.system_id = j.sak_id)
        or not exists (select 1 from bruker b where b.system_id = j.saksbehandler_id)
        or not exists (select 1 from administrativ_enhet e where e.system_id = j.administrativ_enhet_id)
      union all select 'sak' from sak s where not exists (select 1 from bruker b where b.system_id = s.saksansvarlig_id)
      union all select 'kp' from korrespondansepart k where not exists (select 1 from journalpost j where j.system_id = k.journalpost_id)
      union all select 'av' from avskrivning a where not exists (select 1 from journalpost j where j.system_id = a.journalpost_id)
      union all select 'dok' from dokumentversjon v where not exists (select 1 from dokumentbeskrivelse d where d.system_id = v.dokumentbeskrivelse_id)
      union all select 'op' from oppgave o where not exists (select 1 from bruker b where b.system_id = o.mottaker_id)
      union all select 'hist' from historikk h where h.journalpost_id is not null and not exists (select 1 from journalpost j where j.system_id = h.journalpost_id)`);
    expect(brudd).toEqual([]);
  });

  it('lets the service continue: the next journalpost gets the next journalnummer of the year', async () => {
    const aar = Number(til.slice(0, 4));
    const { max } = await first<{ max: number | null }>(sql`select max(journalsekvensnummer) as max from journalpost where journalaar = ${aar}`);
    const sak = await rows<{ systemId: string; brukernavn: string }>(sql`select s.system_id as "systemId", b.brukernavn from sak s join bruker b on b.system_id = s.saksansvarlig_id
      where s.saksstatus in ('R','B') and s.tilgangskode is null order by s.saksdato desc limit 1`);
    const actor = await ctx.actor(sak[0]!.brukernavn);
    const res = await som(ctx, actor).post(`/api/saker/${sak[0]!.systemId}/journalposter`, { journalposttype: 'U', tittel: 'Svar etter generering' });
    expect(res.status).toBe(201);
    const [jp] = await rows<{ journalsekvensnummer: number }>(sql`select journalsekvensnummer from journalpost where system_id = ${res.body.systemId}`);
    expect(jp!.journalsekvensnummer).toBe((max ?? 0) + 1);
  });

  it('serves the desk and the restanserapport from it', async () => {
    const [travel] = await rows<{ brukernavn: string }>(sql`select b.brukernavn from journalpost j join bruker b on b.system_id = j.saksbehandler_id
      where j.journalposttype = 'I' and not exists (select 1 from avskrivning a where a.journalpost_id = j.system_id and not a.ventende)
      group by b.brukernavn order by count(*) desc, b.brukernavn limit 1`);
    const actor = await ctx.actor(travel!.brukernavn);
    const kurver = await som(ctx, actor).get('/api/kurver');
    expect(kurver.status).toBe(200);
    const antall = Object.fromEntries(kurver.body.map((k: { kurv: string; antall: number }) => [k.kurv, k.antall]));
    expect(antall.ubehandlet + antall.forfall).toBeGreaterThan(0);
    for (const kurv of KURVER) expect((await som(ctx, actor).get(`/api/kurver/${kurv}`)).status).toBe(200);

    const [leder] = await rows<{ brukernavn: string; enhetId: string }>(sql`select b.brukernavn, r.enhet_id as "enhetId" from bruker_rolle r join bruker b on b.system_id = r.bruker_id
      where r.rolle = 'LED' and b.brukernavn like 'g%' order by b.brukernavn limit 1`);
    const rapport = await som(ctx, await ctx.actor(leder!.brukernavn)).get(`/api/rapporter/restanse?enhetId=${leder!.enhetId}`);
    expect(rapport.status).toBe(200);
    expect(rapport.body.journalposter.length).toBeGreaterThan(0);
  });

  it('holds the search vectors the triggers would have made, and document text nothing waits for', async () => {
    const vektorer = async () =>
      first<{ sak: string; jp: string }>(sql`select
        (select md5(string_agg(sak_id::text || aapen || tittel::text || skjermet::text || alle::text, ',' order by sak_id)) from sok_sak) as sak,
        (select md5(string_agg(journalpost_id::text || aapen || journaldato || tittel::text || parter::text || skjermet::text || alle::text, ',' order by journalpost_id)) from sok_journalpost) as jp`);
    const generert = await vektorer();
    // One vector row per sak and journalpost (tests above may have registered more through the routes).
    const mangler = await rows(sql`select s.system_id from sak s where not exists (select 1 from sok_sak v where v.sak_id = s.system_id)
      union all select j.system_id from journalpost j where not exists (select 1 from sok_journalpost v where v.journalpost_id = j.system_id)`);
    expect(mangler).toEqual([]);
    // Migration 0017's own bulk statement over the same rows changes nothing.
    await sql`select sok_bygg_alle()`.execute(ctx.db);
    expect(await vektorer()).toEqual(generert);
    const tekst = await rows<{ status: string; n: string }>(sql`select t.status, count(*) as n from dokumentversjon v left join dokument_tekst t on t.dokumentversjon_id = v.system_id group by t.status`);
    expect(tekst.map((t) => t.status)).toEqual(['FERDIG']);
  });

  it('is searched like a registered archive: numbers, title words, parties, document text', async () => {
    const [jp] = await rows<{ nr: string; brukernavn: string }>(sql`select j.journalaar || '/' || j.journalsekvensnummer as nr, b.brukernavn
      from journalpost j join bruker b on b.system_id = j.saksbehandler_id where j.tilgangskode is null order by j.journaldato desc limit 1`);
    const actor = await ctx.actor(jp!.brukernavn);
    const sok = async (q: Record<string, string>) => {
      const res = await som(ctx, actor).get(`/api/sok?${new URLSearchParams(q)}`);
      expect(res.status).toBe(200);
      return res.body.journalposter as { items: { tittel: string; journalnummer?: string }[]; total: number; avkortet: boolean };
    };
    expect((await sok({ q: jp!.nr })).total).toBe(1);
    const soknad = await sok({ q: 'søknad' });
    expect(soknad.total).toBeGreaterThan(20);
    expect(soknad.items).toHaveLength(20);
    for (const j of soknad.items) expect(j.tittel.toLowerCase()).toMatch(/søknad/);
    expect((await sok({ q: 'søknad', journalposttype: 'U' })).items.every((j) => /søknad/i.test(j.tittel))).toBe(true);
    expect((await sok({ q: 'befaring' })).total).toBeGreaterThan(0);
  });

  it('is the same archive for the same seed', async () => {
    const andre = await createTestContext();
    try {
      await seedReferenceData(andre.db);
      await genererArkiv(andre.db, { journalposter: 2000, seed: 42, til });
      expect(await fingeravtrykk(andre.db)).toBe(generert);
    } finally {
      await andre.close();
    }
  }, 180_000);
});
