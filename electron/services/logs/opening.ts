// Opening and closing a session: sources resolved (files, folders, zips), each file's first bytes scanned
// here for the first screen while the worker indexes it whole (its full index chunks spilled to the
// session's folder); closing stops the workers and removes what zips extracted and the spill files.
import { randomUUID } from 'node:crypto';
import { open as openFile, stat } from 'node:fs/promises';
import { AppError } from '../../common/errors.ts';
import { IndexBuilder } from './index-builder.ts';
import { spillFolder } from './index-spill.ts';
import { RecordIndex } from './index-store.ts';
import { indexWhole } from './indexing.ts';
import { sniffBytes } from './indexer.ts';
import { formatSpec } from './formats/table.ts';
import { createScanner } from './scanner.ts';
import type { Engine, FileState, OpenOptions, Session } from './session.ts';
import { resolveSources } from './sources.ts';
import { remerge } from './session-views.ts';

export async function openSession(e: Engine, sources: string[], o: OpenOptions): Promise<Session> {
  await e.swept; // the start-up sweep of leftover extractions ends before this open extracts anything
  const resolved = await resolveSources(sources, {
    tempDir: e.opts.tempDir,
    include: e.opts.include,
    limits: e.opts.zipLimits,
    signal: o.signal,
    onExtract: (bytesDone, bytesTotal) => o.onProgress?.({ phase: 'extract', bytesDone, bytesTotal, records: 0, done: false }),
  });
  if (resolved.files.length === 0) {
    await resolved.cleanup();
    throw new AppError('invalid_input', resolved.problems.length ? `No log could be opened. ${resolved.problems.join(' ')}` : 'No log files were found in what was opened.');
  }
  const abort = new AbortController();
  o.signal?.addEventListener('abort', () => abort.abort(), { once: true });
  const spill = e.opts.spillIndex === false ? null : spillFolder(e.opts.tempDir);
  const session: Session = {
    id: randomUUID(),
    files: [],
    problems: resolved.problems,
    cleanup: async () => {
      await resolved.cleanup();
      await spill?.remove();
    },
    abort,
    merged: null,
    mergedReady: Promise.resolve(),
    views: new Map(),
  };
  for (const f of resolved.files) {
    try {
      session.files.push(await openLogFile(e, f.displayPath, f.fsPath, session.files.length, abort.signal, o, spill?.file));
    } catch (err) {
      session.problems.push(`${f.displayPath}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  if (session.files.length === 0) {
    await session.cleanup();
    throw new AppError('invalid_input', `No log could be opened. ${session.problems.join(' ')}`);
  }
  if (session.files.length > 1) {
    session.mergedReady = remerge(e, session, o.onProgress);
    session.mergedReady.catch(() => {}); // surfaced by whenIndexed
  }
  return session;
}

async function openLogFile(e: Engine, display: string, fsPath: string, n: number, signal: AbortSignal, o: OpenOptions, spillFile?: (name: string) => string): Promise<FileState> {
  const st = await stat(fsPath);
  const size = st.size;
  // First screen: scan the first bytes here; the worker's index replaces it as soon as it has records.
  const fh = await openFile(fsPath, 'r');
  const head = Buffer.alloc(Math.min(size, e.opts.firstScreenBytes ?? 256 * 1024));
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
    spillFile: spillFile && ((name) => spillFile(`file${n}-${name}`)),
  };
  const report = (bytesDone: number, records: number, done: boolean): void =>
    o.onProgress?.({ phase: 'index', file: n, bytesDone, bytesTotal: size, records, done });
  state.indexed = indexWhole(e, state, size, report, signal).then((summary) => {
    state.summary = summary;
    state.info.filled = summary.columns;
    o.onProgress?.({ phase: 'index', file: n, bytesDone: size, bytesTotal: size, records: summary.records, done: true, columns: summary.columns });
  });
  state.indexed.catch(() => {}); // surfaced by whenIndexed
  return state;
}

/** Stops the session's workers and removes extracted zip entries and index spill files. */
export async function closeSession(s: Session): Promise<void> {
  s.abort.abort();
  await Promise.allSettled(s.files.map((f) => f.indexed));
  await s.cleanup();
}
