import { Transform, type Readable } from 'node:stream';
import { TextDecoder } from 'node:util';
import type { MailParser } from 'mailparser';

const utf8 = new TextDecoder('utf-8', { fatal: true });
const EIGHT_BIT = /[\x80-\xff]/;

/**
 * Header bytes sent without MIME encoding (RFC 2047 forbids it, many mailers do it), read as
 * mail clients read them: bytes that are valid UTF-8 are UTF-8 (RFC 6532 allows that), else
 * they are in the declared charset of the message or part, else Windows-1252.
 */
export function decodeRawHeader(bytes: Uint8Array, charset?: string | false): string {
  try {
    return utf8.decode(bytes);
  } catch {
    return decodeCharset(bytes, charset || 'windows-1252');
  }
}

/** Windows-1252's characters for bytes 0x80–0x9F (the rest is Latin-1); 0 where it has none. */
const CP1252_HIGH = [
  0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017d, 0,
  0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0, 0x017e, 0x0178,
];
const LATIN1_LABELS = /^(windows-1252|cp1252|x-cp1252|iso-8859-1|iso8859-1|iso_8859-1|latin1|l1|us-ascii|ascii|cp819|ibm819)$/i;

/**
 * Bytes in a charset, by its label. Windows-1252 is done here: Node 20's TextDecoder reads
 * "windows-1252" (and ISO-8859-1 and US-ASCII, which the WHATWG Encoding Standard maps to it)
 * as Latin-1, so € and “smart quotes” would become C1 control characters. An unknown label
 * is read as Windows-1252.
 */
export function decodeCharset(bytes: Uint8Array, label: string): string {
  if (!LATIN1_LABELS.test(label.trim())) {
    try {
      return new TextDecoder(label.trim()).decode(bytes);
    } catch {
      // an unknown charset: Windows-1252, as mail clients do
    }
  }
  let out = '';
  for (const b of bytes) out += String.fromCharCode(b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80] || b : b);
  return out;
}

/** What mailparser's splitter gives for a MIME node (header lines as "binary" strings, one char per byte). */
interface SplitterNode {
  headers: { getList(): { key: string; line: string }[] };
  charset?: string | false;
  filename?: string | false;
}

/**
 * mailparser turns every raw header byte through UTF-8 (Latin-1 text becomes U+FFFD) and
 * keeps a raw file name as Latin-1. This rewrites a node's raw 8-bit header lines into UTF-8
 * before mailparser reads them (by the rule of decodeRawHeader), and decodes a raw file name
 * the same way. It hooks mailparser's createNode, the one place every node's headers pass.
 */
export function readRawHeadersAsClientsDo(parser: MailParser): void {
  const p = parser as unknown as { createNode?: (node: SplitterNode) => unknown };
  // A mailparser without this (internal) method reads headers its own way; the tests would say so.
  if (typeof p.createNode !== 'function') return;
  const createNode = p.createNode.bind(parser);
  p.createNode = (node: SplitterNode) => {
    let nameNeedsDecoding = false;
    for (const line of node.headers.getList()) {
      if (!EIGHT_BIT.test(line.line)) continue;
      const bytes = Buffer.from(line.line, 'latin1');
      const text = decodeRawHeader(bytes, node.charset);
      if (text === bytes.toString('utf8')) continue;
      if (line.key === 'content-type' || line.key === 'content-disposition') nameNeedsDecoding = true;
      line.line = Buffer.from(text, 'utf8').toString('latin1');
    }
    if (nameNeedsDecoding && typeof node.filename === 'string' && !/[^\x00-\xff]/.test(node.filename)) {
      node.filename = decodeRawHeader(Buffer.from(node.filename, 'latin1'), node.charset);
    }
    return createNode(node);
  };
}

/** Drops a UTF-8 byte order mark before the headers (some Windows tools write one into .eml files). */
export function withoutBom(source: Readable): Readable {
  let head: Buffer | null = Buffer.alloc(0);
  const strip = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      if (head === null) return cb(null, chunk);
      head = Buffer.concat([head, chunk]);
      if (head.length < 3) return cb();
      const out = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? head.subarray(3) : head;
      head = null;
      cb(null, out);
    },
    flush(cb) {
      if (head?.length) this.push(head);
      cb();
    },
  });
  source.on('error', (err) => strip.destroy(err));
  return source.pipe(strip);
}
