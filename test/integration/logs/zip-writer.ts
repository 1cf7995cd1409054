// Zips for the source tests (stored or deflated entries, optional Unix mode), so they can build hostile
// archives that ordinary tools refuse to make; the demo tenant's writer does the writing.
import { writeZip } from '../../../electron/services/demo/logs/zip.ts';

export interface ZipEntrySpec {
  name: string;
  data: Buffer | string;
  deflate?: boolean;
  /** Unix mode, e.g. 0o120777 for a symlink. */
  mode?: number;
}

export function buildZip(entries: ZipEntrySpec[]): Buffer {
  const files = entries.map((e) => ({ name: e.name, data: Buffer.isBuffer(e.data) ? e.data : Buffer.from(e.data), stored: !e.deflate, mode: e.mode ?? 0o100644 }));
  return writeZip(files, new Date(Date.UTC(1980, 0, 1)));
}
