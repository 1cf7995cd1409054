// Shared by the event log tests: a sample indexed and every record read back as the viewer shows it.
import { closeSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { EvtxChunkCache, readEvtxRecord, type EvtxShown } from '../../../electron/services/logs/formats/evtx/read.ts';
import { indexPath, repoRoot, type Indexed } from './helpers.ts';

export const evtxDir = join(repoRoot, 'test/fixtures/evtx');

/** Every record of a sample, indexed and read back as the viewer shows it. */
export function readAll(name: string): { ix: Indexed; shown: EvtxShown[] } {
  const path = join(evtxDir, name);
  const ix = indexPath(path);
  const fd = openSync(path, 'r');
  try {
    const cache = new EvtxChunkCache(fd);
    return { ix, shown: ix.records.map((r) => readEvtxRecord(cache, r.offset, r.length)) };
  } finally {
    closeSync(fd);
  }
}
