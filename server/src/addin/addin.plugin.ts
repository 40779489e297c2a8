import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync } from 'fastify';

/** addin/dist next to server/ (the same depth from src/addin and dist/addin). */
export const DEFAULT_ADDIN_DIR = path.resolve(__dirname, '../../../addin/dist');

/**
 * Serves the built task pane (/taskpane.html, /assets/…) and the preview page (/preview) when
 * addin/dist exists; without a build the API runs alone. All of it is public: the pane signs in
 * itself, and only the API needs a token.
 *
 * The build writes a brotli and a gzip copy beside every text file (addin/vite-precompress.ts):
 * the copy the request's Accept-Encoding prefers is sent as it is, with `Content-Encoding` and
 * `Vary: Accept-Encoding` (the file itself when neither is accepted). Assets carry a content
 * hash in their names and are cached for a year, immutable; the HTML pages are revalidated on
 * every load (`no-cache`, ETag → 304), so a new build is seen at once.
 */
export const addinPlugin: FastifyPluginAsync<{ dir?: string }> = async (app, opts) => {
  const root = opts.dir ?? process.env.ARKIV_ADDIN_DIR ?? DEFAULT_ADDIN_DIR;
  if (!existsSync(path.join(root, 'taskpane.html'))) {
    app.log.info(`Ingen bygget tilleggsmodul i ${root} (kjør npm run build)`);
    return;
  }
  // Static files are public: mark every route of this (encapsulated) plugin for the auth hook.
  app.addHook('onRoute', (route) => {
    route.config = { ...(route.config ?? {}), public: true };
  });
  await app.register(fastifyStatic, {
    root,
    prefix: '/',
    index: false,
    wildcard: false,
    preCompressed: true,
    // Hashed asset names never change; the HTML must be fetched fresh so a new build is seen.
    setHeaders(res, file) {
      res.header('cache-control', file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  app.get('/preview', { config: { public: true }, schema: { hide: true } }, (_req, reply) => reply.sendFile('preview.html'));
  app.get('/', { config: { public: true }, schema: { hide: true } }, (_req, reply) => reply.redirect('/preview'));
};
