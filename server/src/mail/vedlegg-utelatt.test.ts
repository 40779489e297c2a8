import { importHarness } from '../test/import-harness';

/** §10.3 "check before saving": an attachment the user leaves out is not registered as a document. */
describe('§10.3 attachments left out of an imported mail', () => {
  const h = importHarness();
  const { post, withMessageId, view, counts } = h;

  it('registers only the attachments that go along, and says in the historikk which were left out', async () => {
    const res = await post(`/api/saker/${h.sakId}/import`, { retning: 'mottatt', utenVedlegg: JSON.stringify(['bilde.jpg']) }, [withMessageId('rare-filnavn', 'uten-bilde@example.no')]);
    expect(res.statusCode).toBe(201);
    const jp = await view(res.json().resultater[0].journalpostId);
    const titler = jp.dokumenter.map((d: { tittel: string }) => d.tittel);
    expect(titler[0]).toBe('Dokumentasjon');
    expect(titler.some((t: string) => /bilde/i.test(t))).toBe(false);
    expect(titler.some((t: string) => /Skattemelding/.test(t))).toBe(true);
    const [rad] = await h.ctx.db.selectFrom('historikk').select('data').where('journalpostId', '=', jp.systemId).where('handling', '=', 'epost_importert').execute();
    expect((rad!.data as { utenVedlegg: string[] }).utenVedlegg).toEqual(['bilde.jpg']);
  });

  it.each([
    ['not json', /JSON-liste/],
    ['{"a.pdf": true}', /JSON-liste/],
    ['[""]', /ikke-tomme/],
    ['["finnes-ikke.pdf"]', /har ikke vedlegget finnes-ikke\.pdf/],
  ])('refuses utenVedlegg %s with 400 problem+json, and writes nothing', async (raw, detail) => {
    const before = await counts();
    const res = await post(`/api/saker/${h.sakId}/import`, { retning: 'mottatt', utenVedlegg: raw }, [withMessageId('html-inline-bilde', `uten-feil-${before.join('-')}@example.no`)]);
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({ code: 'validation_failed' });
    expect(JSON.stringify(res.json())).toMatch(detail);
    expect(await counts()).toEqual(before);
  });
});
