import { createReadStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { buildApp } from '../app';
import { loadActor } from '../auth/actor';
import { loadDevSigner } from '../auth/dev-keys';
import { createTokenVerifier } from '../auth/token-verifier';
import { FsBlobStore } from '../blob/fs-blob-store';
import { loadConfig } from '../config';
import { openDatabase } from '../db/database';
import { migrateToLatest } from '../db/migrate';
import { writeLargeMail } from '../mail/fixtures/corpus';
import { createSak } from '../sak/sak.service';
import { seedReferenceData } from '../seed/demo-seed';

/**
 * `npm run bench`: time and peak memory to import a mail with a 25 MB attachment through the
 * real HTTP route (the file is streamed from disk into the request; nothing is buffered by
 * the client), against embedded PGlite. Memory is sampled every 5 ms.
 */
const MB = 1024 * 1024;
const fmt = (b: number) => `${(b / MB).toFixed(1)} MB`;

async function main() {
  const attachmentMb = Number(process.env.BENCH_ATTACHMENT_MB ?? 25);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'arkiv-bench-'));
  const config = loadConfig({ ARKIV_DATA_DIR: dir, LOG_LEVEL: 'silent' });
  const database = await openDatabase({ kind: 'pglite' });
  try {
    await migrateToLatest(database.db);
    await seedReferenceData(database.db);
    const actor = (await loadActor(database.db, 'ola'))!;
    const sakId = await createSak(database.db, actor, { tittel: 'Benchmark', sakstype: 'GS' });
    const devSigner = await loadDevSigner(config.auth);
    const blobs = new FsBlobStore(path.join(dir, 'blobs'));
    const app = await buildApp({ config, database, db: database.db, blobs, verify: createTokenVerifier(config.auth, devSigner.jwks), devSigner }, { logger: false });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const port = (app.server.address() as AddressInfo).port;
    const token = await devSigner.sign({ sub: actor.bruker.systemId, preferred_username: 'ola', name: actor.bruker.navn });

    const mailFile = path.join(dir, 'stor.eml');
    await writeLargeMail(mailFile, attachmentMb * MB);
    const mailSize = (await stat(mailFile)).size;
    global.gc?.();

    const base = process.memoryUsage();
    let peak = { rss: base.rss, heapUsed: base.heapUsed, arrayBuffers: base.arrayBuffers };
    const sampler = setInterval(() => {
      const m = process.memoryUsage();
      peak = { rss: Math.max(peak.rss, m.rss), heapUsed: Math.max(peak.heapUsed, m.heapUsed), arrayBuffers: Math.max(peak.arrayBuffers, m.arrayBuffers) };
    }, 5);

    const boundary = '----arkivbench';
    const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="retning"\r\n\r\nmottatt\r\n--${boundary}\r\nContent-Disposition: form-data; name="fil"; filename="stor.eml"\r\nContent-Type: message/rfc822\r\n\r\n`);
    const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
    const started = process.hrtime.bigint();
    const { status, body } = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request(
        { host: '127.0.0.1', port, method: 'POST', path: `/api/saker/${sakId}/import`, headers: { authorization: `Bearer ${token}`, 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': head.length + mailSize + tail.length } },
        (res) => {
          let data = '';
          res.on('data', (c) => (data += c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: data }));
        },
      );
      req.on('error', reject);
      req.write(head);
      const file = createReadStream(mailFile);
      file.on('error', reject);
      file.on('end', () => req.end(tail));
      file.pipe(req, { end: false });
    });
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    clearInterval(sampler);
    if (status !== 201) throw new Error(`import failed: ${status} ${body}`);

    console.log(`Import av én e-post med ${attachmentMb} MB vedlegg (${fmt(mailSize)} MIME, base64) via POST /api/saker/:id/import, PGlite:`);
    console.log(`  tid:                   ${ms.toFixed(0)} ms`);
    console.log(`  RSS før / topp / økning: ${fmt(base.rss)} / ${fmt(peak.rss)} / ${fmt(peak.rss - base.rss)}`);
    console.log(`  heapUsed topp:         ${fmt(peak.heapUsed)} (før ${fmt(base.heapUsed)})`);
    console.log(`  arrayBuffers topp:     ${fmt(peak.arrayBuffers)} (før ${fmt(base.arrayBuffers)})`);
    console.log(`  node ${process.version}, ${os.cpus().length} CPU`);
    await app.close();
  } finally {
    await database.close();
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
