// Compares screenshots pixel by pixel: two PNG files, or every PNG of the same name in two folders.
// Prints the share of pixels that differ (any channel by more than --tolerance, default 0) and, with
// --out DIR, writes a diff image per pair (changed pixels red over a faded copy of the first image).
//   node scripts/pixel-diff.mjs before/ after/ [--tolerance 8] [--out diffs/]
// Only 8-bit greyscale, RGB and RGBA PNGs without interlacing (what Chromium's screenshots are).
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { deflateSync, inflateSync } from 'node:zlib';

const channelsOf = { 0: 1, 2: 3, 4: 2, 6: 4 };

export function decodePng(buf) {
  if (buf.readUInt32BE(0) !== 0x89504e47) throw new Error('not a PNG');
  let width = 0, height = 0, channels = 0;
  const idat = [];
  for (let at = 8; at < buf.length; ) {
    const len = buf.readUInt32BE(at);
    const type = buf.toString('latin1', at + 4, at + 8);
    const data = buf.subarray(at + 8, at + 8 + len);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      channels = channelsOf[data[9]];
      if (data[8] !== 8 || !channels || data[12] !== 0) throw new Error('unsupported PNG (bit depth, colour type or interlace)');
    } else if (type === 'IDAT') idat.push(data);
    at += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const px = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const src = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const row = y * stride;
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? px[row + x - channels] : 0;
      const b = y > 0 ? px[row - stride + x] : 0;
      const c = x >= channels && y > 0 ? px[row - stride + x - channels] : 0;
      const p = a + b - c;
      const pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
      const predictor = [0, a, b, (a + b) >> 1, pa <= pb && pa <= pc ? a : pb <= pc ? b : c][filter];
      px[row + x] = (src[x] + predictor) & 0xff;
    }
  }
  // Normalise to RGBA so images of different colour types compare.
  const rgba = Buffer.alloc(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    const s = px.subarray(i * channels, (i + 1) * channels);
    const [r, g, b] = channels < 3 ? [s[0], s[0], s[0]] : [s[0], s[1], s[2]];
    rgba.set([r, g, b, channels === 2 ? s[1] : channels === 4 ? s[3] : 255], i * 4);
  }
  return { width, height, rgba };
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}
export function encodePng({ width, height, rgba }) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) rgba.copy(raw, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

/** The share of pixels (0–1) that differ, and a diff image. Images of different sizes differ everywhere. */
export function diffImages(a, b, tolerance = 0) {
  if (a.width !== b.width || a.height !== b.height) return { ratio: 1, changed: a.width * a.height, image: null };
  const out = Buffer.alloc(a.rgba.length);
  let changed = 0;
  for (let i = 0; i < a.rgba.length; i += 4) {
    let differs = false;
    for (let k = 0; k < 4; k++) if (Math.abs(a.rgba[i + k] - b.rgba[i + k]) > tolerance) differs = true;
    if (differs) changed++;
    const grey = Math.round(0.3 * a.rgba[i] + 0.59 * a.rgba[i + 1] + 0.11 * a.rgba[i + 2]);
    const faded = 255 - Math.round((255 - grey) * 0.25);
    out.set(differs ? [230, 0, 0, 255] : [faded, faded, faded, 255], i);
  }
  return { ratio: changed / (a.width * a.height), changed, image: { width: a.width, height: a.height, rgba: out } };
}

function main(argv) {
  const args = [...argv];
  const option = (name, fallback) => {
    const i = args.indexOf(name);
    if (i < 0) return fallback;
    return args.splice(i, 2)[1];
  };
  const tolerance = Number(option('--tolerance', '0'));
  const outDir = option('--out', null);
  const [left, right] = args;
  if (!left || !right) {
    console.error('usage: node scripts/pixel-diff.mjs <a.png|dirA> <b.png|dirB> [--tolerance N] [--out DIR]');
    process.exit(2);
  }
  const pairs = statSync(left).isDirectory()
    ? readdirSync(left).filter((f) => f.endsWith('.png')).sort().map((f) => [join(left, f), join(right, f)])
    : [[left, right]];
  if (outDir) mkdirSync(outDir, { recursive: true });
  let worst = 0;
  for (const [a, b] of pairs) {
    if (!existsSync(b)) {
      console.log(`${basename(a).padEnd(28)} missing in ${right}`);
      worst = 1;
      continue;
    }
    const d = diffImages(decodePng(readFileSync(a)), decodePng(readFileSync(b)), tolerance);
    worst = Math.max(worst, d.ratio);
    console.log(`${basename(a).padEnd(28)} ${(d.ratio * 100).toFixed(3).padStart(8)} %  (${d.changed} px)`);
    if (outDir && d.image) writeFileSync(join(outDir, basename(a)), encodePng(d.image));
  }
  process.exitCode = worst >= 0.01 ? 1 : 0;
}

if (import.meta.url === `file://${process.argv[1]}`) main(process.argv.slice(2));
