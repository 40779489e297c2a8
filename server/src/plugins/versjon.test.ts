import { Pool } from 'pg';
import { onPostgres } from '../test/db';
import type { TestContext } from '../test/context';
import { buildDokument, buildJournalpost, buildSak } from '../test/factories';
import { expectProblem } from '../test/http';
import { openWorld, type World } from '../test/world';

/**
 * Two people editing the same record: the second save, made from what was read before the
 * first, must not silently overwrite it. Every record a client edits carries a version (ETag);
 * an update sent with If-Match from an older read is refused with the current state.
 */
describe('versjon: stale edits are refused, nothing is lost', () => {
  let ctx: TestContext;
  let w: World;
  beforeAll(async () => ({ ctx, w } = await openWorld()));
  afterAll(() => ctx.close());

  const auth = (user: { bruker: { brukernavn: string } }) => ctx.auth(user.bruker.brukernavn);
  const get = async (user: { bruker: { brukernavn: string } }, url: string) => ctx.app.inject({ method: 'GET', url, headers: await auth(user) });
  const send = async (user: { bruker: { brukernavn: string } }, method: 'PATCH' | 'PUT' | 'POST', url: string, payload: object, ifMatch?: string) =>
    ctx.app.inject({ method, url, headers: { ...(await auth(user)), ...(ifMatch !== undefined ? { 'if-match': ifMatch } : {}) }, payload });
  const historikk = (journalpostId: string) => ctx.db.selectFrom('historikk').select(['handling', 'data']).where('journalpostId', '=', journalpostId).orderBy('id').execute();

  async function nyJournalpost(tittel = 'Søknad om skjenkebevilling') {
    const sakId = await buildSak(ctx.db, w.sbh);
    return { sakId, id: await buildJournalpost(ctx.db, w.sbh, sakId, { journalposttype: 'I', tittel }) };
  }

  it('GET gives the version in the body and as a strong ETag', async () => {
    const { sakId, id } = await nyJournalpost();
    const jp = await get(w.sbh, `/api/journalposter/${id}`);
    expect(jp.headers.etag).toBe(`"${jp.json().versjon}"`);
    const sak = await get(w.sbh, `/api/saker/${sakId}`);
    expect(sak.headers.etag).toBe(`"${sak.json().versjon}"`);
  });

  it('an edit with the current ETag is saved and moves the version; one from before it is refused with 412 and the current record', async () => {
    const { id } = await nyJournalpost();
    const lest = await get(w.sbh, `/api/journalposter/${id}`);
    const etag = lest.headers.etag as string;

    const first = await send(w.sbh, 'PATCH', `/api/journalposter/${id}`, { tittel: 'Søknad om skjenkebevilling, Torget 1' }, etag);
    expect(first.statusCode).toBe(200);
    expect(first.headers.etag).not.toBe(etag);
    expect(first.headers.etag).toBe(`"${first.json().versjon}"`);
    const foer = await historikk(id);

    const stale = await send(w.ark, 'PATCH', `/api/journalposter/${id}`, { tittel: 'Søknad om skjenkebevilling (kopi)' }, etag);
    const problem = expectProblem(stale, 412, 'precondition_failed');
    expect(problem.versjon).toBe(first.json().versjon);
    expect(problem.gjeldende).toMatchObject({ systemId: id, tittel: 'Søknad om skjenkebevilling, Torget 1', versjon: first.json().versjon });
    expect(stale.headers.etag).toBe(first.headers.etag);
    // Nothing written: the first value stands, historikk unchanged.
    expect((await get(w.sbh, `/api/journalposter/${id}`)).json().tittel).toBe('Søknad om skjenkebevilling, Torget 1');
    expect(await historikk(id)).toEqual(foer);

    // Retry on fresh data: the ETag from the refusal works.
    const retry = await send(w.ark, 'PATCH', `/api/journalposter/${id}`, { tittel: 'Søknad om skjenkebevilling (kopi)' }, stale.headers.etag as string);
    expect(retry.statusCode).toBe(200);
  });

  it('every recorded change moves the version, not only field edits: an edit read before a merknad, a skjerming or a document is refused', async () => {
    const { id } = await nyJournalpost();
    const changes: Array<() => Promise<unknown>> = [
      () => send(w.sbh, 'POST', `/api/journalposter/${id}/merknader`, { merknadstype: 'FORMELL', merknadstekst: 'Søker ringte' }),
      () => send(w.sbh, 'PUT', `/api/journalposter/${id}/skjerming`, { skjerming: { tilgangskode: 'U', skjermingsnivaa: 1, skjermingshjemmel: 'Offl. § 13' } }),
      () => buildDokument(ctx.db, ctx.blobs, w.sbh, id),
    ];
    for (const change of changes) {
      const etag = (await get(w.sbh, `/api/journalposter/${id}`)).headers.etag as string;
      await change();
      const stale = await send(w.sbh, 'PATCH', `/api/journalposter/${id}`, { beskrivelse: 'fra en gammel visning' }, etag);
      expectProblem(stale, 412, 'precondition_failed');
    }
    expect((await get(w.sbh, `/api/journalposter/${id}`)).json().beskrivelse).toBeNull();
  });

  it('a stale edit after a status change is caught before the status refusal', async () => {
    const { id } = await nyJournalpost();
    const etag = (await get(w.sbh, `/api/journalposter/${id}`)).headers.etag as string;
    expect((await send(w.ark, 'POST', `/api/journalposter/${id}/journalfoer`, {})).statusCode).toBe(200);
    const stale = await send(w.sbh, 'PATCH', `/api/journalposter/${id}`, { tittel: 'Ny tittel' }, etag);
    expect(expectProblem(stale, 412, 'precondition_failed').gjeldende).toMatchObject({ journalstatus: 'J' });
  });

  it('skjerming and document metadata (publisering, skjerming) take the journalpost ETag too', async () => {
    const { id } = await nyJournalpost();
    const dokumentId = await buildDokument(ctx.db, ctx.blobs, w.sbh, id);
    const etag = (await get(w.sbh, `/api/journalposter/${id}`)).headers.etag as string;
    await send(w.sbh, 'POST', `/api/journalposter/${id}/merknader`, { merknadstype: 'FORMELL', merknadstekst: 'Endret av en annen' });
    const skjerming = { skjerming: { tilgangskode: 'U', skjermingsnivaa: 1, skjermingshjemmel: 'Offl. § 13' } };
    expectProblem(await send(w.sbh, 'PUT', `/api/journalposter/${id}/skjerming`, skjerming, etag), 412, 'precondition_failed');
    expectProblem(await send(w.sbh, 'PUT', `/api/dokumenter/${dokumentId}/skjerming`, skjerming, etag), 412, 'precondition_failed');
    expectProblem(await send(w.sbh, 'PUT', `/api/dokumenter/${dokumentId}/publisering`, { publiseres: true }, etag), 412, 'precondition_failed');
    const jp = (await get(w.sbh, `/api/journalposter/${id}`)).json();
    expect(jp.skjerming).toBeNull();
    expect(jp.dokumenter[0]).toMatchObject({ skjerming: null, publiseres: false });
  });

  it('a sak: a stale edit (also after a status change) is refused with the current sak', async () => {
    const sakId = await buildSak(ctx.db, w.sbh, { tittel: 'Reguleringsplan Sentrum' });
    const etag = (await get(w.sbh, `/api/saker/${sakId}`)).headers.etag as string;
    const first = await send(w.sbh, 'PATCH', `/api/saker/${sakId}`, { obsKommentar: 'Høringsfrist' }, etag);
    expect(first.statusCode).toBe(200);
    const stale = await send(w.sbh, 'PATCH', `/api/saker/${sakId}`, { obsKommentar: 'Annen kommentar' }, etag);
    expect(expectProblem(stale, 412, 'precondition_failed').gjeldende).toMatchObject({ systemId: sakId, obsKommentar: 'Høringsfrist' });

    const foerStatus = first.headers.etag as string;
    expect((await send(w.ark, 'POST', `/api/saker/${sakId}/status`, { handling: 'kontroller' })).statusCode).toBe(200);
    expectProblem(await send(w.sbh, 'PATCH', `/api/saker/${sakId}`, { obsKommentar: 'Etter kontroll' }, foerStatus), 412, 'precondition_failed');
    expectProblem(await send(w.ark, 'POST', `/api/saker/${sakId}/status`, { handling: 'ingen_oppfoelging' }, foerStatus), 412, 'precondition_failed');
    expect((await get(w.sbh, `/api/saker/${sakId}`)).json()).toMatchObject({ obsKommentar: 'Høringsfrist', saksstatus: 'B' });
  });

  it('every action on a journalpost or sak takes If-Match, not only the edits: a stale action is refused whole, a current one goes through', async () => {
    const { sakId, id } = await nyJournalpost();
    const etag = (await get(w.sbh, `/api/journalposter/${id}`)).headers.etag as string;
    await send(w.sbh, 'POST', `/api/journalposter/${id}/merknader`, { merknadstype: 'FORMELL', merknadstekst: 'Lagt til av en annen' });
    const foer = await historikk(id);
    const status = (await get(w.sbh, `/api/journalposter/${id}`)).json().journalstatus as string;
    expect(status).not.toBe('J');
    // Journalføring and a merknad from a view read before the other user's merknad.
    expectProblem(await send(w.ark, 'POST', `/api/journalposter/${id}/journalfoer`, {}, etag), 412, 'precondition_failed');
    expectProblem(await send(w.sbh, 'POST', `/api/journalposter/${id}/merknader`, { merknadstype: 'FORMELL', merknadstekst: 'Fra gammel visning' }, etag), 412, 'precondition_failed');
    expect(await historikk(id)).toEqual(foer);
    expect((await get(w.sbh, `/api/journalposter/${id}`)).json()).toMatchObject({ journalstatus: status });
    // The same action from a fresh read goes through.
    const fersk = (await get(w.ark, `/api/journalposter/${id}`)).headers.etag as string;
    expect((await send(w.ark, 'POST', `/api/journalposter/${id}/journalfoer`, {}, fersk)).statusCode).toBe(200);
    expect((await get(w.sbh, `/api/journalposter/${id}`)).json()).toMatchObject({ journalstatus: 'J' });
    // A malformed If-Match is a 400 on actions too, with nothing written.
    expectProblem(await send(w.sbh, 'POST', `/api/saker/${sakId}/journalposter`, { journalposttype: 'N', tittel: 'Notat' }, 'W/"x"'), 400, 'validation_failed');
  });

  it('a mal: its ETag is the newest versjonsnummer; an edit from an older one is refused', async () => {
    const created = await send(w.ark, 'POST', '/api/maler', { navn: 'Vedtaksbrev skjenking', innhold: 'Hei {{mottaker.navn}}' });
    const malId = created.json().systemId as string;
    const lest = await get(w.ark, `/api/maler/${malId}`);
    expect(lest.headers.etag).toBe('"1"');
    expect((await send(w.ark, 'PUT', `/api/maler/${malId}`, { innhold: 'Versjon to' }, '"1"')).statusCode).toBe(200);
    const stale = await send(w.ark, 'PUT', `/api/maler/${malId}`, { innhold: 'Versjon fra gammel visning' }, '"1"');
    expect(expectProblem(stale, 412, 'precondition_failed').gjeldende).toMatchObject({ versjon: 2 });
    expect((await get(w.ark, `/api/maler/${malId}`)).json().versjoner).toHaveLength(2);
  });

  it('without If-Match an edit is applied (older clients); a malformed If-Match is a 400 naming the header', async () => {
    const { id } = await nyJournalpost();
    expect((await send(w.sbh, 'PATCH', `/api/journalposter/${id}`, { beskrivelse: 'uten versjon' })).statusCode).toBe(200);
    expect((await send(w.sbh, 'PATCH', `/api/journalposter/${id}`, { beskrivelse: 'med stjerne' }, '*')).statusCode).toBe(200);
    for (const bad of ['7', 'W/"7"', '"x"', '"1", "2"']) {
      const res = await send(w.sbh, 'PATCH', `/api/journalposter/${id}`, { beskrivelse: 'feil' }, bad);
      expect(expectProblem(res, 400, 'validation_failed').errors).toEqual([expect.objectContaining({ field: '/headers/if-match' })]);
    }
    expect((await get(w.sbh, `/api/journalposter/${id}`)).json().beskrivelse).toBe('med stjerne');
  });

  it('the OpenAPI document describes If-Match on the update routes', async () => {
    const doc = (await ctx.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    for (const [path, method] of [['/api/journalposter/{id}', 'patch'], ['/api/saker/{id}', 'patch'], ['/api/journalposter/{id}/skjerming', 'put'], ['/api/dokumenter/{id}/skjerming', 'put'], ['/api/dokumenter/{id}/publisering', 'put'], ['/api/maler/{id}', 'put'], ['/api/journalposter/{id}/brev', 'put']] as const) {
      expect(doc.paths[path][method].parameters).toEqual(expect.arrayContaining([expect.objectContaining({ in: 'header', name: 'if-match', required: false })]));
    }
  });

  /**
   * N saves of the same field from the same read, at the same moment. On PostgreSQL they run on
   * parallel connections: a transaction holds the row until all N are waiting for it, then lets
   * go. PGlite serializes transactions, so there they run one after another; the outcome must
   * be the same.
   */
  it('race: N concurrent saves with the same version give exactly one 200, the rest 412, and nothing lost', async () => {
    const N = 8;
    const { id } = await nyJournalpost('Klage på byggesak');
    const etag = (await get(w.sbh, `/api/journalposter/${id}`)).headers.etag as string;
    const foer = (await historikk(id)).length;
    const headers = await auth(w.sbh);
    const save = (i: number) => ctx.app.inject({ method: 'PATCH', url: `/api/journalposter/${id}`, headers: { ...headers, 'if-match': etag }, payload: { tittel: `Klage på byggesak – versjon ${i}` } });

    let results;
    if (onPostgres()) {
      const holder = new Pool({ connectionString: ctx.database.connectionString, max: 2 });
      const lock = await holder.connect();
      try {
        await lock.query('begin');
        await lock.query('select 1 from journalpost where system_id = $1 for update', [id]);
        const pending = Promise.all(Array.from({ length: N }, (_, i) => save(i)));
        // All N are inside their transactions, each blocked on the row lock: really concurrent.
        for (let waited = 0; ; waited += 20) {
          const { rows } = await holder.query<{ n: number }>(`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`);
          if (rows[0]!.n >= N) break;
          if (waited > 10_000) throw new Error(`only ${rows[0]!.n} of ${N} saves reached the row lock`);
          await new Promise((r) => setTimeout(r, 20));
        }
        await lock.query('commit');
        results = await pending;
      } finally {
        lock.release();
        await holder.end();
      }
    } else {
      results = await Promise.all(Array.from({ length: N }, (_, i) => save(i)));
    }

    const ok = results.filter((r) => r.statusCode === 200);
    expect(ok).toHaveLength(1);
    for (const r of results.filter((x) => x.statusCode !== 200)) expectProblem(r, 412, 'precondition_failed');
    const vinner = ok[0]!.json().tittel as string;
    expect((await get(w.sbh, `/api/journalposter/${id}`)).json().tittel).toBe(vinner);
    const etter = await historikk(id);
    expect(etter).toHaveLength(foer + 1);
    expect(etter.at(-1)).toMatchObject({ handling: 'journalpost_endret', data: { tittel: { fra: 'Klage på byggesak', til: vinner } } });
  });
});
