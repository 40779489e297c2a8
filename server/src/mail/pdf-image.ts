import zlib from 'node:zlib';
import { GifReader } from 'omggif';

/** Larger images are left out of the archive PDF (a small PNG can inflate to gigabytes). */
const MAX_PIXELS = 40_000_000;

/**
 * Whether pdfkit can draw this image safely. pdfkit's PNG reader (png-js) trusts the file:
 * a wrong chunk length makes it scan for seconds, and corrupt image data is inflated in a
 * callback that throws, which would take the process down. So a PNG must be well-formed
 * (chunk lengths and CRCs, IHDR first, IEND last), its image data must inflate to at least
 * what IHDR promises, and its size must be bounded. JPEGs must be Gray or RGB: CMYK would be
 * DeviceCMYK next to the sRGB output intent, which PDF/A forbids.
 */
export function drawableImage(mimeType: string, data: Uint8Array): boolean {
  if (mimeType === 'image/png') return wellFormedPng(Buffer.from(data.buffer, data.byteOffset, data.byteLength));
  if (mimeType === 'image/jpeg') return jpegComponents(data) === 1 || jpegComponents(data) === 3;
  return false;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

function wellFormedPng(b: Buffer): boolean {
  if (b.length < 8 || !b.subarray(0, 8).equals(PNG_SIGNATURE)) return false;
  let pos = 8;
  let ihdr: Buffer | undefined;
  const idat: Buffer[] = [];
  for (;;) {
    if (pos + 12 > b.length) return false;
    const length = b.readUInt32BE(pos);
    if (pos + 12 + length > b.length) return false;
    const typeAndData = b.subarray(pos + 4, pos + 8 + length);
    if (zlib.crc32(typeAndData) !== b.readUInt32BE(pos + 8 + length)) return false;
    const type = typeAndData.subarray(0, 4).toString('latin1');
    const body = typeAndData.subarray(4);
    if (!ihdr && type !== 'IHDR') return false;
    if (type === 'IHDR') ihdr = body;
    if (type === 'IDAT') idat.push(body);
    pos += 12 + length;
    if (type === 'IEND') break;
  }
  if (!ihdr || ihdr.length !== 13 || idat.length === 0) return false;
  const [width, height, bits, colorType, interlace] = [ihdr.readUInt32BE(0), ihdr.readUInt32BE(4), ihdr[8]!, ihdr[9]!, ihdr[12]!];
  const channels = CHANNELS[colorType];
  if (!channels || width === 0 || height === 0 || width * height > MAX_PIXELS || ![1, 2, 4, 8, 16].includes(bits)) return false;
  // Non-interlaced: one filter byte per row; Adam7 needs a little more, so it is checked loosely.
  const rows = height * (Math.ceil((width * channels * bits) / 8) + 1);
  try {
    const pixels = zlib.inflateSync(Buffer.concat(idat), { maxOutputLength: rows * 2 + 1024 });
    return interlace === 1 ? pixels.length > 0 : pixels.length >= rows;
  } catch {
    return false;
  }
}

/** The number of colour components in a JPEG's SOF segment, or 0 when there is none. */
function jpegComponents(d: Uint8Array): number {
  if (d[0] !== 0xff || d[1] !== 0xd8) return 0;
  let pos = 2;
  while (pos + 4 <= d.length) {
    if (d[pos] !== 0xff) return 0;
    const marker = d[pos + 1]!;
    if (marker === 0xff) {
      pos++;
      continue;
    }
    const length = (d[pos + 2]! << 8) | d[pos + 3]!;
    // SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC).
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      const width = (d[pos + 7]! << 8) | d[pos + 8]!;
      const height = (d[pos + 5]! << 8) | d[pos + 6]!;
      return width && height && width * height <= MAX_PIXELS ? (d[pos + 9] ?? 0) : 0;
    }
    if (length < 2) return 0;
    pos += 2 + length;
  }
  return 0;
}

/** A GIF is decoded to RGBA in memory (4 bytes a pixel) and deflated again: 10 Mpixel is 40 MB. */
const MAX_GIF_PIXELS = 10_000_000;

/**
 * A GIF as a PNG pdfkit can draw (pdfkit reads only PNG and JPEG): the first frame, decoded by
 * omggif, its transparent pixels kept as alpha. Null for a GIF that cannot be read or is too large.
 */
export function gifAsPng(data: Uint8Array): Buffer | null {
  let gif: GifReader;
  try {
    gif = new GifReader(Buffer.from(data.buffer, data.byteOffset, data.byteLength));
  } catch {
    return null;
  }
  const { width, height } = gif;
  if (width === 0 || height === 0 || width * height > MAX_GIF_PIXELS || gif.numFrames() === 0) return null;
  const rgba = Buffer.alloc(width * height * 4);
  try {
    gif.decodeAndBlitFrameRGBA(0, rgba);
  } catch {
    return null;
  }
  return encodePng(width, height, rgba);
}

/** An 8-bit RGBA PNG: IHDR, one IDAT (filter 0 on every row), IEND. */
function encodePng(width: number, height: number, rgba: Buffer): Buffer {
  const stride = width * 4;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) rgba.copy(raw, y * (stride + 1) + 1, y * stride, (y + 1) * stride);
  const chunk = (type: string, body: Buffer) => {
    const typeAndBody = Buffer.concat([Buffer.from(type, 'latin1'), body]);
    const out = Buffer.alloc(12 + body.length);
    out.writeUInt32BE(body.length, 0);
    typeAndBody.copy(out, 4);
    out.writeUInt32BE(zlib.crc32(typeAndBody), 8 + body.length);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  return Buffer.concat([PNG_SIGNATURE, chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}
