// Writes the extension icons (a rounded square with a white "P"-like glyph) as PNGs, using Node built-ins only.
import { deflateSync } from 'node:zlib';
import { mkdirSync, writeFileSync } from 'node:fs';

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => { let c = 0xffffffff; for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8); return (c ^ 0xffffffff) >>> 0; };
function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}
function icon(size) {
  const rows = [];
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 4);
    for (let x = 0; x < size; x++) {
      const u = (x + 0.5) / size, w = (y + 0.5) / size;
      const r = 0.22, dx = Math.max(r - u, u - (1 - r), 0), dy = Math.max(r - w, w - (1 - r), 0);
      const inside = dx * dx + dy * dy <= r * r;
      const stem = u > 0.3 && u < 0.42 && w > 0.22 && w < 0.8;
      const ring = Math.hypot(u - 0.5, w - 0.4) < 0.2 && Math.hypot(u - 0.5, w - 0.4) > 0.1 && u > 0.36;
      const glyph = stem || ring;
      const px = !inside ? [0, 0, 0, 0] : glyph ? [255, 255, 255, 255] : [11, 92, 213, 255];
      row.set(px, 1 + x * 4);
    }
    rows.push(row);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0); ihdr.writeUInt32BE(size, 4); ihdr[8] = 8; ihdr[9] = 6;
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.concat(rows))), chunk('IEND', Buffer.alloc(0))]);
}
mkdirSync('extension/public/icons', { recursive: true });
for (const size of [16, 48, 128]) writeFileSync(`extension/public/icons/icon-${size}.png`, icon(size));
