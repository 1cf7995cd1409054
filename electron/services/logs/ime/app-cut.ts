// A Win32 app log's timeline (AppWorkload: runs marked by subgraph) without reading every record. Once a
// subgraph list was seen and the next "Done processing subgraph" (or the action processor's next pass)
// closed every run, a run starts only where a list names its app and ends at the next close or list of
// the same app (app-rows.ts), so one cheap walk over those literals finds every run, its start and its
// end. The records up to that first close are read as the plain walk reads them; after it, only the runs
// of the rows kept (the newest by start, rows.ts) are read in full, each from its start to its end, and
// the reports written after a kept run ended (late reports) are found by its app id. Names are learned in
// the cheap walk from every record holding an id key (names/seen-records.ts skips records read before).
// The result is what reading the file in one go gives (test/unit/logs/ime-cut.test.ts).
import type { LogRecord } from '../../../common/logs.ts';
import { scanRecords, type ScanNeedle } from '../analysis-scan.ts';
import type { RecordWalk } from '../analysis-walk.ts';
import { cmtraceMessageTime } from '../record-decode.ts';
import { NameLearner } from '../names/learn.ts';
import { SeenRecords } from '../names/seen-records.ts';
import { CLOSE_TEXTS, Win32AppRows, classify, rowKey } from './app-rows.ts';
import { MAX_FILE_ROWS, STEP_CHARS, finishRow, stepOf, type RowDraft } from './rows.ts';
import { ID_KEY, type FileTimeline } from './timeline.ts';
import { RunTable } from './app-run-table.ts';

/** A byte an app id list can hold ([0-9a-fA-F, -], app-rows.ts listForms). */
const listByte = (b: number): boolean => (b >= 48 && b <= 57) || ((b | 32) >= 97 && (b | 32) <= 102) || b === 44 || b === 32 || b === 45;
const NEEDLES: ScanNeedle[] = [
  { text: 'subgraph with app ids: ', caseSensitive: false, next: listByte },
  { text: 'install: [', caseSensitive: false, next: listByte },
  { text: CLOSE_TEXTS[0], caseSensitive: true },
  { text: CLOSE_TEXTS[1], caseSensitive: true },
  ID_KEY,
];
const [SUB_BIT, INTENT_BIT, DONE_BIT, INIT_BIT, ID_BIT] = [1, 2, 4, 8, 16];
const LIST_BITS = SUB_BIT | INTENT_BIT, CLOSE_BITS = DONE_BIT | INIT_BIT;
/** Only `[Win32App…]` records are steps of a run (app-rows.ts). */
const STEP_NEEDLES: ScanNeedle[] = [{ text: '[Win32App', caseSensitive: true }];
/** What a record in the report phase holds (app-rows.ts phaseOf; lower case of ASCII letters only). */
const REPORT_NEEDLES: ScanNeedle[] = [{ text: 'report', caseSensitive: false }, { text: 'status', caseSensitive: false }];
const STEP_PLAN = { needles: STEP_NEEDLES, take: (hit: boolean) => (hit ? ('decode' as const) : ('skip' as const)) };
const OPENER = Buffer.from('<![LOG['), TRAILER = Buffer.from(']LOG]!>'), WIN32 = Buffer.from('<![LOG[[Win32App');
const CLOSES = CLOSE_TEXTS.map((t) => Buffer.from(t));

/** A run kept as a row: what reading it needs. */
interface Run {
  id: string;
  /** The record it started at (a row's firstRecord). */
  firstRecord: number;
  startMs: number | null;
  /** The record that ended it (a close, or a list naming its app again); -1 if none did. */
  end: number;
}

interface Survey {
  names: FileTimeline['names'];
  /** The first record closing every run after a subgraph list; null: none (the file is read in one go). */
  firstClose: number | null;
  /** The runs starting after it. */
  runs: RunTable;
}

