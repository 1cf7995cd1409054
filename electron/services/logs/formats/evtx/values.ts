// Template values of an EVTX event as text (value types from libyal's EVTX format description): integers,
// hexadecimal integers, GUIDs, SIDs, FILETIME and SYSTEMTIME stamps, strings and their arrays.

/** FILETIME (100 ns ticks since 1601) to Unix ms. */
export function filetimeMs(lo: number, hi: number): number {
  return (hi * 4294967296 + lo) / 10000 - 11644473600000;
}

export function isoUtc(ms: number): string {
  if (!Number.isFinite(ms) || Math.abs(ms) > 8.64e15) return '';
  return new Date(ms).toISOString();
}

function guid(b: Buffer, p: number): string {
  const h = (s: number, e: number): string => b.subarray(s, e).toString('hex');
  const le = (s: number, n: number): string => Buffer.from(b.subarray(s, s + n)).reverse().toString('hex');
  return `{${le(p, 4)}-${le(p + 4, 2)}-${le(p + 6, 2)}-${h(p + 8, p + 10)}-${h(p + 10, p + 16)}}`.toUpperCase();
}

function sid(b: Buffer, p: number, size: number): string {
  if (size < 8) return '';
  const n = b[p + 1];
  let auth = 0;
  for (let k = 2; k < 8; k++) auth = auth * 256 + b[p + k];
  const parts = [`S-${b[p]}-${auth}`];
  for (let k = 0; k < n && 8 + k * 4 + 4 <= size; k++) parts.push(String(b.readUInt32LE(p + 8 + k * 4)));
  return parts.join('-');
}

function systemtime(b: Buffer, p: number): string {
  const [y, mo, , d, h, mi, s, ms] = Array.from({ length: 8 }, (_, k) => b.readUInt16LE(p + k * 2));
  return isoUtc(Date.UTC(y, mo - 1, d, h, mi, s, ms));
}

const FIXED: Record<number, number> = { 3: 1, 4: 1, 5: 2, 6: 2, 7: 4, 8: 4, 9: 8, 10: 8, 11: 4, 12: 8, 13: 4, 15: 16, 17: 8, 18: 16, 20: 4, 21: 8 };

/** One scalar of type `t` at `p` (`size` bytes). */
function scalar(b: Buffer, t: number, p: number, size: number): string {
  switch (t) {
    case 0x00: return '';
    case 0x01: return b.toString('utf16le', p, p + (size & ~1)).replace(/\0+$/, '');
    case 0x02: return b.toString('latin1', p, p + size).replace(/\0+$/, '');
    case 0x03: return String(b.readInt8(p));
    case 0x04: return String(b[p]);
    case 0x05: return String(b.readInt16LE(p));
    case 0x06: return String(b.readUInt16LE(p));
    case 0x07: return String(b.readInt32LE(p));
    case 0x08: return String(b.readUInt32LE(p));
    case 0x09: return String(b.readBigInt64LE(p));
    case 0x0a: return String(b.readBigUInt64LE(p));
    case 0x0b: return String(b.readFloatLE(p));
    case 0x0c: return String(b.readDoubleLE(p));
    case 0x0d: return b.readUInt32LE(p) ? 'true' : 'false';
    case 0x0e: return b.toString('hex', p, p + size).toUpperCase();
    case 0x0f: return guid(b, p);
    case 0x10: return size === 4 ? `0x${b.readUInt32LE(p).toString(16)}` : `0x${b.readBigUInt64LE(p).toString(16)}`;
    case 0x11: return isoUtc(filetimeMs(b.readUInt32LE(p), b.readUInt32LE(p + 4)));
    case 0x12: return systemtime(b, p);
    case 0x13: return sid(b, p, size);
    case 0x14: return `0x${b.readUInt32LE(p).toString(16)}`;
    case 0x15: return `0x${b.readBigUInt64LE(p).toString(16).padStart(16, '0')}`;
    default: return b.toString('hex', p, p + size).toUpperCase();
  }
}

/** A value as text; arrays join their items with ", ". Bad sizes give '' instead of throwing. */
export function valueText(b: Buffer, type: number, p: number, size: number): string {
  if (size === 0 || p < 0 || p + size > b.length) return '';
  const t = type & 0x7f;
  const fixed = FIXED[t];
  if (!(type & 0x80)) return fixed !== undefined && size < fixed ? '' : scalar(b, t, p, size);
  if (t === 0x01) return b.toString('utf16le', p, p + (size & ~1)).replace(/\0+$/, '').split('\0').join(', ');
  if (t === 0x02) return b.toString('latin1', p, p + size).replace(/\0+$/, '').split('\0').join(', ');
  const step = fixed ?? (t === 0x10 ? 8 : t === 0x13 ? 0 : 1);
  if (step === 0) return b.toString('hex', p, p + size).toUpperCase();
  const items: string[] = [];
  for (let q = p; q + step <= p + size && items.length < 4096; q += step) items.push(scalar(b, t, q, step));
  return items.join(', ');
}
