// One file's filter pass: level and time come from the index (no I/O); text, component and thread need
// the bytes, read in record-aligned windows. Runs in a worker; synchronous reads are fine there.
import { closeSync, openSync, readSync } from 'node:fs';
import type { LogEncoding, LogFormat, LogTextQuery } from '../../common/logs.ts';
import { decodeText } from './encoding.ts';
import { parseFields } from './formats/fields.ts';
import type { ChunkMessage } from './index-chunk.ts';
import type { IndexCursor } from './index-cursor.ts';
import { RecordIndex } from './index-store.ts';
import { compileQuery, createMatcher, type TextMatcher } from './match.ts';
import { runEvtxFilter } from './formats/evtx/filter.ts';
import { likeMatcher } from './like-this.ts';
import type { LikeTerm } from '../../common/like-this.ts';

const WINDOW = 1 << 20;
/** A record larger than this is searched in overlapping pieces (its match may then be approximate). */
const PIECE_OVERLAP = 64 << 10;

export interface FileFilter {
  /** Level codes to keep (8 booleans), or null for all. */
  levels: boolean[] | null;
  fromSec: number | null;
  toSec: number | null;
  /** [fromSec, toSec] spans: a record passes inside any of them (null: no such condition). */
  ranges?: [number, number][] | null;
  text: LogTextQuery | null;
  components: string[] | null;
  threads: string[] | null;
  /** Include / exclude records like this (like-this.ts), or null. */
  like?: LikeTerm[] | null;
}

export interface FilterJob {
  path: string;
  encoding: LogEncoding;
  format: LogFormat;
  chunks: ChunkMessage[];
  filter: FileFilter;
  /** Record range [from, to) to test. */
  from: number;
  to: number;
  /** Stop after this many matches (find next). */
  limit: number;
}

export interface FilterHooks {
  onMatches(indices: Uint32Array): void;
  onProgress(scannedRecords: number, bytesDone: number, matches: number): void;
  shouldStop(): boolean;
  /** Told once, before matching, when a regular expression must run on V8 (the host then sets a time budget). */
  onBacktracking?(): void;
}

