import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError } from '../errors/app-error';
import type { BlobStore, StagedBlob } from './blob-store';

const SHA256 = /^[0-9a-f]{64}$/;

/** Blobs under `<root>/sha256/ab/cd/<hash>`, staged in `<root>/tmp`. */
export class FsBlobStore implements BlobStore {
  constructor(private readonly root: string) {}

  private pathOf(sha256: string): string {
    if (!SHA256.test(sha256)) throw new Error(`not a sha256: ${sha256}`);
    return path.join(this.root, 'sha256', sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  async stage(source: Readable, opts: { maxBytes?: number } = {}): Promise<StagedBlob> {
    const tmpDir = path.join(this.root, 'tmp');
    await mkdir(tmpDir, { recursive: true });
    const tmp = path.join(tmpDir, randomUUID());
    const hash = createHash('sha256');
    let size = 0;
    const max = opts.maxBytes ?? Number.POSITIVE_INFINITY;
    const meter = new Transform({
      transform(chunk: Buffer, _enc, cb) {
        size += chunk.length;
        if (size > max) return cb(new AppError('payload_too_large', `Filen er større enn grensen på ${max} byte`));
        hash.update(chunk);
        cb(null, chunk);
      },
    });
    const out = createWriteStream(tmp, { flags: 'wx' });
    try {
      await pipeline(source, meter, out);
      // @fastify/multipart truncates (and flags) a file at its size limit instead of failing the stream.
      if ((source as Readable & { truncated?: boolean }).truncated) {
        throw new AppError('payload_too_large', `Filen er større enn grensen på ${max} byte`);
      }
    } catch (err) {
      // A stream destroyed before its file was opened still creates the file afterwards: wait for it.
      if (!out.closed) await new Promise<void>((resolve) => out.once('close', () => resolve()));
      await rm(tmp, { force: true });
      throw err;
    }
    const sha256 = hash.digest('hex');
    let done = false;
    return {
      sha256,
      size,
      localPath: tmp,
      read: () => createReadStream(tmp),
      commit: async () => {
        const target = this.pathOf(sha256);
        const existed = await this.has(sha256);
        if (existed) {
          await rm(tmp, { force: true });
        } else {
          await mkdir(path.dirname(target), { recursive: true });
          await rename(tmp, target);
        }
        done = true;
        return { created: !existed };
      },
      discard: async () => {
        if (!done) await rm(tmp, { force: true });
        done = true;
      },
    };
  }

  async open(sha256: string): Promise<{ stream: Readable; size: number }> {
    const file = this.pathOf(sha256);
    const info = await stat(file).catch(() => undefined);
    if (!info) throw new AppError('checksum_mismatch', `Dokumentfilen ${sha256} mangler i lageret`);
    const hash = createHash('sha256');
    await pipeline(createReadStream(file), async function* (src: AsyncIterable<Buffer>) {
      for await (const chunk of src) hash.update(chunk);
    });
    if (hash.digest('hex') !== sha256) {
      throw new AppError('checksum_mismatch', `Dokumentfilen ${sha256} har feil sjekksum`);
    }
    return { stream: createReadStream(file), size: info.size };
  }

  async has(sha256: string): Promise<boolean> {
    return stat(this.pathOf(sha256)).then(
      () => true,
      () => false,
    );
  }

  async delete(sha256: string): Promise<void> {
    await rm(this.pathOf(sha256), { force: true });
  }
}
