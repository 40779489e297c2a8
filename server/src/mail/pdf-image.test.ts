import zlib from 'node:zlib';
import { drawableImage, gifAsPng } from './pdf-image';

const chunk = (type: string, data: Buffer) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(body));
  return Buffer.concat([len, body, crc]);
};
const ihdr = (w: number, h: number, colorType = 6) => {
  const b = Buffer.alloc(13);
  b.writeUInt32BE(w, 0);
  b.writeUInt32BE(h, 4);
  b[8] = 8;
  b[9] = colorType;
  return chunk('IHDR', b);
};
const SIG = Buffer.from('89504e470d0a1a0a', 'hex');
const png = (idat: Buffer, w = 1, h = 1) => Buffer.concat([SIG, ihdr(w, h), chunk('IDAT', idat), chunk('IEND', Buffer.alloc(0))]);
/** SOI, then a SOF0 segment for a width×height image with n components, then EOI. */
const jpeg = (n: number, w = 2, h = 2) => Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 4, 0, 0, 0xff, 0xc0, 0, 8 + 3 * n, 8, h >> 8, h & 255, w >> 8, w & 255, n, ...Array(3 * n).fill(1), 0xff, 0xd9]);

describe('which images the archive PDF draws', () => {
  it('draws a well-formed PNG', () => {
    expect(drawableImage('image/png', png(zlib.deflateSync(Buffer.from([0, 1, 2, 3, 255]))))).toBe(true);
  });

  it('leaves out a PNG with a wrong chunk length (png-js would scan it for seconds)', () => {
    // The corpus' logo used to be this: the IDAT length says 13 bytes, the data is 14.
    const broken = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360f8cfc0f01f0005000201a5f0c4a50000000049454e44ae426082', 'hex');
    const start = performance.now();
    expect(drawableImage('image/png', broken)).toBe(false);
    expect(performance.now() - start).toBeLessThan(100);
  });

  it('leaves out a PNG whose image data does not inflate (png-js would throw in a callback) or is too short', () => {
    expect(drawableImage('image/png', png(Buffer.from('789c0102030405', 'hex')))).toBe(false);
    expect(drawableImage('image/png', png(zlib.deflateSync(Buffer.from([0, 1])), 10, 10))).toBe(false);
  });

  it('leaves out huge images, a bad CRC, truncated files and other types', () => {
    expect(drawableImage('image/png', png(zlib.deflateSync(Buffer.alloc(10)), 10_000, 10_000))).toBe(false);
    const ok = png(zlib.deflateSync(Buffer.from([0, 1, 2, 3, 255])));
    const badCrc = Buffer.from(ok);
    badCrc[29] = badCrc[29]! ^ 1;
    expect(drawableImage('image/png', badCrc)).toBe(false);
    expect(drawableImage('image/png', ok.subarray(0, ok.length - 6))).toBe(false);
    expect(drawableImage('image/gif', ok)).toBe(false);
  });

  it('draws Gray and RGB JPEGs but not CMYK (DeviceCMYK next to the sRGB output intent is not PDF/A)', () => {
    expect(drawableImage('image/jpeg', jpeg(1))).toBe(true);
    expect(drawableImage('image/jpeg', jpeg(3))).toBe(true);
    expect(drawableImage('image/jpeg', jpeg(4))).toBe(false);
    expect(drawableImage('image/jpeg', jpeg(3, 0, 2))).toBe(false);
    expect(drawableImage('image/jpeg', Buffer.from('not a jpeg'))).toBe(false);
  });
});

describe('GIF for the archive PDF', () => {
  // 2×1 GIF89a, global palette red/blue, a graphic control extension making index 1 transparent,
  // LZW (min code size 2): clear, 0, 1, end.
  const gif = Buffer.from('474946383961020001008001 00ff00000000ff 21f90401000001 00 2c00000000020001000002 02440a 00 3b'.replace(/ /g, ''), 'hex');

  it('turns the first frame into a well-formed RGBA PNG, transparency kept as alpha', () => {
    const png = gifAsPng(gif)!;
    expect(drawableImage('image/png', png)).toBe(true);
    const idat = png.subarray(png.indexOf('IDAT') + 4, png.indexOf('IEND') - 8);
    expect([...zlib.inflateSync(idat)]).toEqual([0, 255, 0, 0, 255, 0, 0, 0, 0]);
  });

  it('gives null for what is not a readable GIF', () => {
    expect(gifAsPng(Buffer.from('GIF89a kaputt'))).toBeNull();
    expect(gifAsPng(Buffer.from('not a gif at all'))).toBeNull();
    // A small file claiming a 5000×5000 screen is not decoded (it would take 100 MB).
    const huge = Buffer.from(gif);
    huge.writeUInt16LE(5000, 6);
    huge.writeUInt16LE(5000, 8);
    expect(gifAsPng(huge)).toBeNull();
  });
});
