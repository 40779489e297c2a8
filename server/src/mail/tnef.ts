import { TextDecoder } from 'node:util';
import { decodeCharset } from './raw-header';

/**
 * A reader for TNEF (winmail.dat, application/ms-tnef) as specified in [MS-OXTNEF]: enough of
 * it to take out the attached files and the message body. It reads the whole stream from a
 * Buffer; the caller bounds its size. Every attribute's checksum is checked, so a damaged
 * file is refused (TnefError) rather than read as garbage.
 *
 * Written here rather than taken from npm: the one TNEF package there (node-tnef) reads only
 * attAttachTitle (the 8.3 name, not PR_ATTACH_LONG_FILENAME), ignores the code page and the
 * checksums, copies the rest of the file into a JS array for every attribute, logs to stdout
 * through bunyan and ships no tests.
 */

export const TNEF_SIGNATURE = 0x223e9f78;

export class TnefError extends Error {}

export interface TnefAttachment {
  /** PR_ATTACH_LONG_FILENAME, else attAttachTitle, else PR_ATTACH_FILENAME / PR_DISPLAY_NAME. */
  readonly filnavn: string | null;
  /** PR_ATTACH_MIME_TAG when the sender wrote one. */
  readonly mimeType: string | null;
  /** attAttachData, else PR_ATTACH_DATA_BIN; null for what is not a file (an embedded message or OLE object). */
  readonly data: Buffer | null;
  /**
   * An embedded message (PR_ATTACH_METHOD 5): its class (IPM.Task, IPM.Appointment …) and
   * subject when its own TNEF stream can be read. Outlook also writes a placeholder file
   * "Untitled Attachment" for it, which is not its content.
   */
  readonly melding?: { readonly meldingsklasse: string | null; readonly emne: string | null };
}

export interface Tnef {
  readonly attachments: readonly TnefAttachment[];
  /** attBody or PR_BODY. */
  readonly body: string | null;
  /** PR_BODY_HTML. */
  readonly html: string | null;
  /** PR_RTF_COMPRESSED, still compressed. */
  readonly rtfCompressed: Buffer | null;
  /** attOemCodepage: the code page of 8-bit strings (and of RTF's \'xx escapes). */
  readonly codepage: number;
  /** attMessageClass (IPM.Microsoft Mail.Note, IPM.Task …). */
  readonly meldingsklasse: string | null;
  /** attSubject. */
  readonly emne: string | null;
}

const LVL_MESSAGE = 0x01;
const LVL_ATTACHMENT = 0x02;

/** Attribute ids (the low word of the attribute; the high word is its type). */
const att = {
  subject: 0x8004,
  messageClass: 0x8008,
  body: 0x800c,
  attachData: 0x800f,
  attachTitle: 0x8010,
  attachRendData: 0x9002,
  msgProps: 0x9003,
  attachment: 0x9005,
  oemCodepage: 0x9007,
} as const;

/** MAPI property ids used here. */
export const pr = {
  body: 0x1000,
  rtfCompressed: 0x1009,
  bodyHtml: 0x1013,
  displayName: 0x3001,
  attachDataBin: 0x3701,
  attachMethod: 0x3705,
  attachFilename: 0x3704,
  attachLongFilename: 0x3707,
  attachMimeTag: 0x370e,
  internetCodepage: 0x3fde,
} as const;

/** MAPI property types ([MS-OXCDATA] 2.11.1). */
export const pt = {
  short: 0x0002,
  long: 0x0003,
  float: 0x0004,
  double: 0x0005,
  currency: 0x0006,
  appTime: 0x0007,
  error: 0x000a,
  boolean: 0x000b,
  object: 0x000d,
  longLong: 0x0014,
  string8: 0x001e,
  unicode: 0x001f,
  sysTime: 0x0040,
  clsid: 0x0048,
  binary: 0x0102,
  multi: 0x1000,
} as const;

/** Size on the wire of one fixed-size value, padded to 4 bytes ([MS-OXTNEF] 2.1.3.4). */
const FIXED: Record<number, number> = {
  [pt.short]: 4,
  [pt.long]: 4,
  [pt.float]: 4,
  [pt.error]: 4,
  [pt.boolean]: 4,
  [pt.double]: 8,
  [pt.currency]: 8,
  [pt.appTime]: 8,
  [pt.longLong]: 8,
  [pt.sysTime]: 8,
  [pt.clsid]: 16,
};
const VARIABLE = new Set<number>([pt.string8, pt.unicode, pt.binary, pt.object]);

