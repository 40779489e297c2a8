import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Plugin } from 'vite';

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

/** What a browser fetches as text: scripts, styles, the HTML pages, SVG. Not source maps (devtools only). */
const COMPRESSIBLE = /\.(?:js|mjs|css|html|svg|json)$/;

/**
 * Writes `<file>.br` and `<file>.gz` beside every text file of the build, at the highest
 * settings (brotli 11, gzip 9), so the server sends them as they are (@fastify/static
 * `preCompressed`) and never compresses per request. Node's own zlib: no dependency. The
 * files are read back from disk after Rollup wrote them, so the compressed bytes are exactly
 * those of the file served uncompressed. A compressed copy that is not smaller is left out
 * (the server then falls back to the next encoding, and finally to the file itself).
 */
export function precompress(): Plugin {
  return {
    name: 'arkiv:precompress',
    apply: 'build',
    enforce: 'post',
    async writeBundle(options, bundle) {
      const dir = options.dir ?? path.dirname(options.file ?? '');
      await Promise.all(
        Object.keys(bundle)
          .filter((name) => COMPRESSIBLE.test(name) && !name.startsWith('.vite/'))
          .map(async (name) => {
            const file = path.join(dir, name);
            const bytes = await readFile(file);
            const [br, gzipped] = await Promise.all([
              brotli(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } }),
              gz(bytes, { level: constants.Z_BEST_COMPRESSION }),
            ]);
            // Both copies for every file, also a tiny chunk that neither makes smaller: which one is
            // sent then depends only on what the client accepts, never on the chunk's size.
            await Promise.all([writeFile(`${file}.br`, br), writeFile(`${file}.gz`, gzipped)]);
          }),
      );
    },
  };
}
