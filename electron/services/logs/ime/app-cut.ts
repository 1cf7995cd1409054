// A Win32 app log's timeline (AppWorkload: runs marked by subgraph) without reading every record. Once a
// subgraph list was seen and the next "Done processing subgraph" (or the action processor's next pass)
// closed every run, a run starts only where a list names its app and ends at the next close or list of
// the same app (app-rows.ts), so one cheap walk over those literals finds every run, its start and its
// end. The records up to that first close are read as the plain walk reads them; after it, only the runs
// of the rows kept (the newest by start, rows.ts) are read in full, each from its start to its end, and
// the reports written after a kept run ended (late reports) are found among the records holding "report"
// or "status". The walk runs in parts on every worker (app-survey.ts). Names are learned in
// the cheap walk from every record holding an id key (names/seen-records.ts skips records read before).
// The result is what reading the file in one go gives (test/unit/logs/ime-cut.test.ts).
import type { LogRecord } from '../../../common/logs.ts';
import { scanRecords, type ScanNeedle } from '../analysis-scan.ts';
import type { RecordWalk } from '../analysis-walk.ts';
import { Win32AppRows, rowKey, type AppRecord } from './app-rows.ts';
import { cmtraceMessageTime } from '../record-decode.ts';
import { classifiedOnce, replay, surveyPart, type AppSurvey, type AppSurveyPart } from './app-survey.ts';
import { MAX_FILE_ROWS, finishRow, stepOf, type RowDraft } from './rows.ts';
import type { FileTimeline } from './timeline.ts';

/** Only `[Win32App…]` records are steps of a run (app-rows.ts). */
const STEP_NEEDLES: ScanNeedle[] = [{ text: '[Win32App', caseSensitive: true }];
/** What a record in the report phase holds (app-rows.ts phaseOf; lower case of ASCII letters only). */
const REPORT_NEEDLES: ScanNeedle[] = [{ text: 'report', caseSensitive: false }, { text: 'status', caseSensitive: false }];
const STEP_PLAN = { needles: STEP_NEEDLES, take: (hit: boolean) => (hit ? ('decode' as const) : ('skip' as const)) };

/** A run kept as a row: what reading it needs. */
interface Run {
  id: string;
  /** The record it started at (a row's firstRecord). */
  firstRecord: number;
  /** The record that ended it (a close, or a list naming its app again); -1 if none did. */
  end: number;
}

/**
 * An app log's timeline from record `from` (as a part: only the first part reads, the whole file), from
 * the parts' surveys when the host ran them on several workers (app-survey.ts), else surveying itself;
 * null: stopped.
 */
export function appTimeline(w: RecordWalk, label: string, from: number, shouldStop: () => boolean, keep = MAX_FILE_ROWS, surveys?: AppSurveyPart[]): FileTimeline | null {
  if (from > 0) return { rows: [], names: [], omitted: 0 }; // app runs carry over: the first part reads on to the end
  const fileName = label.replace(/^.*[!\\/]/, '');
  const parts = surveys ?? [surveyPart(w, 0, w.idx.count, shouldStop)];
  if (parts.some((p) => !p)) return null;
  const survey = replay(parts as AppSurveyPart[]);
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
    const r: Run = { id: t.id(run), firstRecord: t.firstRecord(run), end: t.endOf(run) };
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
function lateReports(w: RecordWalk, rows: RowDraft[], first: Win32AppRows, s: AppSurvey, runs: Map<string, Run>, shouldStop: () => boolean): boolean {
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
    if (next <= from + 1) continue;
    const list = windows.get(d.id);
    if (list) list.push({ row: d, from: from + 1, to: next });
    else windows.set(d.id, [{ row: d, from: from + 1, to: next }]);
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
  const classified = classifiedOnce();
  for (const span of merged) {
    const done = scanRecords(w.fd, w.idx, span.from, REPORT_NEEDLES, shouldStop, (c, win, rs, _hit, mask) => {
      if (c.index >= span.to) return true;
      if (!mask) return;
      let r: LogRecord | null = null;
      // Most records holding the words are no late report of a windowed app: told from the message
      // alone (read from the bytes, classified once per wording), the record is decoded only if it may be.
      let k: AppRecord | null | undefined;
      for (const app of apps) {
        while (app.at < app.list.length && app.list[app.at].to <= c.index) app.at++;
        const x = app.list[app.at];
        if (!x || c.index < x.from) continue;
        if (k === undefined) {
          const bytes = win ? cmtraceMessageTime(w.src, c, win, rs, w.maxChars) : null;
          k = bytes ? classified(bytes.message) : null;
          if (!bytes) r = stepOf(w.decode(c, win, rs));
        }
        if (!r && !Win32AppRows.mayBeLate(k, x.row.id)) continue;
        r ??= stepOf(w.decode(c, win, rs));
        Win32AppRows.addLate(x.row, r);
      }
    }, w.offsetOf(span.to), true);
    if (!done) return false;
  }
  return true;
}
