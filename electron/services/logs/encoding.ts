// Text encodings of log files. The indexer works on "narrow units": one byte per character position
// (UTF-8 bytes as they are; a UTF-16 code unit becomes its low byte, or '?' above U+00FF). All record
// headers are ASCII, so the same recognisers serve every encoding; offsets are units × unitSize.
import type { LogEncoding } from '../../common/logs.ts';

export interface EncodingInfo {
  encoding: LogEncoding;
  /** Length of the byte-order mark in bytes (it belongs to the first record). */
  bomBytes: number;
  unitSize: 1 | 2;
}

export function detectEncoding(head: Uint8Array): EncodingInfo {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8-bom', bomBytes: 3, unitSize: 1 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', bomBytes: 2, unitSize: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', bomBytes: 2, unitSize: 2 };
  return { encoding: 'utf-8', bomBytes: 0, unitSize: 1 };
}

/** Writes the narrow units of UTF-16 bytes `src` (even length) into `dst` at `at`; returns the unit count. */
export function narrowUtf16(src: Uint8Array, dst: Uint8Array, at: number, bigEndian: boolean): number {
  const n = src.length >> 1;
  const lo = bigEndian ? 1 : 0, hi = bigEndian ? 0 : 1;
  for (let i = 0, j = 0; i < n; i++, j += 2) dst[at + i] = src[j + hi] === 0 ? src[j + lo] : 63;
  return n;
}

/** Decodes raw bytes of whole code units to text, dropping a byte-order mark at the front. */
export function decodeText(bytes: Buffer, encoding: LogEncoding): string {
  let text: string;
  if (encoding === 'utf-16le') text = bytes.toString('utf16le', 0, bytes.length & ~1);
  else if (encoding === 'utf-16be') {
    const copy = Buffer.from(bytes.subarray(0, bytes.length & ~1));
    text = copy.swap16().toString('utf16le');
  } else text = bytes.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Encodes a search needle the way it is stored in a file of this encoding (no BOM). */
export function encodeText(text: string, encoding: LogEncoding): Buffer {
  if (encoding === 'utf-16le') return Buffer.from(text, 'utf16le');
  if (encoding === 'utf-16be') return Buffer.from(text, 'utf16le').swap16();
  return Buffer.from(text, 'utf8');
}
