import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';

const BLOCK = 512;

function octal(n: number, width: number): string {
  return n.toString(8).padStart(width - 1, '0');
}

/** One POSIX ustar header: the name split into prefix/name where it is longer than 100 bytes. */
function header(name: string, size: number, mtime: Date): Buffer {
  const h = Buffer.alloc(BLOCK);
  let prefix = '';
  let rest = name;
  if (Buffer.byteLength(name) > 100) {
    const cut = name.lastIndexOf('/', 155);
    if (cut <= 0 || Buffer.byteLength(name.slice(cut + 1)) > 100) throw new Error(`filnavnet er for langt for tar: ${name}`);
    prefix = name.slice(0, cut);
    rest = name.slice(cut + 1);
  }
  h.write(rest, 0, 100, 'utf8');
  h.write(octal(0o644, 8), 100, 'ascii');
  h.write(octal(0, 8), 108, 'ascii');
  h.write(octal(0, 8), 116, 'ascii');
  h.write(octal(size, 12), 124, 'ascii');
  h.write(octal(Math.floor(mtime.getTime() / 1000), 12), 136, 'ascii');
  h.write('        ', 148, 'ascii');
  h.write('0', 156, 'ascii');
  h.write('ustar\u000000', 257, 'ascii');
  h.write(prefix, 345, 155, 'utf8');
  let sum = 0;
  for (const b of h) sum += b;
  h.write(`${octal(sum, 7)}\u0000 `, 148, 'ascii');
  return h;
}

async function* filer(rot: string, rel = ''): AsyncGenerator<string> {
  const entries = (await readdir(path.join(rot, rel), { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const e of entries) {
    const p = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) yield* filer(rot, p);
    else if (e.isFile()) yield p;
  }
}

/**
 * A folder as a tar stream (POSIX ustar), each file under `topp/`, streamed from disk one file
 * at a time: memory holds one block however large the package.
 */
export function tarAvMappe(mappe: string, topp: string): Readable {
  async function* blokker() {
    for await (const rel of filer(mappe)) {
      const full = path.join(mappe, rel);
      const st = await stat(full);
      yield header(`${topp}/${rel}`, st.size, st.mtime);
      let skrevet = 0;
      for await (const chunk of createReadStream(full)) {
        skrevet += (chunk as Buffer).length;
        yield chunk as Buffer;
      }
      if (skrevet !== st.size) throw new Error(`filen endret seg under pakkingen: ${rel}`);
      const rest = st.size % BLOCK;
      if (rest) yield Buffer.alloc(BLOCK - rest);
    }
    yield Buffer.alloc(BLOCK * 2);
  }
  return Readable.from(blokker());
}