/** An app log's timeline from record `from` (as a part: only the first part reads, the whole file); null: stopped. */
export function appTimeline(w: RecordWalk, label: string, from: number, shouldStop: () => boolean, keep = MAX_FILE_ROWS): FileTimeline | null {
  if (from > 0) return { rows: [], names: [], omitted: 0 }; // app runs carry over: the first part reads on to the end
  const fileName = label.replace(/^.*[!\\/]/, '');
  const survey = surveyRuns(w, shouldStop);
  if (!survey) return null;
  const first = new Win32AppRows(w.src.file, fileName, keep);
  const firstEnd = survey.firstClose === null ? w.idx.count : survey.firstClose + 1;
  if (!w.feed(steps(first), STEP_PLAN, 0, firstEnd, shouldStop, w.offsetOf(firstEnd))) return null;
  if (survey.firstClose === null) return { rows: first.done(), names: survey.names, omitted: first.rows.omitted };
  // The reader's RowKeeper, on from the first part's rows, ranks the later runs as the reader closes them.
  const t = survey.runs;
  const keeper = first.rows.widen<{ startMs: number | null; firstRecord: number; run: number }>();
  for (let k = 0; k < t.closedCount; k++) {
    const run = t.closedAt(k);
    keeper.push({ startMs: t.startMs(run), firstRecord: t.firstRecord(run), run });
  }
  const kept = keeper.done();
  const isRun = (d: RowDraft | { run: number }): d is { startMs: number | null; firstRecord: number; run: number } => 'run' in d;
  const keptRuns = new Map(kept.filter(isRun).map(({ run }) => {
    const r: Run = { id: t.id(run), firstRecord: t.firstRecord(run), startMs: t.startMs(run), end: t.endOf(run) };
    return [rowKey(r), r] as const;
  }));
  const read = readRuns(w, fileName, [...keptRuns.values()], shouldStop);
  if (!read) return null;
  const rows = kept.map((d) => (isRun(d) ? read.get(rowKey({ id: t.id(d.run), firstRecord: d.firstRecord })) : d));
  if (rows.some((d) => !d)) throw new Error('Win32 app runs: a kept run was not read');
  const drafts = rows as RowDraft[];
  if (!lateReports(w, drafts, first, survey, keptRuns, shouldStop)) return null;
  return { rows: drafts.sort((a, b) => a.firstRecord - b.firstRecord).map(finishRow), names: survey.names, omitted: first.rows.omitted };
}

/** A reader adding each record as the timeline does (its message cut to a step's length). */
const steps = (rows: Win32AppRows): { add(r: LogRecord): void } => ({ add: (r) => rows.add(stepOf(r)) });

/** The kept runs read in full, each from its start to its end (runs that overlap read as one stretch). */
function readRuns(w: RecordWalk, fileName: string, runs: Run[], shouldStop: () => boolean): Map<string, RowDraft> | null {
  const only = new Set(runs.map(rowKey));
  const reader = new Win32AppRows(w.src.file, fileName, Number.MAX_SAFE_INTEGER, { subgraphs: true, lateReports: false, only });
  const stretches: { from: number; to: number }[] = [];
  for (const r of [...runs].sort((a, b) => a.firstRecord - b.firstRecord)) {
    const to = r.end < 0 ? w.idx.count : r.end + 1;
    const last = stretches[stretches.length - 1];
    if (last && r.firstRecord <= last.to) last.to = Math.max(last.to, to);
    else stretches.push({ from: r.firstRecord, to });
  }
  for (const s of stretches) {
    // What was open before the stretch is no kept run: each kept run starts inside it, its app not open.
    reader.forgetOpen();
    if (!w.feed(steps(reader), STEP_PLAN, s.from, s.to, shouldStop, w.offsetOf(s.to))) return null;
  }
  return new Map(reader.drafts().map((d) => [rowKey(d), d]));
}

/**
 * Reports written after a kept run ended, while its app had no run open and it was the app's last run
 * (from its end, or the first part's end, to the app's next start), read in order: a late report is in
 * the report phase (app-rows.ts phaseOf), so only records holding "report" or "status" are decoded.
 */
function lateReports(w: RecordWalk, rows: RowDraft[], first: Win32AppRows, s: Survey, runs: Map<string, Run>, shouldStop: () => boolean): boolean {
  const firstClose = s.firstClose ?? 0;
  // Each app's windows, in file order (an app's windows never overlap: each ends where it starts again).
  const windows = new Map<string, { row: RowDraft; from: number; to: number }[]>();
  for (const d of rows) {
    let from: number;
    if (d.firstRecord > firstClose) {
      const end = runs.get(rowKey(d))?.end ?? -1;
      if (end < 0) continue; // still open at the end of the file
      from = end;
    } else if (first.last.get(d.id) === d) from = firstClose;
    else continue;
    // A list closing a run starts its app's next one in the same record (then there is no window).
    const next = s.runs.nextStart(d.id, from) ?? w.idx.count;
    if (next > from + 1) windows.set(d.id, [...(windows.get(d.id) ?? []), { row: d, from: from + 1, to: next }]);
  }
  const apps = [...windows.values()].map((list) => ({ at: 0, list: list.sort((a, b) => a.from - b.from) }));
  // The stretches some window covers, each walked once for the words a report holds.
  const spans = apps.flatMap((a) => a.list.map((x) => ({ from: x.from, to: x.to }))).sort((a, b) => a.from - b.from);
  const merged: { from: number; to: number }[] = [];
  for (const x of spans) {
    const last = merged[merged.length - 1];
    if (last && x.from <= last.to) last.to = Math.max(last.to, x.to);
    else merged.push({ ...x });
  }
  for (const span of merged) {
    const done = scanRecords(w.fd, w.idx, span.from, REPORT_NEEDLES, shouldStop, (c, win, rs, _hit, mask) => {
      if (c.index >= span.to) return true;
      if (!mask) return;
      let r: LogRecord | null = null;
      for (const app of apps) {
        while (app.at < app.list.length && app.list[app.at].to <= c.index) app.at++;
        const x = app.list[app.at];
        if (!x || c.index < x.from) continue;
        r ??= stepOf(w.decode(c, win, rs));
        Win32AppRows.addLate(x.row, r);
      }
    }, w.offsetOf(span.to), true);
    if (!done) return false;
  }
  return true;
}

