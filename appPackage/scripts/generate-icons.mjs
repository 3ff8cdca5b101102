/**
 * Draws the Teams app icons (color.png 192x192, outline.png 32x32) and writes them next to the
 * manifest. A tiny PNG encoder on node:zlib keeps this free of image dependencies; the PNGs are
 * committed, so this only runs when the artwork changes:
 *
 *   node appPackage/scripts/generate-icons.mjs
 *
 * The artwork is a room display with a hub of four linked tenants inside: one partner, many
 * customers. Shapes are signed distance functions so edges get one pixel of anti-aliasing.
 */
import { deflateSync } from 'node:zlib';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Teams brand indigo; the manifest's accentColor uses the same value. */
const BRAND = [0x4f, 0x52, 0xb2];
const WHITE = [0xff, 0xff, 0xff];

// ---------------------------------------------------------------------------------------------
// PNG encoding (RGBA, 8 bits per channel, filter 0 on every row).

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** @param {Buffer} buf */
function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** @param {string} type @param {Buffer} data */
function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

/** @param {number} width @param {number} height @param {Uint8Array} rgba */
function encodePng(width, height, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type: truecolour with alpha
  header[10] = 0; // compression
  header[11] = 0; // filter method
  header[12] = 0; // no interlace
  const stride = width * 4;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (stride + 1)] = 0;
    Buffer.from(rgba.buffer, rgba.byteOffset + y * stride, stride).copy(raw, y * (stride + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// ---------------------------------------------------------------------------------------------
// Geometry: signed distances in pixels (negative inside).

/** Rounded rectangle centred on (cx, cy) with half sizes hw, hh and corner radius r. */
const roundRect = (cx, cy, hw, hh, r) => (x, y) => {
  const qx = Math.abs(x - cx) - hw + r;
  const qy = Math.abs(y - cy) - hh + r;
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
};

const circle = (cx, cy, r) => (x, y) => Math.hypot(x - cx, y - cy) - r;

/** A line segment with round caps, of total width w. */
const segment = (ax, ay, bx, by, w) => (x, y) => {
  const px = x - ax;
  const py = y - ay;
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, (px * dx + py * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - dx * t, py - dy * t) - w / 2;
};

/** The outline of a shape: a band of width w straddling the inside of its edge. */
const ring = (shape, w) => (x, y) => Math.abs(shape(x, y) + w / 2) - w / 2;

const union =
  (...shapes) =>
  (x, y) =>
    Math.min(...shapes.map((s) => s(x, y)));

/**
 * The symbol in a 192-unit design space (about 124 units wide, centred), scaled to `size` and
 * then by `scale` around the centre. Teams crops colour icons, so their symbol keeps to the
 * central area; the 32 px outline uses the whole tile. `stroke` and friends are in design
 * units, so the small icon can use heavier lines than a plain scale would give.
 */
function symbol(size, { scale, stroke, node, hubNode, link }) {
  const k = (size / 192) * scale;
  // The design's bounding box is centred on (96, 96.5); map that point to the tile's centre.
  const dx = size / 2 - 96 * k;
  const dy = size / 2 - 96.5 * k;
  const shape = symbolAt(k, stroke, node, hubNode, link);
  return (x, y) => shape(x - dx, y - dy);
}

function symbolAt(k, stroke, node, hubNode, link) {
  const screen = roundRect(96 * k, 84 * k, 62 * k, 44 * k, 12 * k);
  const hub = { x: 96 * k, y: 84 * k };
  const corners = [
    [66, 66],
    [126, 66],
    [66, 102],
    [126, 102],
  ].map(([x, y]) => ({ x: x * k, y: y * k }));
  return union(
    ring(screen, stroke * k),
    roundRect(96 * k, 136 * k, 8 * k, 10 * k, 0),
    roundRect(96 * k, 148 * k, 30 * k, 5 * k, 5 * k),
    circle(hub.x, hub.y, hubNode * k),
    ...corners.map((c) => circle(c.x, c.y, node * k)),
    ...corners.map((c) => segment(hub.x, hub.y, c.x, c.y, link * k))
  );
}

/** Rasterise: coverage from the signed distance at each pixel centre (one-pixel ramp). */
function render(size, shape, background) {
  const rgba = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const coverage = Math.max(0, Math.min(1, 0.5 - shape(x + 0.5, y + 0.5)));
      const i = (y * size + x) * 4;
      if (background) {
        for (let ch = 0; ch < 3; ch++) {
          rgba[i + ch] = Math.round(background[ch] + (WHITE[ch] - background[ch]) * coverage);
        }
        rgba[i + 3] = 255;
      } else {
        // Teams requires the outline icon to be white on transparent: only alpha varies.
        rgba[i] = rgba[i + 1] = rgba[i + 2] = 255;
        rgba[i + 3] = Math.round(255 * coverage);
      }
    }
  }
  return rgba;
}

const outDir = fileURLToPath(new URL('..', import.meta.url));
const colorSymbol = symbol(192, { scale: 0.8, stroke: 12, node: 8, hubNode: 12, link: 5 });
const outlineSymbol = symbol(32, { scale: 1.42, stroke: 11, node: 7.5, hubNode: 10, link: 5.5 });
const color = render(192, colorSymbol, BRAND);
const outline = render(32, outlineSymbol, null);
writeFileSync(`${outDir}color.png`, encodePng(192, 192, color));
writeFileSync(`${outDir}outline.png`, encodePng(32, 32, outline));
console.log(`wrote ${outDir}color.png and ${outDir}outline.png`);
