// Index chunks on disk: the worker that indexes a file writes each full chunk to a spill file of its own
// with one write (the chunk's buffer and its side tables), and hands out where it lies instead of its
// memory; main and the jobs read a chunk back when a record in it is wanted (index-store.ts keeps a few).
// So the part of the index that grows with the file lives on disk. A spill file holds record lengths,
// levels and times only, never a record's text.
import { closeSync, existsSync, mkdirSync, openSync, readSync, writeFileSync, writevSync } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { CHUNK_BYTES, CHUNK_RECORDS, Escapes, endOffset, views, type Chunk, type ChunkMessage, type SpillRef } from './index-chunk.ts';
import { OWNER_FILE, removeLeftoverFolders } from './extraction-folders.ts';

/** Session folders of spill files in the temp folder; a folder names its owner process (OWNER_FILE). */
export const SPILL_PREFIX = 'sdh-logs-index-';

/** Bytes of a spilled chunk: the chunk buffer, big lengths (f64 pairs), escape seconds (f64), escape records (u32). */
export function spilledBytes(big: number, escapes: number): number {
  return CHUNK_BYTES + big * 16 + escapes * 12;
}

function escapeTable(e: ChunkMessage['escapes']): { idx: Uint32Array; sec: Float64Array } {
  if (!Array.isArray(e)) return e;
  return { idx: Uint32Array.from(e, ([i]) => i), sec: Float64Array.from(e, ([, s]) => s) };
}

/**
 * Worker side: writes full chunks one after another into `path` (created at the first). A chunk that
 * cannot be written (disk full, no folder) stays in memory, its message saying why.
 */
export class SpillWriter {
  private fd = -1;
  private at = 0;

  constructor(readonly path: string) {}

  /** The message of a chunk written to disk (no SAB), or `msg` itself with `spillError` set. */
  spill(msg: ChunkMessage): ChunkMessage {
    if (!msg.sab) return msg;
    const esc = escapeTable(msg.escapes);
    const side = new ArrayBuffer(msg.big.length * 16 + esc.idx.length * 12);
    const bigs = new Float64Array(side, 0, msg.big.length * 2);
    msg.big.forEach(([i, len], k) => {
      bigs[2 * k] = i;
      bigs[2 * k + 1] = len;
    });
    new Float64Array(side, msg.big.length * 16, esc.idx.length).set(esc.sec);
    new Uint32Array(side, msg.big.length * 16 + esc.idx.length * 8, esc.idx.length).set(esc.idx);
    const bytes = CHUNK_BYTES + side.byteLength;
    try {
      if (this.fd < 0) {
        // The session's folder is made by the first spill (a small file's session needs none).
        const dir = dirname(this.path);
        mkdirSync(dir, { recursive: true, mode: 0o700 });
        if (!existsSync(join(dir, OWNER_FILE))) writeFileSync(join(dir, OWNER_FILE), String(process.pid));
        this.fd = openSync(this.path, 'w', 0o600);
      }
      let parts = [new Uint8Array(msg.sab), new Uint8Array(side)];
      for (let done = 0; done < bytes; ) {
        const n = writevSync(this.fd, parts, this.at + done);
        done += n;
        if (done < bytes) parts = [Buffer.concat(parts).subarray(n)];
      }
    } catch (err) {
      return { ...msg, spillError: err instanceof Error ? err.message : String(err) };
    }
    const chunk = readBack(msg, msg.sab, esc);
    const ref: SpillRef = { path: this.path, at: this.at, big: msg.big.length, escapes: esc.idx.length, end: endOffset(chunk) };
    this.at += bytes;
    return { seq: msg.seq, start: msg.start, count: msg.count, spill: ref, big: [], escapes: [] };
  }

  close(): void {
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
  }
}

function readBack(msg: { start: number; count: number; big: [number, number][] }, sab: ArrayBufferLike, esc: { idx: Uint32Array; sec: Float64Array }): Chunk {
  return { sab, start: msg.start, count: msg.count, ...views(sab), big: new Map(msg.big), escapes: Escapes.from(esc) };
}

/** Reads a spilled chunk back (synchronously: 50 KB from the page cache, as a window read costs). */
export function readSpilled(ref: SpillRef, start: number, count: number): Chunk {
  const buf = new ArrayBuffer(spilledBytes(ref.big, ref.escapes));
  const bytes = new Uint8Array(buf);
  const fd = openSync(ref.path, 'r');
  try {
    for (let done = 0; done < bytes.length; ) {
      const n = readSync(fd, bytes, done, bytes.length - done, ref.at + done);
      if (n === 0) throw new Error(`The index spill file ${ref.path} ends early.`);
      done += n;
    }
  } finally {
    closeSync(fd);
  }
  const bigs = new Float64Array(buf, CHUNK_BYTES, ref.big * 2);
  const big: [number, number][] = Array.from({ length: ref.big }, (_, k) => [bigs[2 * k], bigs[2 * k + 1]]);
  const sec = new Float64Array(buf, CHUNK_BYTES + ref.big * 16, ref.escapes);
  const idx = new Uint32Array(buf, CHUNK_BYTES + ref.big * 16 + ref.escapes * 8, ref.escapes);
  return readBack({ start, count, big }, buf, { idx, sec });
}

/**
 * A session's spill folder in `tempDir` (made, naming this process as its owner, by the first chunk
 * spilled), the paths of its files, and its removal.
 */
export function spillFolder(tempDir: string): { dir: string; file: (name: string) => string; remove: () => Promise<void> } {
  const dir = join(tempDir, `${SPILL_PREFIX}${randomUUID()}`);
  return { dir, file: (name) => join(dir, `${name}-${randomUUID().slice(0, 8)}.idx`), remove: () => rm(dir, { recursive: true, force: true }) };
}

/** Removes spill folders left by processes that ended without closing their sessions (start-up sweep). */
export function removeLeftoverSpills(tempDir: string): Promise<number> {
  return removeLeftoverFolders(tempDir, SPILL_PREFIX);
}

/** The folders left in `tempDir` (tests). */
export async function spillFolders(tempDir: string): Promise<string[]> {
  return (await readdir(tempDir).catch(() => [] as string[])).filter((n) => n.startsWith(SPILL_PREFIX));
}

/**
 * The part of the index job that spills, for the worker: wraps `onChunk` so full chunks go to disk first;
 * it answers true when the chunk went to disk (IndexBuilder may then reuse its SAB).
 */
export function spillingSink(path: string | undefined, onChunk: (msg: ChunkMessage) => void): { onChunk: (msg: ChunkMessage) => boolean; close: () => void } {
  if (!path) return { onChunk: (msg) => (onChunk(msg), false), close: () => {} };
  const w = new SpillWriter(path);
  return {
    onChunk: (msg) => {
      const out = msg.count === CHUNK_RECORDS ? w.spill(msg) : msg;
      onChunk(out);
      return out.spill !== undefined;
    },
    close: () => w.close(),
  };
}