export function runFilter(job: FilterJob, hooks: FilterHooks): { matches: number; scanned: number; stopped: boolean } {
  const idx = new RecordIndex();
  for (const c of job.chunks) idx.accept(c);
  const f = job.filter;
  const to = Math.min(job.to, idx.count);
  const like = likeMatcher(f.like);
  const needsFields = f.components !== null || f.threads !== null || like !== null;
  const needsBytes = f.text !== null || needsFields;
  if (f.text?.regex && compileQuery(f.text).engine === 'v8') hooks.onBacktracking?.();
  const batch: number[] = [];
  let matches = 0, scanned = 0;
  let stopped = false;
  const flush = (): void => {
    if (batch.length) hooks.onMatches(Uint32Array.from(batch));
    batch.length = 0;
  };
  const indexPass = (c: IndexCursor): boolean => {
    if (f.levels && !f.levels[c.level]) return false;
    if (f.fromSec !== null || f.toSec !== null) {
      if (c.sec !== c.sec) return false;
      if (f.fromSec !== null && c.sec < f.fromSec) return false;
      if (f.toSec !== null && c.sec > f.toSec) return false;
    }
    if (f.ranges && (c.sec !== c.sec || !f.ranges.some(([a, b]) => c.sec >= a && c.sec <= b))) return false;
    return true;
  };
  const fieldsPass = (bytes: Buffer): boolean => {
    if (!needsFields) return true;
    const fields = parseFields(job.format, decodeText(bytes, job.encoding));
    if (f.components && !f.components.includes(fields.component ?? '')) return false;
    if (f.threads && !f.threads.includes(fields.thread ?? '')) return false;
    return !like || like(fields);
  };
  // A record bigger than a window: its fields come from its head and its tail (CMTrace keeps them there).
  const bigFieldsPass = (fd: number, offset: number, length: number): boolean => {
    if (!needsFields) return true;
    const edge = Math.min(length, PIECE_OVERLAP);
    const head = Buffer.alloc(edge), tail = Buffer.alloc(edge);
    readSync(fd, head, 0, edge, offset);
    readSync(fd, tail, 0, edge, offset + length - edge);
    return fieldsPass(Buffer.concat([head, tail]));
  };
  const add = (i: number): boolean => {
    batch.push(i);
    matches++;
    if (batch.length >= 4096) flush();
    return matches >= job.limit;
  };

  if (!needsBytes) {
    const c = idx.cursor(job.from);
    while (c.index + 1 < to && c.next()) {
      scanned++;
      if (indexPass(c) && add(c.index)) break;
      if ((scanned & 0xfffff) === 0) {
        hooks.onProgress(scanned, c.offset, matches);
        if (hooks.shouldStop()) return { matches, scanned, stopped: true };
      }
    }
    flush();
    hooks.onProgress(scanned, idx.bytes, matches);
    return { matches, scanned, stopped };
  }

  if (job.format === 'evtx') {
    const onProgress = (n: number, bytes: number): void => hooks.onProgress(n, bytes, matches);
    const r = runEvtxFilter(idx, { ...job, ...f, like, keep: indexPass, add, progress: onProgress, shouldStop: hooks.shouldStop });
    flush();
    hooks.onProgress(r.scanned, idx.bytes, matches);
    return { matches, scanned: r.scanned, stopped: r.stopped };
  }
  const matcher = f.text ? createMatcher(f.text, job.encoding) : null;
  const fd = openSync(job.path, 'r');
  const buf = matcher?.buffer?.(WINDOW) ?? Buffer.allocUnsafe(WINDOW);
  if (matcher && !matcher.perRecord) {
    try {
      return searchWindows(fd, buf, idx, to, job, matcher, { indexPass, fieldsPass, needsFields, bigFieldsPass: (o, l) => bigFieldsPass(fd, o, l), add, flush, hooks, counts: () => matches });
    } finally {
      closeSync(fd);
    }
  }
  try {
    const c = idx.cursor(job.from);
    let have = c.next() && c.index < to;
    outer: while (have) {
      // A window of whole records starting at the cursor.
      const winStart = c.offset;
      if (c.length > WINDOW) {
        scanned++;
        if (indexPass(c) && bigRecordMatches(fd, c.offset, c.length, buf, matcher) && bigFieldsPass(fd, c.offset, c.length) && add(c.index)) break;
        have = c.next() && c.index < to;
        continue;
      }
      const n = readSync(fd, buf, 0, WINDOW, winStart);
      const win = buf.subarray(0, n);
      matcher?.load(win);
      let searchFrom = 0;
      let hit = matcher && !matcher.perRecord ? matcher.nextHit(0) : null;
      while (have && c.offset + c.length - winStart <= n) {
        const rs = c.offset - winStart, re = rs + c.length;
        scanned++;
        let ok: boolean;
        if (matcher && !matcher.perRecord) {
          if (hit && hit[0] < rs) {
            searchFrom = rs;
            hit = matcher.nextHit(searchFrom);
          }
          ok = hit !== null && hit[0] < re && (hit[1] <= re || matcher.matchesRange(rs, re)) && indexPass(c);
        } else ok = indexPass(c) && (!matcher || matcher.matchesBytes(win.subarray(rs, re)));
        if (ok && fieldsPass(win.subarray(rs, re)) && add(c.index)) break outer;
        have = c.next() && c.index < to;
        // Skip straight to the record holding the next hit when only text matters.
        if (have && matcher && !matcher.perRecord && !hit) {
          while (have && c.offset + c.length - winStart <= n) {
            scanned++;
            have = c.next() && c.index < to;
          }
        }
      }
      hooks.onProgress(scanned, winStart + n, matches);
      if (hooks.shouldStop()) {
        stopped = true;
        break;
      }
      if (n === 0) break;
    }
  } finally {
    closeSync(fd);
  }
  flush();
  hooks.onProgress(scanned, idx.bytes, matches);
  return { matches, scanned, stopped };
}

