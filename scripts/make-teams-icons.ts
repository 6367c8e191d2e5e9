/**
 * Draws the two icons of the Teams app package and writes them to manifests/teams/:
 * - color.png, 192×192: a white tick on a rounded square of Arising's accent colour;
 * - outline.png, 32×32: the same tick, white on a transparent background (Teams' rule for outline icons).
 * Run with `npx tsx scripts/make-teams-icons.ts`; the PNGs are committed, so this runs only when the
 * design changes. PNG is written by hand (zlib for the compression) to need no image library.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';

type Rgba = [number, number, number, number];

const ACCENT: Rgba = [0x2f, 0x5d, 0x8a, 255];
const WHITE: Rgba = [255, 255, 255, 255];
const CLEAR: Rgba = [0, 0, 0, 0];

/** CRC-32 as PNG chunks need it. */
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = (CRC_TABLE[(c ^ byte) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** An RGBA image as PNG bytes. */
export function encodePng(width: number, height: number, pixel: (x: number, y: number) => Rgba): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.writeUInt8(8, 8); // bit depth
  header.writeUInt8(6, 9); // colour type: RGBA
  const rows = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 4 + 1);
    rows[row] = 0; // filter: none
    for (let x = 0; x < width; x++) Buffer.from(pixel(x, y)).copy(rows, row + 1 + x * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Distance from point p to the segment a–b. */
function segmentDistance(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/** Whether a point of the unit square is on the tick. */
function onTick(u: number, v: number, stroke: number): boolean {
  return (
    segmentDistance(u, v, 0.24, 0.52, 0.42, 0.7) <= stroke ||
    segmentDistance(u, v, 0.42, 0.7, 0.77, 0.32) <= stroke
  );
}

/** Whether a point of the unit square is inside a square with rounded corners. */
function inRoundedSquare(u: number, v: number, radius: number): boolean {
  const cx = Math.min(Math.max(u, radius), 1 - radius);
  const cy = Math.min(Math.max(v, radius), 1 - radius);
  return Math.hypot(u - cx, v - cy) <= radius;
}

/** Blends the samples of a pixel (4×4 supersampling) into one colour with coverage as alpha. */
function sample(size: number, x: number, y: number, paint: (u: number, v: number) => Rgba): Rgba {
  const n = 4;
  const sum = [0, 0, 0, 0];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const colour = paint((x + (i + 0.5) / n) / size, (y + (j + 0.5) / n) / size);
      const alpha = colour[3] / 255;
      for (let c = 0; c < 3; c++) sum[c] = (sum[c] as number) + (colour[c] as number) * alpha;
      sum[3] = (sum[3] as number) + alpha;
    }
  }
  const coverage = (sum[3] as number) / (n * n);
  if (coverage === 0) return CLEAR;
  const rgb = [0, 1, 2].map((c) => Math.round((sum[c] as number) / (sum[3] as number)));
  return [rgb[0] as number, rgb[1] as number, rgb[2] as number, Math.round(coverage * 255)];
}

export function colorIcon(): Buffer {
  const size = 192;
  const paint = (u: number, v: number): Rgba => {
    if (!inRoundedSquare(u, v, 0.18)) return CLEAR;
    return onTick(u, v, 0.065) ? WHITE : ACCENT;
  };
  return encodePng(size, size, (x, y) => sample(size, x, y, paint));
}

export function outlineIcon(): Buffer {
  const size = 32;
  const paint = (u: number, v: number): Rgba => (onTick(u, v, 0.085) ? WHITE : CLEAR);
  return encodePng(size, size, (x, y) => {
    const [r, g, b, a] = sample(size, x, y, paint);
    // Outline icons are white with transparency only: keep the colour white, let alpha carry the shape.
    return a === 0 ? CLEAR : [Math.max(r, 255), Math.max(g, 255), Math.max(b, 255), a];
  });
}

if (require.main === module) {
  const dir = join(__dirname, '..', 'manifests', 'teams');
  writeFileSync(join(dir, 'color.png'), colorIcon());
  writeFileSync(join(dir, 'outline.png'), outlineIcon());
  process.stdout.write(`Wrote ${join(dir, 'color.png')} and ${join(dir, 'outline.png')}\n`);
}