const MAX_ATTACHMENTS = 1000;

export interface MapiValue {
  readonly type: number;
  readonly values: readonly Buffer[];
}

const pad4 = (n: number) => (n + 3) & ~3;

export function decoderFor(codepage: number): { decode(input: Uint8Array): string } {
  if (codepage === 1252 || codepage === 28591 || codepage === 20127) return { decode: (input) => decodeCharset(input, 'windows-1252') };
  const label =
    codepage === 65001 ? 'utf-8'
    : codepage === 20127 ? 'us-ascii'
    : codepage >= 28591 && codepage <= 28606 ? `iso-8859-${codepage - 28590}`
    : codepage >= 1250 && codepage <= 1258 ? `windows-${codepage}`
    : ({ 874: 'windows-874', 866: 'ibm866', 932: 'shift_jis', 936: 'gbk', 949: 'euc-kr', 950: 'big5' } as Record<number, string>)[codepage];
  try {
    return new TextDecoder(label ?? 'windows-1252');
  } catch {
    return new TextDecoder('windows-1252');
  }
}

const stripNul = (s: string) => s.replace(/\u0000+$/, '');

/** Reads a MAPI property list (attMsgProps, attAttachment). */
export function readMapiProps(data: Buffer): Map<number, MapiValue> {
  const out = new Map<number, MapiValue>();
  let pos = 0;
  const need = (n: number) => {
    if (pos + n > data.length) throw new TnefError('MAPI-egenskapene er avkortet');
  };
  const u32 = () => {
    need(4);
    const v = data.readUInt32LE(pos);
    pos += 4;
    return v;
  };
  const count = u32();
  for (let i = 0; i < count; i++) {
    const type = u32();
    const id = type >>> 16;
    const base = type & 0x0fff;
    const ptype = type & 0xffff;
    if (id >= 0x8000) {
      // A named property: GUID, then a number or a UTF-16 name. Not needed here, but it must be skipped.
      need(16);
      pos += 16;
      const kind = u32();
      if (kind === 0) u32();
      else if (kind === 1) {
        const len = u32();
        need(pad4(len));
        pos += pad4(len);
      } else throw new TnefError(`ukjent navngitt egenskap (${kind})`);
    }
    const values: Buffer[] = [];
    const multi = (ptype & pt.multi) !== 0;
    if (VARIABLE.has(base)) {
      const n = u32();
      if (n > data.length) throw new TnefError('urimelig antall verdier');
      for (let k = 0; k < n; k++) {
        const len = u32();
        need(pad4(len));
        values.push(data.subarray(pos, pos + len));
        pos += pad4(len);
      }
    } else if (FIXED[base] !== undefined) {
      const n = multi ? u32() : 1;
      if (n > data.length) throw new TnefError('urimelig antall verdier');
      for (let k = 0; k < n; k++) {
        need(FIXED[base]!);
        values.push(data.subarray(pos, pos + FIXED[base]!));
        pos += FIXED[base]!;
      }
    } else {
      throw new TnefError(`ukjent MAPI-type 0x${base.toString(16)}`);
    }
    out.set(id, { type: base, values });
  }
  return out;
}

export function mapiString(props: Map<number, MapiValue>, id: number, codepage: number): string | null {
  const p = props.get(id);
  const v = p?.values[0];
  if (!p || !v) return null;
  if (p.type === pt.unicode) return stripNul(v.toString('utf16le'));
  if (p.type === pt.string8 || p.type === pt.binary) return stripNul(decoderFor(codepage).decode(v));
  return null;
}

const mapiBinary = (props: Map<number, MapiValue>, id: number) => {
  const p = props.get(id);
  return p && p.type === pt.binary && p.values[0] ? p.values[0] : null;
};

interface Building {
  title: string | null;
  data: Buffer | null;
  props: Map<number, MapiValue> | null;
}