/**
 * Every run after the first close, and the names the file's records teach, reading only records holding
 * a literal: an app id list, a close, an id key.
 */
function surveyRuns(w: RecordWalk, shouldStop: () => boolean): Survey | null {
  const names = new NameLearner();
  const seen = new SeenRecords();
  const runs = new RunTable();
  /** Each open app's run, in the order the reader opened them. */
  const open = new Map<number, number>();
  let mode: 'plain' | 'subgraphs' | 'runs' = 'plain';
  let firstClose: number | null = null;
  // IME repeats its lists word for word: each message is classified once (up to a bound).
  const byMessage = new Map<string, ReturnType<typeof classify>>();
  const classified = (message: string): ReturnType<typeof classify> => {
    let k = byMessage.get(message);
    if (k === undefined) {
      k = classify(stepOf({ message }).message);
      if (byMessage.size < 4096) byMessage.set(message, k);
    }
    return k;
  };
  const done = scanRecords(w.fd, w.idx, 0, NEEDLES, shouldStop, (c, win, rs, _hit, mask) => {
    if (!mask) return;
    let r: LogRecord | null = null;
    let timeMs: number | null | undefined;
    const rec = (): LogRecord => (r ??= w.decode(c, win, rs));
    if (mask & ID_BIT && (!win || !seen.seen(win.subarray(rs, rs + c.length)))) names.add(rec().message, 'app');
    // Before a subgraph list only lists matter (one may be the first), after it closes too.
    if (!(mask & (mode === 'plain' ? LIST_BITS : LIST_BITS | CLOSE_BITS))) return;
    const raw = mask & CLOSE_BITS && win ? rawClose(win, rs, c.length, mask) : null;
    if (raw === false) return;
    // A list read from its bytes (its message and time), its message read once for all its copies.
    const bytes = raw || !win ? null : cmtraceMessageTime(w.src, c, win, rs, w.maxChars);
    if (bytes) timeMs = bytes.timeMs;
    const k = raw ? ({ close: true } as const) : bytes ? classified(bytes.message) : classify(stepOf(rec()).message);
    if (!k) return;
    if (k.close) {
      if (mode === 'subgraphs') {
        mode = 'runs';
        firstClose = c.index;
      } else if (mode === 'runs') {
        for (const run of open.values()) runs.close(run, c.index);
        open.clear();
      }
      return;
    }
    if (mode === 'plain') {
      if (k.subgraph) mode = 'subgraphs';
      return;
    }
    if (mode !== 'runs') return;
    const listed = [...k.listed].map((id) => runs.appIndex(id));
    if (k.subgraph) {
      for (const app of listed) {
        const run = open.get(app);
        if (run === undefined) continue;
        runs.close(run, c.index);
        open.delete(app);
      }
    }
    for (const app of listed) if (!open.has(app)) open.set(app, runs.open(app, c.index, timeMs !== undefined ? timeMs : rec().timeMs));
  }, Infinity, true);
  if (!done) return null;
  // The reader closes what is still open at the end, in the order it opened them.
  for (const run of open.values()) runs.close(run, -1);
  return { names: names.done(), firstClose, runs };
}

/**
 * Whether a record holding a close literal is a close (app-rows.ts `classify`), from its bytes: true when
 * it is one opener `<![LOG[[Win32App…` with the literal before its trailer and inside a step's 64 K
 * characters; false when it is no Win32App record; null when only decoding tells.
 */
function rawClose(win: Buffer, rs: number, length: number, mask: number): boolean | null {
  const re = rs + length;
  const t = win.indexOf(TRAILER, rs);
  if (t < 0 || t >= re || win.lastIndexOf(OPENER, t) !== rs) return null;
  if (win.compare(WIN32, 0, WIN32.length, rs, rs + WIN32.length) !== 0) return false;
  for (const [k, text] of CLOSES.entries()) {
    if (!(mask & (DONE_BIT << k))) continue;
    const at = win.indexOf(text, rs + OPENER.length);
    if (at >= 0 && at + text.length <= t && at + text.length - rs - OPENER.length <= STEP_CHARS) return true;
  }
  return null;
}
