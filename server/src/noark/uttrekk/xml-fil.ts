import { createHash, type Hash } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
/** Text for XML: escaped, and without the control characters XML 1.0 cannot hold. */
export const xmlTekst = (s: string) => s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '').replace(/[&<>"]/g, (c) => ESC[c]!);

/**
 * An XML file written as it goes: elements are opened, filled and closed in document order,
 * the text buffered in small chunks and flushed with back-pressure, hashed (SHA-256) on the way.
 * Memory stays flat however many records pass through.
 */
export class XmlFil {
  private readonly out: WriteStream;
  private readonly hash: Hash = createHash('sha256');
  private buf: string[] = [];
  private size = 0;
  private readonly stack: string[] = [];
  private bytes = 0;

  constructor(readonly path: string) {
    this.out = createWriteStream(path);
    this.skriv('<?xml version="1.0" encoding="UTF-8"?>\n');
  }

  private skriv(s: string): void {
    this.buf.push(s);
    this.size += s.length;
  }

  /** Opens an element; attributes written as given (names are the caller's constants). */
  aapne(navn: string, attrs: Record<string, string> = {}): this {
    const a = Object.entries(attrs).map(([k, v]) => ` ${k}="${xmlTekst(v)}"`).join('');
    this.skriv(`${'  '.repeat(this.stack.length)}<${navn}${a}>\n`);
    this.stack.push(navn);
    return this;
  }

  lukk(): this {
    const navn = this.stack.pop();
    if (!navn) throw new Error('XmlFil: nothing to close');
    this.skriv(`${'  '.repeat(this.stack.length)}</${navn}>\n`);
    return this;
  }

  /** A leaf element; skipped when the value is null or undefined. */
  felt(navn: string, verdi: string | number | null | undefined): this {
    if (verdi === null || verdi === undefined) return this;
    this.skriv(`${'  '.repeat(this.stack.length)}<${navn}>${xmlTekst(String(verdi))}</${navn}>\n`);
    return this;
  }

  /** Flushes the buffer when it is large, waiting for the disk. */
  async tøm(force = false): Promise<void> {
    if (!force && this.size < 64 * 1024) return;
    const chunk = Buffer.from(this.buf.join(''), 'utf8');
    this.buf = [];
    this.size = 0;
    this.hash.update(chunk);
    this.bytes += chunk.length;
    if (!this.out.write(chunk)) await once(this.out, 'drain');
  }

  /** Closes every open element and the file; returns its size and SHA-256. */
  async avslutt(): Promise<{ sha256: string; size: number }> {
    while (this.stack.length) this.lukk();
    await this.tøm(true);
    this.out.end();
    await once(this.out, 'finish');
    return { sha256: this.hash.digest('hex'), size: this.bytes };
  }
}
