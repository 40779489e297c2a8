import { readFileSync } from 'node:fs';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { createTestContext, type TestContext } from '../test/context';
import { ensureAddinBuilt } from './browser';

/**
 * How the server delivers the built pane: every script and style under a content-hashed name,
 * cached for a year; the HTML pages revalidated on every load; each as the brotli or gzip copy
 * made at build time when the browser accepts it, and byte for byte the built file once
 * decompressed.
 */
let ctx: TestContext;
let dist: string;

beforeAll(async () => {
  dist = ensureAddinBuilt();
  ctx = await createTestContext();
}, 180_000);
afterAll(async () => ctx?.close());

type Manifest = Record<string, { file: string; css?: string[]; isEntry?: boolean; isDynamicEntry?: boolean }>;
const manifest = (): Manifest => JSON.parse(readFileSync(path.join(dist, '.vite', 'manifest.json'), 'utf8')) as Manifest;
const built = (file: string) => readFileSync(path.join(dist, file));
const get = (url: string, headers: Record<string, string> = {}) => ctx.app.inject({ method: 'GET', url, headers });

const decode: Record<string, (b: Buffer) => Buffer> = { br: brotliDecompressSync, gzip: gunzipSync, identity: (b) => b };

describe('assets', () => {
  const assets = () => [...new Set(Object.values(manifest()).flatMap((c) => [c.file, ...(c.css ?? [])]))];

  it('every script and style has a content hash in its name, and the entries load theirs by it', async () => {
    const names = assets();
    expect(names.filter((f) => f.endsWith('.js')).length).toBeGreaterThan(3);
    for (const f of names) expect(f).toMatch(/^assets\/[\w.-]+-[\w-]{8}\.(js|css)$/);
    const html = (await get('/taskpane.html', { 'accept-encoding': 'identity' })).body;
    const entry = Object.values(manifest()).find((c) => c.isEntry && c.file.includes('taskpane'))!;
    expect(html).toContain(`src="./${entry.file}"`);
  });

  it.each([
    ['br, gzip, deflate', 'br'],
    ['gzip, deflate, br;q=0.5', 'gzip'],
    ['gzip', 'gzip'],
    ['identity', 'identity'],
    ['', 'identity'],
  ])('Accept-Encoding "%s" → %s, the same bytes as built, immutable for a year', async (accept, encoding) => {
    for (const file of assets()) {
      const res = await get(`/${file}`, accept ? { 'accept-encoding': accept } : {});
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-encoding'] ?? 'identity').toBe(encoding);
      expect(String(res.headers.vary).toLowerCase()).toContain('accept-encoding');
      expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(res.headers['content-type']).toMatch(file.endsWith('.js') ? /^(text|application)\/javascript/ : /^text\/css/);
      expect(decode[encoding]!(res.rawPayload).equals(built(file))).toBe(true);
    }
  });

  it('a large script travels compressed to a fraction of its size', async () => {
    const biggest = assets().sort((a, b) => built(b).length - built(a).length)[0]!;
    const br = await get(`/${biggest}`, { 'accept-encoding': 'br' });
    const gz = await get(`/${biggest}`, { 'accept-encoding': 'gzip' });
    expect(br.rawPayload.length).toBeLessThan(built(biggest).length / 3);
    expect(gz.rawPayload.length).toBeLessThan(built(biggest).length / 3);
    expect(br.rawPayload.length).toBeLessThan(gz.rawPayload.length);
  });
});

describe('the HTML pages', () => {
  it.each([
    ['/taskpane.html', 'taskpane.html'],
    ['/preview', 'preview.html'],
  ])('%s is revalidated on every load (no-cache, ETag → 304) and sent compressed', async (url, file) => {
    for (const encoding of ['br', 'gzip', 'identity']) {
      const res = await get(url, { 'accept-encoding': encoding });
      expect(res.statusCode).toBe(200);
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.headers['content-encoding'] ?? 'identity').toBe(encoding);
      expect(String(res.headers.vary).toLowerCase()).toContain('accept-encoding');
      expect(decode[encoding]!(res.rawPayload).equals(built(file))).toBe(true);
      const etag = res.headers.etag as string;
      expect(etag).toBeTruthy();
      const again = await get(url, { 'accept-encoding': encoding, 'if-none-match': etag });
      expect(again.statusCode).toBe(304);
      expect(again.rawPayload.length).toBe(0);
    }
  });

  it('the brotli, gzip and plain copies have different ETags (a cache never mixes them)', async () => {
    const tags = await Promise.all(['br', 'gzip', 'identity'].map(async (e) => (await get('/taskpane.html', { 'accept-encoding': e })).headers.etag));
    expect(new Set(tags).size).toBe(3);
  });
});