export function readTnef(buf: Buffer): Tnef {
  if (buf.length < 6 || buf.readUInt32LE(0) !== TNEF_SIGNATURE) throw new TnefError('ikke en TNEF-fil (feil signatur)');
  let pos = 6; // signature + legacy key
  let codepage = 1252;
  let body: string | null = null;
  let meldingsklasse: string | null = null;
  let emne: string | null = null;
  let messageProps: Map<number, MapiValue> | null = null;
  const building: Building[] = [];
  const current = () => {
    if (building.length === 0) building.push({ title: null, data: null, props: null });
    return building[building.length - 1]!;
  };

  while (pos < buf.length) {
    if (pos + 9 > buf.length) throw new TnefError('filen er avkortet');
    const level = buf[pos]!;
    const id = buf.readUInt32LE(pos + 1) & 0xffff;
    const length = buf.readUInt32LE(pos + 5);
    const start = pos + 9;
    const end = start + length;
    if (end + 2 > buf.length) throw new TnefError('filen er avkortet');
    const data = buf.subarray(start, end);
    let sum = 0;
    for (let i = 0; i < data.length; i++) sum = (sum + data[i]!) & 0xffff;
    if (sum !== buf.readUInt16LE(end)) throw new TnefError('feil sjekksum');
    pos = end + 2;

    if (level === LVL_MESSAGE) {
      if (id === att.oemCodepage && data.length >= 4) codepage = data.readUInt32LE(0);
      else if (id === att.body) body = stripNul(decoderFor(codepage).decode(data));
      else if (id === att.messageClass) meldingsklasse = stripNul(decoderFor(codepage).decode(data)) || null;
      else if (id === att.subject) emne = stripNul(decoderFor(codepage).decode(data)) || null;
      else if (id === att.msgProps) messageProps = readMapiProps(data);
    } else if (level === LVL_ATTACHMENT) {
      if (id === att.attachRendData) {
        if (building.length >= MAX_ATTACHMENTS) throw new TnefError('for mange vedlegg');
        building.push({ title: null, data: null, props: null });
      } else if (id === att.attachTitle) current().title = stripNul(decoderFor(codepage).decode(data));
      else if (id === att.attachData) current().data = data;
      else if (id === att.attachment) current().props = readMapiProps(data);
    } else {
      throw new TnefError(`ukjent nivå ${level}`);
    }
  }

  const attachments = building.map((b): TnefAttachment => {
    const p = b.props ?? new Map<number, MapiValue>();
    const filnavn = mapiString(p, pr.attachLongFilename, codepage) || b.title || mapiString(p, pr.attachFilename, codepage) || mapiString(p, pr.displayName, codepage) || null;
    const method = p.get(pr.attachMethod)?.values[0]?.readUInt32LE(0);
    // ATTACH_EMBEDDED_MSG (5) and ATTACH_OLE (6) are not files, whatever attAttachData holds.
    if (method === ATTACH_EMBEDDED_MSG) return { filnavn, mimeType: null, data: null, melding: embeddedMessage(p) };
    if (method === ATTACH_OLE) return { filnavn, mimeType: null, data: null };
    return { filnavn, mimeType: mapiString(p, pr.attachMimeTag, codepage) || null, data: b.data ?? mapiBinary(p, pr.attachDataBin) };
  });
  const mp = messageProps ?? new Map<number, MapiValue>();
  const htmlCp = mp.get(pr.internetCodepage)?.values[0]?.readUInt32LE(0) ?? codepage;
  return {
    attachments,
    body: body || mapiString(mp, pr.body, codepage) || null,
    html: mapiString(mp, pr.bodyHtml, htmlCp) || null,
    rtfCompressed: mapiBinary(mp, pr.rtfCompressed),
    codepage,
    meldingsklasse,
    emne,
  };
}

const ATTACH_EMBEDDED_MSG = 5;
const ATTACH_OLE = 6;

/** PR_ATTACH_DATA_OBJ of an embedded message: the interface id (16 bytes), then the message as TNEF. */
function embeddedMessage(props: Map<number, MapiValue>): { meldingsklasse: string | null; emne: string | null } {
  const obj = props.get(pr.attachDataBin);
  const v = obj?.type === pt.object ? obj.values[0] : undefined;
  if (!v || v.length <= 16) return { meldingsklasse: null, emne: null };
  try {
    const inner = readTnef(v.subarray(16));
    return { meldingsklasse: inner.meldingsklasse, emne: inner.emne };
  } catch (err) {
    if (err instanceof TnefError) return { meldingsklasse: null, emne: null };
    throw err;
  }
}
