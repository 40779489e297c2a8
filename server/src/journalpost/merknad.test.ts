import { Readable } from 'node:stream';
import { sql } from 'kysely';
import type { SkjermingInput } from '@arkiv/shared';
import { up as scrubUformelleMerknader } from '../db/migrations/0007_uformelle_merknader';
import { addDokument } from '../dokument/dokument.service';
import { setDokumentSkjerming } from '../dokument/offentlighet.service';
import { buildJournalpost, buildSak } from '../test/factories';
import { som } from '../test/http';
import { extractText } from '../test/pdf-text';
import { openWorld, type World } from '../test/world';
import type { TestContext } from '../test/context';

/**
 * Merknader follow their journalpost's skjerming (§8): free text that elaborates the record,
 * hidden with title line 2 (level 2 and up). Informal (yellow) merknader are deleted at
 * journalføring (§5) and their text is not kept in historikk either.
 */
describe('§8 merknader follow the journalpost’s skjerming; §5 informal merknader leave no text behind', () => {
  let ctx: TestContext;
  let w: World;
  beforeAll(async () => ({ ctx, w } = await openWorld()));
  afterAll(() => ctx.close());

  const grading = (tilgangskode: SkjermingInput['tilgangskode'], skjermingsnivaa: SkjermingInput['skjermingsnivaa']): SkjermingInput => ({ tilgangskode, skjermingsnivaa, skjermingshjemmel: 'Offl. § 13' });

  it('a TLF note on a journalpost graded U, level 3, is hidden from users without the code on every view; the code holder reads it', async () => {
    const sakId = await buildSak(ctx.db, w.sbh);
    const id = await buildJournalpost(ctx.db, w.sbh, sakId, { journalposttype: 'I', tittel: 'Henvendelse per telefon', korrespondanseparter: [{ korrespondanseparttype: 'EA', navn: 'Innbygger' }], skjerming: grading('U', 3) });
    const avskrevet = await som(ctx, w.sbh).post(`/api/journalposter/${id}/avskrivninger`, { avskrivningsmaate: 'TLF', merknad: 'Ringte om HEMMELIG-HELSEFORHOLD' });
    expect(avskrevet.status).toBe(201);
    expect(await som(ctx, w.sbh).post(`/api/journalposter/${id}/merknader`, { merknadstype: 'FORMELL', merknadstekst: 'Notat om HEMMELIG-HELSEFORHOLD' })).toMatchObject({ status: 201 });

    const views = async (u: typeof w.sbh) => {
      const single = (await som(ctx, u).get(`/api/journalposter/${id}`)).body;
      const list = (await som(ctx, u).get(`/api/saker/${sakId}/journalposter`)).body.items.find((j: { systemId: string }) => j.systemId === id);
      return [single, list] as { merknader: { merknadstype: string; merknadstekst: string }[]; avskrivninger: { avskrivningsmaate: string; merknad: string | null }[] }[];
    };
    for (const u of [w.sbh2, w.fremmed, w.dok]) {
      for (const v of await views(u)) {
        expect(JSON.stringify(v)).not.toContain('HEMMELIG');
        expect(v.merknader.map((m) => [m.merknadstype, m.merknadstekst])).toEqual([
          ['FORMELL', '*****'],
          ['FORMELL', '*****'],
        ]);
        expect(v.avskrivninger.map((a) => [a.avskrivningsmaate, a.merknad])).toEqual([['TLF', '*****']]);
      }
    }
    for (const u of [w.leder, w.ark, w.sbh]) {
      for (const v of await views(u)) {
        expect(v.merknader.map((m) => m.merknadstekst)).toEqual(['TLF: Ringte om HEMMELIG-HELSEFORHOLD', 'Notat om HEMMELIG-HELSEFORHOLD']);
        expect(v.avskrivninger.map((a) => a.merknad)).toEqual(['Ringte om HEMMELIG-HELSEFORHOLD']);
      }
    }
  });

  it('level 1 screens only the documents: the merknad stays readable', async () => {
    const sakId = await buildSak(ctx.db, w.sbh);
    const id = await buildJournalpost(ctx.db, w.sbh, sakId, { journalposttype: 'I', korrespondanseparter: [{ korrespondanseparttype: 'EA', navn: 'Innbygger' }], skjerming: grading('P', 1) });
    await som(ctx, w.sbh).post(`/api/journalposter/${id}/merknader`, { merknadstype: 'FORMELL', merknadstekst: 'Synlig merknad' });
    expect((await som(ctx, w.fremmed).get(`/api/journalposter/${id}`)).body.merknader.map((m: { merknadstekst: string }) => m.merknadstekst)).toEqual(['Synlig merknad']);
  });

  it('§12.2 print with merknader leaves out the text of merknader screened from the reader', async () => {
    // The journalpost is graded P, level 2; its document has its own grading U, which the leader holds.
    const sakId = await buildSak(ctx.db, w.sbh);
    const id = await buildJournalpost(ctx.db, w.sbh, sakId, { skjerming: grading('P', 2) });
    const staged = await ctx.blobs.stage(Readable.from([Buffer.from('Dokumentets tekst')]));
    const dokId = await addDokument(ctx.db, ctx.blobs, w.sbh, id, { tittel: 'Vedlegg' }, { staged, filnavn: 'vedlegg.txt', mimeType: 'text/plain' });
    await setDokumentSkjerming(ctx.db, w.sbh, dokId, grading('U', 1));
    await som(ctx, w.sbh).post(`/api/journalposter/${id}/merknader`, { merknadstype: 'FORMELL', merknadstekst: 'HEMMELIG-MERKNAD' });
    const print = async (u: typeof w.sbh) => {
      const res = await ctx.app.inject({ method: 'POST', url: '/api/utskrift', payload: { dokumenter: [{ dokumentId: dokId }], merknader: true }, headers: await ctx.auth(u.bruker.brukernavn) });
      expect(res.statusCode).toBe(200);
      return (await extractText(res.rawPayload)).map((p) => p.text).join('\n');
    };
    const leder = await print(w.leder);
    expect(leder).toContain('Dokumentets tekst');
    expect(leder).toContain('FORMELL: *****');
    expect(leder).not.toContain('HEMMELIG');
    expect(await print(w.sbh)).toContain('FORMELL: HEMMELIG-MERKNAD');
  });

  it('§5 informal merknader deleted at journalføring leave no readable text in historikk', async () => {
    const sakId = await buildSak(ctx.db, w.sbh);
    const id = await buildJournalpost(ctx.db, w.sbh, sakId, { journalposttype: 'I', korrespondanseparter: [{ korrespondanseparttype: 'EA', navn: 'Innbygger' }] });
    await som(ctx, w.sbh).post(`/api/journalposter/${id}/merknader`, { merknadstype: 'UFORMELL', merknadstekst: 'GUL-LAPP-1' });
    await som(ctx, w.sbh).post(`/api/journalposter/${id}/merknader`, { merknadstype: 'FORMELL', merknadstekst: 'GRAA-MERKNAD' });
    expect((await som(ctx, w.sbh).post(`/api/journalposter/${id}/fordel`, { merknad: 'GUL-LAPP-2' })).status).toBe(200);
    expect((await som(ctx, w.sbh).get(`/api/journalposter/${id}`)).body.merknader.map((m: { merknadstekst: string }) => m.merknadstekst)).toEqual(['GUL-LAPP-1', 'GRAA-MERKNAD', 'GUL-LAPP-2']);
    expect((await som(ctx, w.ark).post(`/api/journalposter/${id}/journalfoer`)).status).toBe(200);

    expect((await som(ctx, w.ark).get(`/api/journalposter/${id}`)).body.merknader.map((m: { merknadstekst: string }) => m.merknadstekst)).toEqual(['GRAA-MERKNAD']);
    // The archive sees everything in historikk: the yellow notes were added (by whom, when), their text is gone.
    const hist = (await som(ctx, w.ark).get(`/api/journalposter/${id}/historikk`)).body as { handling: string; data: Record<string, unknown> }[];
    expect(JSON.stringify(hist)).not.toContain('GUL-LAPP');
    expect(hist.filter((h) => h.handling === 'merknad_lagt_til').map((h) => h.data)).toEqual([{ merknadstype: 'UFORMELL' }, { merknadstype: 'FORMELL', merknadstekst: 'GRAA-MERKNAD' }, { merknadstype: 'UFORMELL' }]);
    expect(JSON.stringify(await sql`select data from historikk where journalpost_id = ${id}`.execute(ctx.db))).not.toContain('GUL-LAPP');
  });

  it('the migration removes the text of informal merknader from historikk written before', async () => {
    const sakId = await buildSak(ctx.db, w.sbh);
    const id = await buildJournalpost(ctx.db, w.sbh, sakId);
    const old = [
      { handling: 'merknad_lagt_til', objekttype: 'merknad', data: { merknadstype: 'UFORMELL', merknadstekst: 'GAMMEL-GUL' } },
      { handling: 'merknad_lagt_til', objekttype: 'merknad', data: { merknadstype: 'FORMELL', merknadstekst: 'GAMMEL-GRAA' } },
      { handling: 'journalpost_fordelt', objekttype: 'journalpost', data: { forfallsdato: { fra: null, til: '2026-01-01' }, merknad: { fra: null, til: 'GAMMEL-FORDELT' } } },
    ] as const;
    for (const h of old) {
      await ctx.db.insertInto('historikk').values({ brukerId: w.sbh.bruker.systemId, handling: h.handling, objekttype: h.objekttype, objektId: id, sakId, journalpostId: id, data: JSON.stringify(h.data) }).execute();
    }
    await scrubUformelleMerknader(ctx.db);
    const rows = await ctx.db.selectFrom('historikk').select(['handling', 'data']).where('journalpostId', '=', id).where('handling', 'in', ['merknad_lagt_til', 'journalpost_fordelt']).orderBy('id').execute();
    expect(rows.map((r) => r.data)).toEqual([
      { merknadstype: 'UFORMELL' },
      { merknadstype: 'FORMELL', merknadstekst: 'GAMMEL-GRAA' },
      { forfallsdato: { fra: null, til: '2026-01-01' }, uformellMerknad: true },
    ]);
  });
});
