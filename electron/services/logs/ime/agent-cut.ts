// An AgentExecutor file's timeline (or a part of one) without reading every run in full. A run starts at
// "ExecutorLog AgentExecutor gets invoked" with a fresh reader (agent-executor.ts) and is a row when a
// later record of it names its script, so one cheap walk over the literals finds every run, its start
// time, whether it is a row and where its row closes; only the runs of the rows kept (the newest by
// start, rows.ts) are then read as the plain walk reads them, each up to its row's close. Names are learned in the cheap walk from every record holding an id
// key, except records byte for byte like one already read (names/seen-records.ts). The result is what
// reading the part in one go gives (test/unit/logs/ime-cut.test.ts).
import type { LogRecord } from '../../../common/logs.ts';
import { scanRecords, type ScanNeedle } from '../analysis-scan.ts';
import type { RecordWalk } from '../analysis-walk.ts';
import { NameLearner } from '../names/learn.ts';
import { SeenRecords } from '../names/seen-records.ts';
import { scriptOf } from './agent-executor.ts';
import { MAX_FILE_ROWS, STEP_CHARS, byStart } from './rows.ts';
import { ID_KEY, ImeFileTimeline, RUN_START, type FileTimeline } from './timeline.ts';

const NEEDLES: ScanNeedle[] = [{ text: RUN_START, caseSensitive: true }, { text: 'scripts\\', caseSensitive: false }, ID_KEY, { text: 'agent executor completed', caseSensitive: false }];
const [START_BIT, SCRIPT_BIT, ID_BIT, DONE_BIT] = [1, 2, 4, 8];
/** The line that closes a run's row (agent-executor.ts `add`): nothing after it changes the row. */
const COMPLETED = /^Agent executor completed/i;

interface Run {
  index: number;
  startMs: number | null;
  /** Whether a record of it names a script (agent-executor.ts `scriptOf`): the run is then a row. */
  row: boolean;
  /** The record after its last (the next run's start, or where the part's reading ends). */
  end: number;
  /** The record after the one that closed its row ("Agent executor completed"), else `end`. */
  stop: number;
}

/** Records [from, to) of an AgentExecutor file (ends moved on to run starts, as a part); null: stopped. */
export function agentTimeline(w: RecordWalk, label: string, from: number, to: number, shouldStop: () => boolean, keep = MAX_FILE_ROWS): FileTimeline | null {
  const survey = surveyRuns(w, from, to, shouldStop);
  if (!survey) return null;
  const rows = survey.runs.filter((r) => r.row);
  const kept = rows.length > keep ? rows.map((r) => ({ startMs: r.startMs, firstRecord: r.index, run: r })).sort(byStart).slice(rows.length - keep).map((k) => k.run).sort((a, b) => a.index - b.index) : rows;
  const t = new ImeFileTimeline(w.src.file, label, keep, false);
  for (const range of ranges(kept)) if (!w.feed(t, t.plan(), range.from, range.to, shouldStop, w.offsetOf(range.to), range.to)) return null;
  const out = t.done();
  if (out.rows.length !== kept.length) throw new Error(`AgentExecutor runs: ${kept.length} rows expected, ${out.rows.length} read`);
  // More rows than kept: a plain read gives the kept ones by start (rows.ts RowKeeper), else in file order.
  if (rows.length > keep) out.rows.sort(byStart);
  return { rows: out.rows, names: survey.names, omitted: rows.length - kept.length };
}

/** The stretches to read: each run up to its row's close, runs next to each other as one stretch. */
function ranges(runs: Run[]): { from: number; to: number }[] {
  const out: { from: number; to: number }[] = [];
  for (const r of runs) {
    const last = out[out.length - 1];
    if (last && last.to === r.index) last.to = r.stop;
    else out.push({ from: r.index, to: r.stop });
  }
  return out;
}

/**
 * Every run of the part, and the names its records teach, reading only records holding a literal: a
 * run's start, a script path (`Scripts\` in every form), an id key. The part starts at its first run
 * start (at record 0 for the first part) and reads on past `to` to the next, as analysis-walk.ts `feed`.
 */
function surveyRuns(w: RecordWalk, from: number, to: number, shouldStop: () => boolean): { runs: Run[]; names: FileTimeline['names'] } | null {
  const runs: Run[] = [];
  const names = new NameLearner();
  const seen = new SeenRecords();
  let started = from === 0;
  let cur: Run | null = null;
  let end = w.idx.count;
  const done = scanRecords(w.fd, w.idx, from, NEEDLES, shouldStop, (c, win, rs, _hit, mask) => {
    if (!started && c.index >= to) {
      end = c.index;
      return true;
    }
    if (!mask) return;
    let r: LogRecord | null = null;
    const rec = (): LogRecord => (r ??= w.decode(c, win, rs));
    if (mask & START_BIT && rec().message.startsWith(RUN_START)) {
      if (started && c.index >= to) {
        end = c.index;
        return true;
      }
      started = true;
      if (cur) cur.end = c.index;
      if (cur && cur.stop < 0) cur.stop = c.index;
      cur = { index: c.index, startMs: rec().timeMs, row: false, end: -1, stop: -1 };
      runs.push(cur);
    }
    if (!started) return;
    // The reader reads a run's records cut to 64 K characters (timeline.ts `add`).
    if (mask & SCRIPT_BIT && cur && !cur.row && c.index !== cur.index && scriptOf(rec().message.slice(0, STEP_CHARS))) cur.row = true;
    // The row's close, on the record naming the script or after it.
    if (mask & DONE_BIT && cur && cur.row && cur.stop < 0 && COMPLETED.test(rec().message)) cur.stop = c.index + 1;
    if (mask & ID_BIT && (r !== null || !win || !seen.seen(win.subarray(rs, rs + c.length)))) names.add(rec().message, null);
  }, Infinity, true);
  if (!done) return null;
  const last = runs[runs.length - 1];
  if (last) last.end = end;
  if (last && last.stop < 0) last.stop = end;
  return { runs, names: names.done() };
}