function bigRecordMatches(fd: number, offset: number, length: number, buf: Buffer, matcher: ReturnType<typeof createMatcher> | null): boolean {
  if (!matcher) return true;
  for (let pos = 0; pos < length; pos += WINDOW - PIECE_OVERLAP) {
    const n = readSync(fd, buf, 0, Math.min(WINDOW, length - pos), offset + pos);
    const piece = buf.subarray(0, n);
    if (matcher.perRecord ? matcher.matchesBytes(piece) : (matcher.load(piece), matcher.matchesRange(0, n))) return true;
    if (pos + n >= length) break;
  }
  return false;
}

interface SearchCtx {
  indexPass(c: IndexCursor): boolean;
  fieldsPass(bytes: Buffer): boolean;
  /** False when no component/thread filter is set (no per-hit copy then). */
  needsFields: boolean;
  bigFieldsPass(offset: number, length: number): boolean;
  add(i: number): boolean;
  flush(): void;
  hooks: FilterHooks;
  counts(): number;
}

/**
 * Text search over windows of whole records: the matcher finds hits in the raw window (native search or
 * one regex pass), and only records holding a hit are looked at, so sparse hits cost no per-record work.
 */
function searchWindows(fd: number, buf: Buffer, idx: RecordIndex, to: number, job: FilterJob, matcher: TextMatcher, ctx: SearchCtx): { matches: number; scanned: number; stopped: boolean } {
  const span = Math.min(matcher.window, WINDOW);
  let r = job.from;
  let scanned = 0;
  // One cursor walks forward through all windows; it is only re-created to jump over long hit-free runs.
  let c = idx.cursor(r);
  let have = c.next();
  const rangeEnd = to < idx.count ? (idx.get(to)?.offset ?? idx.bytes) : idx.bytes;
  while (r < to && have) {
    if (c.index > r || r - c.index > 64) {
      c = idx.cursor(r); // hit-free run: jump instead of stepping record by record
      have = c.next();
    } else while (have && c.index < r) have = c.next();
    if (!have) break;
    const winStart = c.offset;
    if (c.length > span) {
      scanned++;
      if (ctx.indexPass(c) && bigRecordMatches(fd, c.offset, c.length, buf, matcher) && ctx.bigFieldsPass(c.offset, c.length) && ctx.add(r)) break;
      r++;
      continue;
    }
    const n = readSync(fd, buf, 0, span, winStart);
    // The window ends at the last whole record it holds, or at the end of the range.
    let endRec = to, winEnd = rangeEnd;
    if (winStart + n < rangeEnd) {
      const at = idx.locate(winStart + n);
      endRec = at.index;
      winEnd = at.start;
    }
    matcher.load(buf.subarray(0, winEnd - winStart));
    let from = 0;
    let full = false;
    let hits = 0;
    for (let hit = matcher.nextHit(0); hit && have; hit = matcher.nextHit(from)) {
      // Each candidate may cost a regex run: the stop flag is read every few, not only per window.
      if ((++hits & 31) === 0) {
        ctx.hooks.onProgress(scanned + (c.index - r), c.offset, ctx.counts());
        if (ctx.hooks.shouldStop()) {
          ctx.flush();
          return { matches: ctx.counts(), scanned, stopped: true };
        }
      }
      const abs = winStart + hit[0];
      if (abs >= winEnd) break;
      have = c.seek(abs);
      if (!have || c.index >= endRec) break;
      const rs = c.offset - winStart, re = rs + c.length;
      if (ctx.indexPass(c) && (hit[1] <= re || matcher.matchesRange(rs, re)) && (!ctx.needsFields || ctx.fieldsPass(buf.subarray(rs, re))) && ctx.add(c.index)) {
        full = true;
        break;
      }
      from = re;
    }
    scanned += endRec - r;
    r = endRec;
    ctx.hooks.onProgress(scanned, winEnd, ctx.counts());
    if (full) break;
    if (ctx.hooks.shouldStop()) {
      ctx.flush();
      return { matches: ctx.counts(), scanned, stopped: true };
    }
    if (n === 0) break;
  }
  ctx.flush();
  ctx.hooks.onProgress(scanned, idx.bytes, ctx.counts());
  return { matches: ctx.counts(), scanned, stopped: false };
}
