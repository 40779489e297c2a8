import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { FsBlobStore } from '../blob/fs-blob-store';
import { buildCorpus } from './fixtures/corpus';
import { readMsg } from './msg-reader';

describe('Outlook .msg reader', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'arkiv-msg-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const read = async (navn: string) => {
    const m = (await buildCorpus()).find((x) => x.navn === navn)!;
    const file = path.join(dir, `${navn}.msg`);
    await writeFile(file, m.data);
    return readMsg(file, new FsBlobStore(path.join(dir, 'blobs')), 10_000_000);
  };

  it('reads sender, recipients by type, Message-ID, body and attachment', async () => {
    const mail = await read('outlook-msg');
    expect(mail).toMatchObject({ kilde: 'msg', messageId: 'msg-1@example.no', emne: 'Søknad om permisjon', fra: [{ navn: 'Ola Olsen', epost: 'ola.olsen@example.no' }] });
    expect(mail.til).toEqual([{ navn: 'Postmottak', epost: 'postmottak@fjordvik.kommune.example' }]);
    expect(mail.kopi).toEqual([{ navn: 'Lise Leder', epost: 'lise.leder@fjordvik.kommune.example' }]);
    expect(mail.tekst).toContain('Jeg søker permisjon i desember.');
    expect(mail.vedlegg.map((v) => [v.filnavn, v.mimeType, v.staged.size])).toEqual([['Legeerklæring.pdf', 'application/pdf', expect.any(Number)]]);
    await Promise.all(mail.vedlegg.map((v) => v.staged.discard()));
  });

  it('takes the text from the HTML body when there is no text body', async () => {
    const mail = await read('outlook-msg-html');
    expect(mail.tekst).toBe('Velkommen til foreldremøte\ntirsdag kl. 18.\nHilsen rektor & FAU');
  });

  it('writes an attached Outlook message out as a .msg of its own, with its attachment inside', async () => {
    const mail = await read('outlook-msg-nestet');
    expect(mail.vedlegg.map((v) => [v.filnavn, v.mimeType, v.melding])).toEqual([
      ['Klage på gebyr.msg', 'application/vnd.ms-outlook', true],
      ['Kvittering.pdf', 'application/pdf', false],
    ]);
    const file = path.join(dir, 'nestet-inner.msg');
    const chunks: Buffer[] = [];
    for await (const c of mail.vedlegg[0]!.staged.read()) chunks.push(c as Buffer);
    await writeFile(file, Buffer.concat(chunks));
    const inner = await readMsg(file, new FsBlobStore(path.join(dir, 'blobs')), 10_000_000);
    expect(inner).toMatchObject({ emne: 'Klage på gebyr', fra: [{ navn: 'Gro Gebyr', epost: 'gro.gebyr@example.no' }], tekst: 'Jeg klager på gebyret for byggesaken.' });
    expect(inner.vedlegg.map((v) => v.filnavn)).toEqual(['Faktura 2026-114.pdf']);
    await Promise.all([...mail.vedlegg, ...inner.vedlegg].map((v) => v.staged.discard()));
  });
});
