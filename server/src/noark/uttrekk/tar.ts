import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { create } from 'tar';

async function filer(rot: string, rel = ''): Promise<string[]> {
  const entries = (await readdir(path.join(rot, rel), { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1));
  const ut: string[] = [];
  for (const e of entries) {
    const p = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) ut.push(...(await filer(rot, p)));
    else if (e.isFile()) ut.push(p);
  }
  return ut;
}

/**
 * A folder as a tar stream (node-tar, POSIX pax), each file under `topp/` in name order, read
 * from disk as the stream is consumed: memory holds a few blocks however large the package.
 * `portable` leaves out the server's user and group.
 */
export async function tarAvMappe(mappe: string, topp: string): Promise<Readable> {
  return Readable.from(create({ cwd: mappe, prefix: topp, portable: true, noDirRecurse: true }, await filer(mappe)));
}
