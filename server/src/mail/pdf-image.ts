import zlib from 'node:zlib';

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
