import { importHarness } from '../test/import-harness';

/** §10.3 "then check the sender": the user corrects a received mail's sender before it is saved. */
describe('§10.3 the sender of an imported mail corrected before saving', () => {
  const h = importHarness();
  const { post, withMessageId, view } = h;

  it('registers the corrected sender (name and address) instead of From', async () => {
    const res = await post(`/api/saker/${h.sakId}/import`, { retning: 'mottatt', avsenderNavn: 'Anne Berg', avsenderEpost: 'anne.berg@privat.example' }, [withMessageId('tekst-utf8', 'rettet-avsender@example.no')]);
    expect(res.statusCode).toBe(201);
    const jp = await view(res.json().resultater[0].journalpostId);
    expect(jp.korrespondanseparter.map((k: { korrespondanseparttype: string; navn: string; epostadresse: string | null }) => [k.korrespondanseparttype, k.navn, k.epostadresse])).toEqual([['EA', 'Anne Berg', 'anne.berg@privat.example']]);
  });

  it('refuses a corrected sender on a sent mail and an address that is not one', async () => {
    const sendt = await post(`/api/saker/${h.sakId}/import`, { retning: 'sendt', avsenderNavn: 'X' }, [withMessageId('sendt', 'rettet-sendt@example.no')]);
    expect([sendt.statusCode, sendt.json().errors?.[0]?.field]).toEqual([400, '/avsenderNavn']);
    const tull = await post(`/api/saker/${h.sakId}/import`, { retning: 'mottatt', avsenderEpost: 'ikke en adresse' }, [withMessageId('tekst-utf8', 'rettet-tull@example.no')]);
    expect([tull.statusCode, tull.json().errors?.[0]?.field]).toEqual([400, '/avsenderEpost']);
  });
});
