// Shared by the logs tests: index a file (or bytes written to a temp file) and cut it into records.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LogFormat } from '../../../electron/common/logs.ts';
import { indexFile, type IndexSummary } from '../../../electron/services/logs/indexer.ts';
import { RecordIndex } from '../../../electron/services/logs/index-store.ts';

export const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');
export const imeReal = resolve(repoRoot, 'test/fixtures/ime-real');

export interface Indexed {
  summary: IndexSummary;
  index: RecordIndex;
  records: { offset: number; length: number; level: number; sec: number }[];
  bytes: Buffer;
}

export function indexPath(path: string, opts: { format?: LogFormat; readBytes?: number } = {}): Indexed {
  const index = new RecordIndex();
  const summary = indexFile({ path, format: opts.format, readBytes: opts.readBytes, onChunk: (m) => index.accept(m) });
  const records: Indexed['records'] = [];
  index.walk(0, index.count, (r) => void records.push({ offset: r.offset, length: r.length, level: r.level, sec: r.sec }));
  return { summary, index, records, bytes: readFileSync(path) };
}

export function withTempDir<T>(fn: (dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'sdh-logs-test-'));
  try {
    return fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function indexBytes(bytes: Buffer | string, opts: { format?: LogFormat; readBytes?: number; name?: string } = {}): Indexed {
  return withTempDir((dir) => {
    const p = join(dir, opts.name ?? 'x.log');
    writeFileSync(p, bytes);
    return indexPath(p, opts);
  });
}

/** The record texts (raw bytes as latin1 strings, for exact comparison). */
export function recordSlices(ix: Indexed): Buffer[] {
  return ix.records.map((r) => ix.bytes.subarray(r.offset, r.offset + r.length));
}

/** Every byte in exactly one record, in order. */
export function assertCovers(ix: Indexed): boolean {
  let pos = 0;
  for (const r of ix.records) {
    if (r.offset !== pos || r.length <= 0) return false;
    pos += r.length;
  }
  return pos === ix.bytes.length;
}
