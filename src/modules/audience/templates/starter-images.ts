import { deflateSync } from 'node:zlib';

// Placeholder pictures for the starter templates, drawn here (no third-party image host in a self-hosted product's
// email): soft two-colour gradients with a light circle, as PNG (Outlook and Gmail show neither SVG nor data: URIs).

type Rgb = [number, number, number];
type Picture = { width: number; height: number; from: Rgb; to: Rgb };

export const STARTER_IMAGES: Record<string, Picture> = {
  'hero-green': { width: 1200, height: 600, from: [28, 124, 84], to: [104, 211, 145] },
  'article-amber': { width: 1200, height: 630, from: [217, 119, 6], to: [252, 211, 77] },
  'article-blue': { width: 1200, height: 630, from: [30, 64, 175], to: [96, 165, 250] },
  'article-rose': { width: 1200, height: 630, from: [190, 18, 60], to: [251, 113, 133] },
  'product-violet': { width: 1200, height: 700, from: [76, 29, 149], to: [167, 139, 250] },
  'feature-teal': { width: 600, height: 400, from: [15, 118, 110], to: [94, 234, 212] },
};

const cache = new Map<string, Buffer>();

export function starterImage(name: string): Buffer | null {
  const pic = STARTER_IMAGES[name];
  if (!pic) return null;
  let png = cache.get(name);
  if (!png) {
    png = drawPng(pic);
    cache.set(name, png);
  }
  return png;
}

function drawPng({ width, height, from, to }: Picture): Buffer {
  const row = width * 3 + 1;
  const raw = Buffer.alloc(row * height);
  const cx = width * 0.72;
  const cy = height * 0.38;
  const r = Math.min(width, height) * 0.34;
  for (let y = 0; y < height; y++) {
    raw[y * row] = 0; // filter: none
    for (let x = 0; x < width; x++) {
      const t = (x / width) * 0.6 + (y / height) * 0.4;
      let px: Rgb = [0, 1, 2].map((i) => from[i]! + (to[i]! - from[i]!) * t) as Rgb;
      const d = Math.hypot(x - cx, y - cy);
      if (d < r) px = px.map((v) => v + (255 - v) * 0.16) as Rgb;
      const o = y * row + 1 + x * 3;
      raw[o] = Math.round(px[0]);
      raw[o + 1] = Math.round(px[1]);
      raw[o + 2] = Math.round(px[2]);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // truecolour
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length, 0);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body), 0);
  return Buffer.concat([len, body, crc]);
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
