import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { writeLargeMail } from '../mail/fixtures/corpus';
import type { Maaling } from './maaling';

const MB = 1024 * 1024;
const fmt = (b: number) => `${(b / MB).toFixed(1)} MB`;

/**
 * Time and peak memory to import a mail with a large attachment through the real HTTP route
 * (the file is streamed from disk into the request; nothing is buffered by the client).
 * Memory is the server's (it runs in this process), sampled every 5 ms.
 */
export async function maalEpostImport(port: number, token: string, sakId: string, dir: string, attachmentMb: number): Promise<Maaling> {
  const mailFile = path.join(dir, 'stor.eml');
  // A new Message-ID each run: a database kept between runs would refuse the same message twice.
  await writeLargeMail(mailFile, attachmentMb * MB, `<stor-${Date.now()}-${process.pid}@example.no>`);
  const mailSize = (await stat(mailFile)).size;
  global.gc?.();

  const base = process.memoryUsage();
  let peak = { rss: base.rss, heapUsed: base.heapUsed };
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    peak = { rss: Math.max(peak.rss, m.rss), heapUsed: Math.max(peak.heapUsed, m.heapUsed) };
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
  return {
    navn: `E-postimport, ${attachmentMb} MB vedlegg (${fmt(mailSize)} MIME)`,
    p50: ms,
    merknad: `én import; RSS topp ${fmt(peak.rss)} (+${fmt(peak.rss - base.rss)}), heap topp ${fmt(peak.heapUsed)}`,
  };
}
