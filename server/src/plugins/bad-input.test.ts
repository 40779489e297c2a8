import { randomUUID } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import path from 'node:path';
import { sql } from 'kysely';
import { PROBLEM_CODES, type Tilgangskode } from '@arkiv/shared';
import type { Actor } from '../auth/actor';
import type { TestContext } from '../test/context';
import { buildArkivdel, buildBruker, buildDokument, buildJournalpost, buildSak } from '../test/factories';
import { multipart } from '../test/multipart';
import { badVariants, flatten, mutatingOperations, type Operation, type Schema, validValue } from '../test/openapi-input';
import { openWorld, type World } from '../test/world';

/**
 * A hostile client against every route that can change something, read from /openapi.json so a
 * new route is covered without touching this file: U+0000 in every text field, the wrong JSON type
 * for every field, one over every length limit, an id that does not exist in every id field and
 * in the path, broken JSON, broken multipart, a 1 MB form field, and a 100 KB header. Every answer
 * is a 4xx problem+json with a code from the closed list, and nothing is written: not a row in
 * any table (count and newest row version per table), not a file in the blob store.
 */
describe('bad input to every mutating route (driven by the OpenAPI document)', () => {
  let ctx: TestContext;
  let w: World;
  let alt: Actor;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    ({ ctx, w } = await openWorld());
    // One user who may do everything, so a request gets as far into the service as it can.
    const all: Tilgangskode[] = ['IS', 'U', 'P', 'P1', 'E', 'S', 'XX'];
    alt = await buildBruker(ctx.db, {
      roller: [['SBH', w.enhet.systemId], ['SA', w.enhet.systemId], ['LED', w.enhet.systemId], ['ARK', w.arkivEnhet.systemId], ['DOK', w.arkivEnhet.systemId], ['SYS', w.arkivEnhet.systemId]],
      tilganger: all.map((k) => [k, null] as const),
    });
    ids.sak = await buildSak(ctx.db, alt);
    ids.sak2 = await buildSak(ctx.db, alt);
    ids.journalpost = await buildJournalpost(ctx.db, alt, ids.sak, { journalposttype: 'U', korrespondanseparter: [{ korrespondanseparttype: 'EM', navn: 'Ola Mottaker', epostadresse: 'ola@example.com' }] });
    ids.journalpost2 = await buildJournalpost(ctx.db, alt, ids.sak2, { journalposttype: 'N' });
    ids.arkivdel = await buildArkivdel(ctx.db);
    await buildDokument(ctx.db, ctx.blobs, alt, ids.journalpost);
    ids.dokument = (await ctx.db.selectFrom('dokumentbeskrivelse').select('systemId').where('journalpostId', '=', ids.journalpost).executeTakeFirstOrThrow()).systemId;
    const kp = await ctx.db.selectFrom('korrespondansepart').select('systemId').where('journalpostId', '=', ids.journalpost).executeTakeFirst();
    if (kp) ids.korrespondansepart = kp.systemId;
    const post = async (url: string, payload: object) => {
      const res = await ctx.app.inject({ method: 'POST', url, headers: await ctx.auth(alt.bruker.brukernavn), payload });
      if (res.statusCode >= 300) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
      const body = res.json();
      return (Array.isArray(body) ? body[0] : body).systemId as string;
    };
    ids.oppgave = await post('/api/oppgaver', { oppgavetype: 'BESKJED', mottakerIds: [w.sbh.bruker.systemId], journalpostId: ids.journalpost, merknad: 'Til orientering' });
    ids.kryssreferanse = await post(`/api/saker/${ids.sak}/kryssreferanser`, { tilSakId: ids.sak2 });
    ids.mal = await post('/api/maler', { navn: 'Brevmal', innhold: 'Hei {{mottaker.navn}}' });
    ids.standardtekst = await post('/api/standardtekster', { navn: 'Hilsen', tekst: 'Med hilsen' });
    ids.utvalg = await post('/api/utvalg', { kode: 'FSK', navn: 'Formannskapet' });
    ids.moete = await post(`/api/utvalg/${ids.utvalg}/moeter`, { moetedato: '2026-12-01' });
    // A vedtak is registered on a utvalgssak, which needs a journalpost past approval (F).
    await ctx.db.updateTable('journalpost').set({ journalstatus: 'F' }).where('systemId', '=', ids.journalpost2).execute();
    ids.utvalgssak = await post(`/api/journalposter/${ids.journalpost2}/meld-opp`, { moeteId: ids.moete, utvalgssakstype: 'RS' });
  });
  afterAll(() => ctx.close());

  /** An id that exists for a field of this name; a fresh one when the name says nothing. */
  const idFor = (field: string): string => {
    const rules: [RegExp, string | undefined][] = [
      [/^tilSakId$/, ids.sak2],
      [/sakIds?$/i, ids.sak],
      [/^tilJournalpostId$/, ids.journalpost2],
      [/journalpostIds?$/i, ids.journalpost],
      [/dokumentIds?$/i, ids.dokument],
      [/korrespondansepartId$/, ids.korrespondansepart],
      [/(mottakerIds?|stedfortrederId|lederId|saksansvarligId|saksbehandlerId|brukerId)$/, w.sbh.bruker.systemId],
      [/(administrativEnhetId|enhetId)$/, w.enhet.systemId],
      [/arkivdelId$/, ids.arkivdel],
      [/malId$/, ids.mal],
      [/standardtekstIds?$/, ids.standardtekst],
      [/moeteId$/, ids.moete],
      [/utvalgId$/, ids.utvalg],
      [/oppgaveId$/, ids.oppgave],
    ];
    return rules.find(([re]) => re.test(field))?.[1] ?? randomUUID();
  };

  /** The id in the path: the record of the collection the segment before `{id}` names. */
  const PATH_IDS: Record<string, string> = {
    saker: 'sak',
    journalposter: 'journalpost',
    dokumenter: 'dokument',
    oppgaver: 'oppgave',
    kryssreferanser: 'kryssreferanse',
    maler: 'mal',
    standardtekster: 'standardtekst',
    utvalg: 'utvalg',
    moeter: 'moete',
    utvalgssaker: 'utvalgssak',
  };
  const urlOf = (op: Operation, override?: string) =>
    op.path.replace(/\/([^/]+)\/\{(\w+)\}/g, (_, collection: string) => `/${collection}/${override ?? ids[PATH_IDS[collection] ?? ''] ?? randomUUID()}`);

  /** Headers the operation requires (If-Match and the like), from their schemas. */
  const requiredHeaders = (op: Operation): Record<string, string> =>
    Object.fromEntries(
      op.parameters.filter((p) => p.in === 'header' && p.required).map((p) => [p.name.toLowerCase(), p.name.toLowerCase() === 'if-match' ? '*' : String(validValue(p.schema, p.name, idFor))]),
    );

  /** Count and newest row version (xmin) of every table: any insert, update or delete changes it. */
  async function fingerprint(): Promise<string> {
    const tables = await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`.execute(ctx.db);
    const union = tables.rows.map((t) => `select '${t.name}' as t, count(*)::text || ':' || coalesce(max(xmin::text::bigint), 0)::text as v from "${t.name}"`).join(' union all ');
    const rows = await sql<{ t: string; v: string }>`${sql.raw(union)}`.execute(ctx.db);
    return rows.rows.map((r) => `${r.t}=${r.v}`).join(',');
  }

  async function blobFiles(): Promise<number> {
    const entries = await readdir(path.join(ctx.dataDir, 'blobs'), { recursive: true, withFileTypes: true }).catch(() => []);
    return entries.filter((e) => e.isFile()).length;
  }

  interface Attempt {
    readonly what: string;
    readonly headers?: Record<string, string>;
    readonly payload?: string | Buffer | object;
    readonly url?: string;
    /** The code this attempt must give; any 4xx problem otherwise. */
    readonly code?: string;
    /** A field the problem must name (errors[].field ends with it). */
    readonly field?: string;
  }

  /** The bad requests for one operation. */
  function attempts(op: Operation): Attempt[] {
    const out: Attempt[] = [];
    const field = (pointer: string) => `/body${pointer}`;
    if (op.path.includes('{')) {
      out.push({ what: 'unknown id in the path', url: urlOf(op, randomUUID()), payload: op.body ? (validValue(op.body.schema, '', idFor) as object) : {} });
      out.push({ what: 'NUL in the path', url: urlOf(op, 'a%00b'), code: 'validation_failed' });
    }
    if (op.body?.contentType === 'application/json') {
      const schema = op.body.schema;
      for (const v of badVariants(schema, idFor)) {
        const expect = v.kind === 'unknown_id' ? {} : { code: 'validation_failed', field: field(v.pointer) };
        out.push({ what: `${v.kind} at ${v.pointer}`, payload: v.body as object, ...expect });
      }
      out.push({ what: 'broken JSON', headers: { 'content-type': 'application/json' }, payload: '{"tittel": "a', code: 'malformed_request' });
      out.push({ what: 'a JSON array for an object', headers: { 'content-type': 'application/json' }, payload: '[]', code: 'validation_failed' });
      out.push({ what: 'a JSON string for an object', headers: { 'content-type': 'application/json' }, payload: '"x"', code: 'validation_failed' });
      out.push({ what: 'an unknown field', payload: { ...(validValue(schema, '', idFor) as object), ukjentFelt: 'x' }, code: 'validation_failed' });
    }
    if (op.body?.contentType === 'multipart/form-data') {
      const schema = flatten(op.body.schema);
      const [fileField] = Object.entries(schema.properties ?? {}).find(([, s]) => flatten(s.items ?? s).format === 'binary') ?? ['fil'];
      const textSchema: Schema = { ...schema, properties: Object.fromEntries(Object.entries(schema.properties ?? {}).filter(([k]) => k !== fileField)), required: (schema.required ?? []).filter((k) => k !== fileField) };
      const file = [{ filnavn: 'melding.eml', data: Buffer.from('From: a@example.com\r\nSubject: Hei\r\n\r\nTekst\r\n'), field: fileField }];
      const form = (fields: unknown) => multipart(Object.fromEntries(Object.entries(fields as object).map(([k, v]) => [k, String(v)])), file);
      for (const v of badVariants(textSchema, idFor, { text: true })) {
        out.push({ what: `${v.kind} at ${v.pointer} (form)`, ...form(v.body), code: 'validation_failed', field: field(v.pointer) });
      }
      const base = validValue(textSchema, '', idFor) as Record<string, string>;
      const longField = Object.keys(textSchema.properties ?? {}).find((k) => flatten(textSchema.properties![k]!).type === 'string' && !flatten(textSchema.properties![k]!).enum) ?? 'tittel';
      out.push({ what: `a 1,000,000-character ${longField} (form)`, ...form({ ...base, [longField]: 'x'.repeat(1_000_000) }), code: 'validation_failed', field: field(`/${longField}`) });
      out.push({ what: 'an unknown form field', ...form({ ...base, ukjentFelt: 'x' }), code: 'validation_failed' });
      const good = form(base);
      const boundary = /boundary=(.+)$/.exec(good.headers['content-type'])![1]!;
      out.push({ what: 'multipart without a boundary', headers: { 'content-type': 'multipart/form-data' }, payload: good.payload, code: 'malformed_request' });
      out.push({ what: 'multipart cut short', headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: good.payload.subarray(0, good.payload.length - 30), code: 'malformed_request' });
      out.push({ what: 'multipart that is not multipart', headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: 'garbage', code: 'malformed_request' });
    }
    return out;
  }

  it('answers every bad request with a 4xx problem+json and a stable code, and writes nothing', async () => {
    const doc = (await ctx.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    const ops = mutatingOperations(doc);
    expect(ops.length).toBeGreaterThan(40);
    const auth = await ctx.auth(alt.bruker.brukernavn);
    const failures: string[] = [];
    let sent = 0;
    for (const op of ops) {
      const before = [await fingerprint(), await blobFiles()];
      for (const a of attempts(op)) {
        sent++;
        const res = await ctx.app.inject({
          method: op.method,
          url: a.url ?? urlOf(op),
          headers: { ...auth, ...requiredHeaders(op), ...a.headers },
          ...(a.payload !== undefined ? { payload: a.payload } : {}),
        });
        const where = `${op.method} ${op.path}: ${a.what}`;
        const body = res.headers['content-type']?.toString().startsWith('application/problem+json') ? res.json() : undefined;
        if (res.statusCode < 400 || res.statusCode >= 500) failures.push(`${where} → ${res.statusCode} ${res.body.slice(0, 200)}`);
        else if (!body || !PROBLEM_CODES.includes(body.code) || body.status !== res.statusCode) failures.push(`${where} → not problem+json: ${res.headers['content-type']} ${res.body.slice(0, 200)}`);
        else if (a.code && body.code !== a.code) failures.push(`${where} → ${body.code}, expected ${a.code}: ${body.detail}`);
        else if (a.field && !(body.errors ?? []).some((e: { field: string }) => e.field.endsWith(a.field!) || a.field!.startsWith(e.field))) failures.push(`${where} → does not name ${a.field}: ${JSON.stringify(body.errors)}`);
      }
      const after = [await fingerprint(), await blobFiles()];
      if (after[0] !== before[0]) failures.push(`${op.method} ${op.path}: wrote rows (${diff(String(before[0]), String(after[0]))})`);
      if (after[1] !== before[1]) failures.push(`${op.method} ${op.path}: left ${Number(after[1]) - Number(before[1])} files in the blob store`);
    }
    expect(failures).toEqual([]);
    expect(sent).toBeGreaterThan(400);
  });

  it('answers a 100 KB Authorization header to every mutating route with 431 problem+json', async () => {
    const doc = (await ctx.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    await ctx.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = ctx.app.server.address() as { port: number };
    const huge = `Bearer ${'a'.repeat(100 * 1024)}`;
    for (const op of mutatingOperations(doc)) {
      const res = await new Promise<{ status: number; type: string | undefined; body: string }>((resolve, reject) => {
        const req = httpRequest({ host: '127.0.0.1', port, method: op.method, path: urlOf(op), headers: { authorization: huge, 'content-type': 'application/json' } }, (r) => {
          let body = '';
          r.on('data', (c: Buffer) => (body += c.toString()));
          r.on('end', () => resolve({ status: r.statusCode ?? 0, type: r.headers['content-type'], body }));
        });
        req.on('error', reject);
        req.end('{}');
      });
      expect({ route: `${op.method} ${op.path}`, status: res.status, type: res.type }).toEqual({ route: `${op.method} ${op.path}`, status: 431, type: 'application/problem+json' });
      expect(JSON.parse(res.body)).toMatchObject({ status: 431, code: 'headers_too_large', type: '/problemer/headers_too_large' });
    }
  });

  it('names the field of a reference to something that does not exist (arkivdelId on a new sak; an unknown journalpost for a letter)', async () => {
    const auth = await ctx.auth(alt.bruker.brukernavn);
    const sak = await ctx.app.inject({ method: 'POST', url: '/api/saker', headers: auth, payload: { tittel: 'Ny sak', sakstype: 'GS', arkivdelId: randomUUID() } });
    expect(sak.statusCode).toBe(400);
    expect(sak.json()).toMatchObject({ code: 'validation_failed', errors: [{ field: '/arkivdelId', message: 'finnes ikke' }] });
    const brev = await ctx.app.inject({ method: 'POST', url: `/api/journalposter/${randomUUID()}/brev`, headers: auth, payload: { malId: ids.mal } });
    expect(brev.statusCode).toBe(404);
    expect(brev.json()).toMatchObject({ code: 'not_found' });
  });
});

function diff(a: string, b: string): string {
  const x = new Set(a.split(','));
  return b
    .split(',')
    .filter((e) => !x.has(e))
    .join(', ');
}
