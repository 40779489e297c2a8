import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { FsBlobStore } from './fs-blob-store';

describe('FsBlobStore', () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'blobs-'));
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  const files = async () => (await readdir(root, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => e.name);

  it('leaves no staged file behind when the upload fails before or while it is written', async () => {
    for (let round = 0; round < 50; round++) {
      const immediate = new Readable({ read() { this.destroy(new Error('klienten brøt forbindelsen')); } });
      const midway = Readable.from((async function* () { yield Buffer.from('begynnelsen'); throw new Error('avbrutt midt i'); })());
      await expect(new FsBlobStore(root).stage(immediate)).rejects.toThrow('klienten brøt forbindelsen');
      await expect(new FsBlobStore(root).stage(midway)).rejects.toThrow('avbrutt midt i');
    }
    expect(await files()).toEqual([]);
  });

  it('refuses a file over the size limit and keeps nothing of it', async () => {
    await expect(new FsBlobStore(root).stage(Readable.from([Buffer.alloc(10), Buffer.alloc(10)]), { maxBytes: 15 })).rejects.toMatchObject({ code: 'payload_too_large' });
    expect(await files()).toEqual([]);
  });

  it('stores committed content once under its checksum and discards an uncommitted one', async () => {
    const store = new FsBlobStore(root);
    const a = await store.stage(Readable.from([Buffer.from('samme innhold')]));
    const b = await store.stage(Readable.from([Buffer.from('samme innhold')]));
    expect(a.sha256).toBe(b.sha256);
    expect(await a.commit()).toEqual({ created: true });
    expect(await b.commit()).toEqual({ created: false });
    const c = await store.stage(Readable.from([Buffer.from('forkastet')]));
    await c.discard();
    expect(await files()).toEqual([a.sha256]);
  });
});
