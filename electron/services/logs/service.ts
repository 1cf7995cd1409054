// The logs service: sessions over files, folders and zips; indexing in worker threads while the first
// records are already served; windows, filters, find, histogram, stats and the reassignment explainer.
import { randomUUID } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { closeSync, openSync, readSync } from 'node:fs';
import { open as openFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import {
  logLevels,
  type HistogramBucket,
  type LevelCounts,
  type LogFileInfo,
  type LogFileStats,
  type LogFilterResult,
  type LogFilterSpec,
  type LogFormat,
  type LogProgress,
  type LogRecord,
  type LogSessionInfo,
  type ReassignmentAttempt,
  type Win32AppAttempt,
} from '../../common/logs.ts';
import { AppError } from '../../common/errors.ts';
import { decodeText } from './encoding.ts';
import { parseFields } from './formats/fields.ts';
import { formatSpec } from './formats/table.ts';
import { IndexBuilder, RecordIndex, type ChunkMessage } from './index-store.ts';
import { findSplit, indexFile, sniffBytes, type IndexSummary } from './indexer.ts';
import { createScanner } from './scanner.ts';
import { resolveSources, type ZipLimits } from './sources.ts';
import { ConcatView, FilteredView, MergedView, SingleFileView, SubSecondReader, type RecordRef, type View } from './views.ts';
import { WorkerPool, defaultWorkerUrl, type WorkerMessage } from './worker-host.ts';
import { runFilter, type FileFilter, type FilterJob } from './filter.ts';
import { ReassignmentExplainer } from './reassignment/explain.ts';
import { Win32AppSummary } from './ime/win32-apps.ts';

export interface LogsServiceOptions {
  /** Where zip entries are extracted (a private folder is made inside and removed on close). */
  tempDir: string;
  /** Worker entry; the packaged app points this at its bundled `.mjs`. */
  workerUrl?: URL;
  zipLimits?: Partial<ZipLimits>;
  /** Folder and zip patterns, e.g. `*.log`. */
  include?: string[];
  /** Largest message returned in a window; longer ones come back truncated (see `detail`). */
  maxMessageChars?: number;
  /** Bytes read up front so the first screen does not wait for the worker. */
  firstScreenBytes?: number;
  /**
   * Work smaller than this many bytes runs in the calling thread (a few ms), saving a worker start;
   * bigger files and scans always go to a worker.
   */
  inProcessBytes?: number;
  /** Worker threads (default: up to 2). A big file is indexed and searched in that many parts. */
  workers?: number;
  /** Files above this are indexed in parts, one per worker (default 64 MB). */
  splitBytes?: number;
}

export interface OpenOptions {
  signal?: AbortSignal;
  onProgress?: (p: LogProgress) => void;
  /** Force a format instead of detecting it. */
  format?: LogFormat;
}

interface FileState {
  info: LogFileInfo;
  fsPath: string;
  unitSize: 1 | 2;
  index: RecordIndex;
  /** Records of the first bytes, scanned in main while the worker starts. */
  early: RecordIndex;
  summary: IndexSummary | null;
  indexed: Promise<void>;
  /** Inode seen at open, to notice a rotated (replaced) file. */
  ino: number;
}

interface Session {
  id: string;
  files: FileState[];
  problems: string[];
  cleanup: () => Promise<void>;
  abort: AbortController;
  merged: MergedView | null;
  mergedReady: Promise<void>;
  views: Map<string, FilteredView>;
}

function concat(parts: Uint32Array[]): Uint32Array {
  const all = new Uint32Array(parts.reduce((a, p) => a + p.length, 0));
  let at = 0;
  for (const p of parts) {
    all.set(p, at);
    at += p.length;
  }
  return all;
}

/** Filter results kept per session: the current one and a few before it. */
const KEPT_VIEWS = 4;

const levelCode = new Map(logLevels.map((l, i) => [l, i]));

export class LogsService {
  private readonly sessions = new Map<string, Session>();
  private readonly pool: WorkerPool;
  private readonly maxChars: number;
  private readonly inProcessBytes: number;

  constructor(private readonly opts: LogsServiceOptions) {
    this.pool = new WorkerPool(opts.workerUrl ?? defaultWorkerUrl, opts.workers ?? Math.max(1, Math.min(2, availableParallelism())));
    this.maxChars = opts.maxMessageChars ?? 256 * 1024;
    this.inProcessBytes = opts.inProcessBytes ?? 4 * 1024 * 1024;
  }

  /** Opens files, folders, zips and `a.zip!/entry` paths. Resolves once the first records can be shown. */
  async open(sources: string[], o: OpenOptions = {}): Promise<LogSessionInfo> {
    const resolved = await resolveSources(sources, {
      tempDir: this.opts.tempDir,
      include: this.opts.include,
      limits: this.opts.zipLimits,
      signal: o.signal,
      onExtract: (bytesDone, bytesTotal) => o.onProgress?.({ phase: 'extract', bytesDone, bytesTotal, records: 0, done: false }),
    });
    if (resolved.files.length === 0) {
      await resolved.cleanup();
      throw new AppError('invalid_input', resolved.problems.length ? `No log could be opened. ${resolved.problems.join(' ')}` : 'No log files were found in what was opened.');
    }
    const abort = new AbortController();
    o.signal?.addEventListener('abort', () => abort.abort(), { once: true });
    const session: Session = {
      id: randomUUID(),
      files: [],
      problems: resolved.problems,
      cleanup: resolved.cleanup,
      abort,
      merged: null,
      mergedReady: Promise.resolve(),
      views: new Map(),
    };
    for (const f of resolved.files) {
      try {
        session.files.push(await this.openFile(f.displayPath, f.fsPath, session.files.length, abort.signal, o));
      } catch (err) {
        session.problems.push(`${f.displayPath}: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    if (session.files.length === 0) {
      await resolved.cleanup();
      throw new AppError('invalid_input', `No log could be opened. ${session.problems.join(' ')}`);
    }
    this.sessions.set(session.id, session);
    if (session.files.length > 1) {
      session.mergedReady = this.remerge(session, o.onProgress);
      session.mergedReady.catch(() => {}); // surfaced by whenIndexed
    }
    return this.info(session);
  }

  private async openFile(display: string, fsPath: string, n: number, signal: AbortSignal, o: OpenOptions): Promise<FileState> {
    const st = await stat(fsPath);
    const size = st.size;
    // First screen: scan the first bytes here; the worker's index replaces it as soon as it has records.
    const fh = await openFile(fsPath, 'r');
    const head = Buffer.alloc(Math.min(size, this.opts.firstScreenBytes ?? 256 * 1024));
    try {
      await fh.read(head, 0, head.length, 0);
    } finally {
      await fh.close();
    }
    const sniffed = sniffBytes(head);
    const format = o.format ?? sniffed.format;
    const early = new RecordIndex();
    const builder = new IndexBuilder((m) => early.accept(m));
    const scanner = createScanner(formatSpec(format), sniffed.unitSize === 2 ? 1 : sniffed.bomBytes);
    if (sniffed.unitSize === 1) scanner.scan(head, 0, head.length === size, { push: (u, l, s) => builder.push(u, l, s) });
    builder.flush();
    const state: FileState = {
      info: { path: display, format, encoding: sniffed.encoding, bytes: size, columns: formatSpec(format).columns, offsetMinutes: 0 },
      fsPath,
      unitSize: sniffed.unitSize,
      index: new RecordIndex(),
      early,
      summary: null,
      indexed: Promise.resolve(),
      ino: st.ino,
    };
    const report = (bytesDone: number, records: number, done: boolean): void =>
      o.onProgress?.({ phase: 'index', file: n, bytesDone, bytesTotal: size, records, done });
    const job = size <= this.inProcessBytes ? Promise.resolve().then(() => indexFile({ path: fsPath, format, endByte: size, onChunk: (m) => state.index.accept(m) })) : this.indexInParts(state, format, size, report, signal);
    state.indexed = job.then((summary: IndexSummary) => {
      state.summary = summary;
      report(size, summary.records, true);
    });
    state.indexed.catch(() => {}); // surfaced by whenIndexed
    return state;
  }

  /** Indexes in one worker, or in parts on several (split at record starts), assembling in file order. */
  private async indexInParts(state: FileState, format: LogFormat, size: number, report: (done: number, records: number, fin: boolean) => void, signal: AbortSignal): Promise<IndexSummary> {
    const n = state.unitSize === 1 && size >= (this.opts.splitBytes ?? 64 * 1024 * 1024) ? this.pool.size : 1;
    const bounds = [0];
    for (let k = 1; k < n; k++) {
      const at = findSplit(state.fsPath, format, Math.floor((size * k) / n));
      if (at !== null && at > bounds[bounds.length - 1] && at < size) bounds.push(at);
    }
    bounds.push(size);
    const parts = bounds.length - 1;
    // Part k's chunks wait until parts before it are complete, then follow them.
    const seqBase: (number | null)[] = bounds.slice(1).map((_, k) => (k === 0 ? 0 : null));
    const held: ChunkMessage[][] = bounds.slice(1).map(() => []);
    const done: boolean[] = bounds.slice(1).map(() => false);
    const progress = new Array<number>(parts).fill(0), records = new Array<number>(parts).fill(0);
    const release = (): void => {
      for (let k = 1; k < parts; k++) {
        if (seqBase[k] === null && done.slice(0, k).every(Boolean)) {
          seqBase[k] = state.index.chunkCount;
          for (const m of held[k].splice(0)) state.index.accept(m, seqBase[k] ?? 0);
        }
      }
    };
    const summaries = await Promise.all(
      bounds.slice(1).map((end, k) =>
        this.pool
          .run<IndexSummary>(
            { kind: 'index', path: state.fsPath, format, startByte: bounds[k], endByte: end },
            (msg: WorkerMessage) => {
              if (msg.type === 'chunks') {
                const base = seqBase[k];
                for (const chunk of msg.chunks as ChunkMessage[]) {
                  if (base === null) held[k].push(chunk);
                  else state.index.accept(chunk, base);
                }
              } else if (msg.type === 'progress') {
                progress[k] = (msg.bytesDone as number) - bounds[k];
                records[k] = msg.records as number;
                report(progress.reduce((a, b) => a + b, 0), records.reduce((a, b) => a + b, 0), false);
              }
            },
            signal,
          )
          .then((summary) => {
            done[k] = true;
            release();
            return summary;
          }),
      ),
    );
    return {
      ...summaries[0],
      bytes: size,
      records: summaries.reduce((a, x) => a + x.records, 0),
      levelCounts: summaries[0].levelCounts.map((_, i) => summaries.reduce((a, x) => a + x.levelCounts[i], 0)),
      stopped: summaries.some((x) => x.stopped),
    };
  }

  private async remerge(s: Session, onProgress?: (p: LogProgress) => void): Promise<void> {
    await Promise.all(s.files.map((f) => f.indexed));
    if (s.files.length > 255) return; // shown one after another
    const indexes = s.files.map((f) => f.index);
    const total = indexes.reduce((a, i) => a + i.count, 0);
    onProgress?.({ phase: 'merge', bytesDone: 0, bytesTotal: total, records: 0, done: false });
    // Records of different files in the same second are ordered by their milliseconds, read on demand.
    const fds = s.files.map((f) => openSync(f.fsPath, 'r'));
    try {
      const readers = s.files.map((f, i) => new SubSecondReader((buf, pos) => readSync(fds[i], buf, 0, buf.length, pos), f.info.format === 'cmtrace', f.unitSize === 2));
      s.merged = await MergedView.build(indexes, s.files.map((f) => f.info.offsetMinutes * 60), s.abort.signal, (file, r) => readers[file].ms(r));
    } finally {
      for (const fd of fds) closeSync(fd);
    }
    s.views.clear(); // filtered views referred to the old order
    onProgress?.({ phase: 'merge', bytesDone: total, bytesTotal: total, records: total, done: true });
  }

  private session(id: string): Session {
    const s = this.sessions.get(id);
    if (!s) throw new AppError('not_found', 'This log session is closed; open the logs again.');
    return s;
  }

  private info(s: Session): LogSessionInfo {
    return { id: s.id, files: s.files.map((f) => f.info), problems: s.problems };
  }

  private indexOf(f: FileState): RecordIndex {
    return f.summary || f.index.count >= f.early.count ? f.index : f.early;
  }

  /** Resolves when every file is indexed (and merged, for several files). */
  async whenIndexed(id: string): Promise<LogSessionInfo> {
    const s = this.session(id);
    await Promise.all(s.files.map((f) => f.indexed));
    await s.mergedReady;
    return this.info(s);
  }

  private view(s: Session, viewId?: string): View {
    if (viewId) {
      const v = s.views.get(viewId);
      if (!v) throw new AppError('not_found', 'This filter result is gone (the view was re-merged); apply the filter again.');
      return v;
    }
    if (s.files.length === 1) return new SingleFileView(() => this.indexOf(s.files[0]));
    return s.merged ?? new ConcatView(() => s.files.map((f) => this.indexOf(f)));
  }

  count(id: string, viewId?: string): number {
    return this.view(this.session(id), viewId).count();
  }

  /** Records at view positions [first, first + count). */
  async window(id: string, first: number, count: number, viewId?: string): Promise<{ total: number; records: LogRecord[] }> {
    const s = this.session(id);
    const v = this.view(s, viewId);
    const refs = v.refs(Math.max(0, first), Math.max(0, Math.min(count, 10000)));
    const records = await this.read(s, refs, this.maxChars);
    records.forEach((r, k) => (r.position = first + k));
    return { total: v.count(), records };
  }

  /** One record with up to `maxChars` of its message (the detail pane). */
  async detail(id: string, position: number, viewId?: string, maxChars = 16 * 1024 * 1024): Promise<LogRecord | null> {
    const s = this.session(id);
    const refs = this.view(s, viewId).refs(position, 1);
    const [r] = await this.read(s, refs, maxChars);
    if (r) r.position = position;
    return r ?? null;
  }

  private async read(s: Session, refs: RecordRef[], maxChars: number): Promise<LogRecord[]> {
    const out: LogRecord[] = new Array(refs.length);
    const byFile = new Map<number, number[]>();
    refs.forEach((r, k) => byFile.set(r.file, [...(byFile.get(r.file) ?? []), k]));
    for (const [file, ks] of byFile) {
      const f = s.files[file];
      const idx = this.indexOf(f);
      const fh = await openFile(f.fsPath, 'r');
      try {
        for (const k of ks) {
          const rec = idx.get(refs[k].index);
          if (!rec) continue;
          const cap = Math.min(rec.length, maxChars * 4 + 8);
          const bytes = Buffer.alloc(cap);
          const { bytesRead } = await fh.read(bytes, 0, cap, rec.offset);
          let text = decodeText(bytes.subarray(0, bytesRead & (f.unitSize === 2 ? ~1 : ~0)), f.info.encoding);
          const truncated = cap < rec.length || text.length > maxChars;
          if (text.length > maxChars) text = text.slice(0, maxChars);
          const level = logLevels[rec.level];
          let fields = level === 'unparsed' ? { time: null, timeMs: null, message: text } : parseFields(f.info.format, text);
          if (cap < rec.length && f.info.format === 'cmtrace' && level !== 'unparsed') {
            // A huge CMTrace record keeps its time and component in the trailer at the end: read that too.
            const tail = Buffer.alloc(Math.min(rec.length, 8192));
            await fh.read(tail, 0, tail.length, rec.offset + rec.length - tail.length);
            const t = parseFields('cmtrace', decodeText(tail, f.info.encoding));
            fields = { ...t, message: parseFields('cmtrace', `${text}]LOG]!>`).message };
          }
          out[k] = {
            position: 0,
            file,
            index: rec.index,
            offset: rec.offset,
            length: rec.length,
            level,
            time: fields.time,
            timeMs: fields.timeMs === null ? null : fields.timeMs + f.info.offsetMinutes * 60000,
            component: fields.component,
            thread: fields.thread,
            source: fields.source,
            message: fields.message.replace(/\r?\n$/, '').replace(/\r$/, ''),
            truncated,
          };
        }
      } finally {
        await fh.close();
      }
    }
    return out.filter(Boolean);
  }

  /** Sets a file's time offset for merged views and rebuilds the merge. */
  async setOffset(id: string, file: number, minutes: number, onProgress?: (p: LogProgress) => void): Promise<void> {
    const s = this.session(id);
    const f = s.files[file];
    if (!f) throw new AppError('bad_argument', 'No such file in this session.');
    f.info.offsetMinutes = minutes;
    if (s.files.length > 1) await (s.mergedReady = this.remerge(s, onProgress));
  }

  private fileFilter(spec: LogFilterSpec, f: FileState): FileFilter {
    const off = f.info.offsetMinutes * 60;
    return {
      levels: spec.levels ? logLevels.map((l) => spec.levels?.includes(l) ?? true) : null,
      fromSec: spec.fromMs !== undefined ? Math.floor(spec.fromMs / 1000) - off : null,
      toSec: spec.toMs !== undefined ? Math.floor(spec.toMs / 1000) - off : null,
      text: spec.text ? { pattern: spec.text.pattern, regex: spec.text.regex ?? false, caseSensitive: spec.text.caseSensitive ?? false } : null,
      components: spec.components ?? null,
      threads: spec.threads ?? null,
    };
  }

  private async filterFile(s: Session, file: number, spec: LogFilterSpec, from: number, to: number, limit: number, onMatches: (n: number, scanned: number) => void, signal?: AbortSignal): Promise<Uint32Array> {
    const f = s.files[file];
    await f.indexed;
    const base: FilterJob = {
      path: f.fsPath,
      encoding: f.info.encoding,
      format: f.info.format,
      chunks: f.index.exportChunks(),
      filter: this.fileFilter(spec, f),
      from,
      to: Math.min(to, f.index.count),
      limit,
    };
    const span = base.to - from;
    if ((span / Math.max(1, f.index.count)) * f.info.bytes <= this.inProcessBytes && !signal?.aborted) {
      const parts: Uint32Array[] = [];
      const res = runFilter(base, { onMatches: (m) => parts.push(m), onProgress: (scanned, _b, matches) => onMatches(matches, scanned), shouldStop: () => false });
      onMatches(res.matches, res.scanned);
      return concat(parts);
    }
    // Big spans are cut into one record range per worker; results come back in range order.
    const n = span > 100_000 && limit === Infinity ? this.pool.size : 1;
    const ranges = Array.from({ length: n }, (_, k) => [from + Math.floor((span * k) / n), from + Math.floor((span * (k + 1)) / n)]);
    const matches = ranges.map(() => 0), scanned = ranges.map(() => 0);
    const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);
    const results = await Promise.all(
      ranges.map(async ([a, b], k) => {
        const parts: Uint32Array[] = [];
        const res = await this.pool.run<{ matches: number; scanned: number; stopped: boolean }>(
          { kind: 'filter', job: { ...base, from: a, to: b } },
          (msg: WorkerMessage) => {
            if (msg.type === 'matches') parts.push(msg.indices as Uint32Array);
            else if (msg.type === 'progress') {
              matches[k] = msg.matches as number;
              scanned[k] = msg.scanned as number;
              onMatches(sum(matches), sum(scanned));
            }
          },
          signal,
        );
        if (res.stopped && signal?.aborted) throw new AppError('cancelled', 'The filter was cancelled.');
        matches[k] = res.matches;
        scanned[k] = res.scanned;
        return concat(parts);
      }),
    );
    onMatches(sum(matches), sum(scanned));
    return concat(results);
  }

  /** Filters the session's records; counts stream through `onProgress`; the result is a view for `window`. */
  async filter(id: string, spec: LogFilterSpec, onProgress?: (p: LogProgress) => void, signal?: AbortSignal): Promise<LogFilterResult> {
    const s = this.session(id);
    await this.whenIndexed(id);
    const files = s.files.map((_, i) => i).filter((i) => !spec.files || spec.files.includes(i));
    const counts = new Map<number, number>();
    const scannedBy = new Map<number, number>();
    const bytesTotal = s.files.reduce((a, f) => a + f.info.bytes, 0);
    const report = (done: boolean): void => {
      const matches = [...counts.values()].reduce((a, b) => a + b, 0);
      const scanned = [...scannedBy.values()].reduce((a, b) => a + b, 0);
      onProgress?.({ phase: 'filter', bytesDone: done ? bytesTotal : 0, bytesTotal, records: scanned, matches, done });
    };
    const perFile = new Map<number, Uint32Array>();
    for (const i of files) {
      perFile.set(i, await this.filterFile(s, i, spec, 0, Infinity, Infinity, (m, sc) => (counts.set(i, m), scannedBy.set(i, sc), report(false)), signal));
    }
    const base = this.view(s);
    let positions: Uint32Array;
    if (s.files.length === 1) positions = perFile.get(0) ?? new Uint32Array(0);
    else positions = this.positionsInBase(s, perFile);
    const viewId = randomUUID();
    s.views.set(viewId, new FilteredView(base, positions));
    // The viewer shows one filter at a time; older results (millions of positions each) are let go.
    for (const old of s.views.keys()) if (s.views.size > KEPT_VIEWS) s.views.delete(old);
    report(true);
    return { viewId, matches: positions.length, scannedRecords: [...scannedBy.values()].reduce((a, b) => a + b, 0) };
  }

  /** Base-view positions of per-file matches (merged or concatenated order). */
  private positionsInBase(s: Session, perFile: Map<number, Uint32Array>): Uint32Array {
    const out: number[] = [];
    const ptr = new Map<number, number>();
    const take = (pos: number, file: number, index: number): void => {
      const m = perFile.get(file);
      if (!m) return;
      const p = ptr.get(file) ?? 0;
      if (p < m.length && m[p] === index) {
        out.push(pos);
        ptr.set(file, p + 1);
      }
    };
    if (s.merged) s.merged.forEach(take);
    else {
      let base = 0;
      s.files.forEach((f, file) => {
        for (const i of perFile.get(file) ?? []) out.push(base + i);
        base += f.index.count;
      });
    }
    return Uint32Array.from(out);
  }

  /**
   * Next (or previous) view position after (before) `from` whose record matches `spec`; null if none.
   * Runs on the view's records in blocks, so it stops at the first hit.
   */
  async find(id: string, spec: LogFilterSpec, from: number, direction: 'next' | 'previous', viewId?: string, signal?: AbortSignal): Promise<number | null> {
    const s = this.session(id);
    const v = this.view(s, viewId);
    const total = v.count();
    let block = 4096;
    let lo = direction === 'next' ? from + 1 : Math.max(0, from - block);
    let hi = direction === 'next' ? Math.min(total, lo + block) : from;
    while (lo < hi) {
      signal?.throwIfAborted();
      const refs = v.refs(lo, hi - lo);
      const hits = new Set<string>();
      const byFile = new Map<number, number[]>();
      for (const r of refs) byFile.set(r.file, [...(byFile.get(r.file) ?? []), r.index]);
      for (const [file, list] of byFile) {
        const min = Math.min(...list), max = Math.max(...list);
        const m = await this.filterFile(s, file, spec, min, max + 1, Infinity, () => {}, signal);
        const wanted = new Set(list);
        for (const i of m) if (wanted.has(i)) hits.add(`${file}:${i}`);
      }
      const order = direction === 'next' ? refs.map((_, k) => k) : refs.map((_, k) => refs.length - 1 - k);
      for (const k of order) if (hits.has(`${refs[k].file}:${refs[k].index}`)) return lo + k;
      block = Math.min(block * 4, 1 << 20);
      if (direction === 'next') {
        lo = hi;
        hi = Math.min(total, lo + block);
      } else {
        hi = lo;
        lo = Math.max(0, hi - block);
      }
    }
    return null;
  }

  /** Next/previous record at one of `levels` (default error and fatal), from the index alone. */
  nextLevel(id: string, from: number, direction: 'next' | 'previous', levels: string[] = ['error', 'fatal'], viewId?: string): number | null {
    const s = this.session(id);
    const v = this.view(s, viewId);
    const want = new Set(levels.map((l) => levelCode.get(l as never)));
    const step = direction === 'next' ? 1 : -1;
    const total = v.count();
    const BLOCK = 8192;
    for (let p = from + step; p >= 0 && p < total; ) {
      const lo = step > 0 ? p : Math.max(0, p - BLOCK + 1);
      const refs = v.refs(lo, step > 0 ? Math.min(BLOCK, total - p) : p - lo + 1);
      const order = step > 0 ? refs.map((_, k) => k) : refs.map((_, k) => refs.length - 1 - k);
      for (const k of order) {
        const r = refs[k];
        if (want.has(this.indexOf(s.files[r.file]).levelAt(r.index))) return lo + k;
      }
      p = step > 0 ? p + refs.length : lo - 1;
      if (refs.length === 0) break;
    }
    return null;
  }

  /**
   * Calls `fn(position, seconds, level)` for every record of a view, in order, from the index alone
   * (per file a cursor only moves forward: every view keeps each file's record order).
   */
  private walkView(s: Session, v: View, fn: (pos: number, sec: number, level: number) => void): void {
    const base = v instanceof FilteredView ? v.base : v;
    const keep = v instanceof FilteredView ? v.positions : null;
    const cursors = s.files.map((f) => f.index.cursor(0));
    const offsets = s.files.map((f) => f.info.offsetMinutes * 60);
    let k = 0;
    const emit = (basePos: number, file: number, index: number): void => {
      let pos = basePos;
      if (keep) {
        if (keep[k] !== basePos) return;
        pos = k++;
      }
      const c = cursors[file];
      while (c.index < index && c.next());
      fn(pos, c.sec + offsets[file], c.level);
    };
    if (base instanceof MergedView) base.forEach(emit);
    else if (base instanceof SingleFileView) for (let i = 0, n = base.count(); i < n; i++) emit(i, 0, i);
    else {
      let p = 0;
      s.files.forEach((f, file) => {
        for (let i = 0; i < f.index.count; i++) emit(p++, file, i);
      });
    }
  }

  /** Record and error counts over `buckets` equal time slices of the view. */
  async histogram(id: string, buckets = 100, viewId?: string): Promise<HistogramBucket[]> {
    const s = this.session(id);
    await this.whenIndexed(id);
    const v = this.view(s, viewId);
    let min = Infinity, max = -Infinity;
    this.walkView(s, v, (_p, sec) => {
      if (sec !== sec) return;
      if (sec < min) min = sec;
      if (sec > max) max = sec;
    });
    if (min === Infinity) return [];
    const width = Math.max(1, Math.ceil((max - min + 1) / buckets));
    const out: HistogramBucket[] = Array.from({ length: Math.ceil((max - min + 1) / width) }, (_, b) => ({
      startMs: (min + b * width) * 1000,
      endMs: (min + (b + 1) * width) * 1000,
      records: 0,
      errors: 0,
      warnings: 0,
      firstPosition: -1,
    }));
    this.walkView(s, v, (p, t, level) => {
      if (t !== t) return;
      const b = out[Math.floor((t - min) / width)];
      b.records++;
      if (level >= 5 && level <= 6) b.errors++;
      if (level === 4) b.warnings++;
      if (b.firstPosition < 0) b.firstPosition = p;
    });
    return out;
  }

  /** Per-file statistics (waits for indexing). */
  async stats(id: string): Promise<LogFileStats[]> {
    const s = this.session(id);
    await this.whenIndexed(id);
    const out: LogFileStats[] = [];
    for (const [file, f] of s.files.entries()) {
      const c = (f.summary?.levelCounts ?? []) as number[];
      const levels = Object.fromEntries(logLevels.map((l, i) => [l, c[i] ?? 0])) as LevelCounts;
      const timed = (dir: 1 | -1): number | null => {
        const n = f.index.count;
        if (dir > 0) {
          const cur = f.index.cursor(0);
          while (cur.next()) if (cur.sec === cur.sec) return cur.index;
          return null;
        }
        for (let hi = n; hi > 0; hi -= 65536) {
          let last: number | null = null;
          f.index.walk(Math.max(0, hi - 65536), hi, (r) => void (r.sec === r.sec && (last = r.index)));
          if (last !== null) return last;
        }
        return null;
      };
      const timeOf = async (i: number | null): Promise<string | null> => (i === null ? null : ((await this.read(s, [{ file, index: i }], 4096))[0]?.time ?? null));
      out.push({
        path: f.info.path,
        format: f.info.format,
        encoding: f.info.encoding,
        bytes: f.info.bytes,
        records: f.summary?.records ?? f.index.count,
        levels: { error: levels.error, warning: levels.warning, info: levels.info, verbose: levels.verbose, debug: levels.debug, fatal: levels.fatal, none: levels.none },
        first: await timeOf(timed(1)),
        last: await timeOf(timed(-1)),
        unparsed: levels.unparsed,
      });
    }
    return out;
  }

  /** Reassignment attempts in the session's DeviceReassignment logs (or every file if none is named so). */
  async explain(id: string, signal?: AbortSignal): Promise<ReassignmentAttempt[]> {
    const s = this.session(id);
    await this.whenIndexed(id);
    const named = s.files.filter((f) => /devicereassignment/i.test(basename(f.info.path)));
    const attempts: ReassignmentAttempt[] = [];
    for (const f of named.length ? named : s.files) {
      const file = s.files.indexOf(f);
      const ex = new ReassignmentExplainer(f.info.path);
      for (let first = 0; first < f.index.count; first += 2000) {
        signal?.throwIfAborted();
        const refs = Array.from({ length: Math.min(2000, f.index.count - first) }, (_, k) => ({ file, index: first + k }));
        for (const r of await this.read(s, refs, 64 * 1024)) ex.add({ index: r.index, time: r.time, timeMs: r.timeMs, message: r.message });
      }
      attempts.push(...ex.done());
    }
    return attempts;
  }

  /** Win32 apps seen in the session's IME logs (AppWorkload, IntuneManagementExtension), with their errors. */
  async win32Apps(id: string, signal?: AbortSignal): Promise<Win32AppAttempt[]> {
    const s = this.session(id);
    await this.whenIndexed(id);
    const out: Win32AppAttempt[] = [];
    for (const [file, f] of s.files.entries()) {
      if (!/^(appworkload|intunemanagementextension)/i.test(basename(f.info.path.replace(/^.*!\//, '')))) continue;
      const sum = new Win32AppSummary(f.info.path);
      for (let first = 0; first < f.index.count; first += 2000) {
        signal?.throwIfAborted();
        const refs = Array.from({ length: Math.min(2000, f.index.count - first) }, (_, k) => ({ file, index: first + k }));
        for (const r of await this.read(s, refs, 64 * 1024)) sum.add(r);
      }
      out.push(...sum.done());
    }
    return out;
  }

  /** Stops workers and removes extracted zip entries. */
  async close(id: string): Promise<void> {
    const s = this.sessions.get(id);
    if (!s) return;
    this.sessions.delete(id);
    s.abort.abort();
    await Promise.allSettled(s.files.map((f) => f.indexed));
    await s.cleanup();
  }

  /**
   * Tail mode, one step: a file that grew has its new bytes indexed (its last record is read again, it may
   * have been half written); a file that shrank or was replaced (rotation) is indexed again from scratch.
   * Resolves to true when anything changed.
   */
  async refresh(id: string, onProgress?: (p: LogProgress) => void): Promise<boolean> {
    const s = this.session(id);
    await Promise.all(s.files.map((f) => f.indexed));
    let changed = false, reindexed = false;
    for (const [n, f] of s.files.entries()) {
      const st = await stat(f.fsPath).catch(() => null);
      if (!st || (st.ino === f.ino && st.size === f.info.bytes)) continue;
      changed = true;
      const report = (bytesDone: number, records: number, done: boolean): void => onProgress?.({ phase: 'index', file: n, bytesDone, bytesTotal: st.size, records, done });
      if (st.ino !== f.ino || st.size < f.info.bytes) {
        reindexed = true;
        f.ino = st.ino;
        f.info.bytes = st.size;
        f.index = new RecordIndex();
        f.early = new RecordIndex();
        f.summary = null;
        f.indexed = (st.size <= this.inProcessBytes
          ? Promise.resolve().then(() => indexFile({ path: f.fsPath, format: f.info.format, endByte: st.size, onChunk: (m) => f.index.accept(m) }))
          : this.indexInParts(f, f.info.format, st.size, report, s.abort.signal)
        ).then((summary) => {
          f.summary = summary;
        });
        await f.indexed;
        continue;
      }
      const last = f.index.get(f.index.count - 1);
      const from = last?.offset ?? 0;
      const prev = f.summary;
      if (last && prev) prev.levelCounts[last.level]--;
      f.index.truncate(f.index.count - 1);
      const seqBase = f.index.chunkCount;
      const tail = indexFile({ path: f.fsPath, format: f.info.format, startByte: from, endByte: st.size, onChunk: (m) => f.index.accept(m, seqBase) });
      f.info.bytes = st.size;
      if (prev) {
        prev.records = f.index.count;
        prev.bytes = st.size;
        tail.levelCounts.forEach((c, i) => (prev.levelCounts[i] += c));
      }
      report(st.size, f.index.count, true);
    }
    if (reindexed) s.views.clear();
    if (changed && s.files.length > 1) await (s.mergedReady = this.remerge(s, onProgress));
    return changed;
  }

  /** Follows the session's files (tail mode) until the returned function is called. */
  follow(id: string, onChange: () => void, intervalMs = 1000): () => void {
    let busy = false;
    const timer = setInterval(() => {
      if (busy || !this.sessions.has(id)) return;
      busy = true;
      this.refresh(id)
        .then((changed) => changed && onChange())
        .catch(() => {})
        .finally(() => (busy = false));
    }, intervalMs);
    timer.unref();
    return () => clearInterval(timer);
  }

  /** Next/previous error or fatal record (F8-style jump), from the index alone. */
  nextError(id: string, from: number, direction: 'next' | 'previous', viewId?: string): number | null {
    return this.nextLevel(id, from, direction, ['error', 'fatal'], viewId);
  }

  /** Starts the worker threads ahead of the first file, so opening one does not wait for them. */
  warmUp(): void {
    this.pool.warm();
  }

  /** Stops the worker threads (the service cannot be used afterwards). */
  async dispose(): Promise<void> {
    await Promise.all([...this.sessions.keys()].map((id) => this.close(id)));
    await this.pool.close();
  }

  /** Index size in bytes for all files of a session (benchmark). */
  indexBytes(id: string): number {
    return this.session(id).files.reduce((a, f) => a + f.index.memoryBytes(), 0);
  }
}
