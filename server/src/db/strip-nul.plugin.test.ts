import { sql } from 'kysely';
import type { TestContext } from '../test/context';
import { buildSak } from '../test/factories';
import { multipart } from '../test/multipart';
import { openWorld, type World } from '../test/world';

/** Text out of mail and documents may hold U+0000; PostgreSQL text cannot. It is stored without it. */
describe('U+0000 in text the service takes out of a mail', () => {
  let ctx: TestContext;
  let w: World;
  beforeAll(async () => ({ ctx, w } = await openWorld()));
  afterAll(() => ctx.close());

  it('imports a mail whose subject and sender name decode to a NUL, with the NUL left out (title, party, historikk)', async () => {
    const sakId = await buildSak(ctx.db, w.sbh);
    const eml = [
      'From: =?UTF-8?Q?Kari=00_Nordmann?= <kari@example.com>',
      'To: postmottak@fjordvik.kommune.example',
      'Subject: =?UTF-8?Q?S=C3=B8knad_om=00_ferdigattest?=',
      'Date: Mon, 2 Nov 2026 09:00:00 +0100',
      'Message-ID: <nul-i-emnet@example.com>',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Hei, her er søknaden.',
      '',
    ].join('\r\n');
    const body = multipart({ retning: 'mottatt' }, [{ filnavn: 'soknad.eml', data: Buffer.from(eml) }]);
    const res = await ctx.app.inject({ method: 'POST', url: `/api/saker/${sakId}/import`, headers: { ...(await ctx.auth(w.sbh.bruker.brukernavn)), ...body.headers }, payload: body.payload });
    expect(res.statusCode).toBe(201);
    const jpId = res.json().resultater[0].journalpostId as string;
    const jp = await ctx.db.selectFrom('journalpost').select('tittel').where('systemId', '=', jpId).executeTakeFirstOrThrow();
    expect(jp.tittel).toBe('Søknad om ferdigattest');
    const parter = await ctx.db.selectFrom('korrespondansepart').select('navn').where('journalpostId', '=', jpId).execute();
    expect(parter.map((p) => p.navn)).toEqual(['Kari Nordmann']);
    const nul = await sql<{ n: number }>`select count(*)::int as n from historikk where journalpost_id = ${jpId} and data::text like ${'%\\u0000%'}`.execute(ctx.db);
    expect(nul.rows[0]!.n).toBe(0);
  });

  it('stores a JSON document (jsonb) whose strings hold a NUL, without it', async () => {
    const { rows } = await sql<{ v: unknown }>`select ${JSON.stringify({ navn: 'a\u0000b', liste: ['c\u0000'] })}::jsonb as v`.execute(ctx.db);
    expect(rows[0]!.v).toEqual({ navn: 'ab', liste: ['c'] });
  });
});
