// The cheap walk of an app log's timeline (ime/app-cut.ts), in two steps so a big file's walk can run on
// every worker at once: each part of the file lists its events (records [from, to) exactly: every close
// and every id list, read from the literals alone, and the names its id keys teach); the parts' events,
// replayed in file order as the reader would meet them, give the runs: where subgraph mode begins, the
// first close after it, and every later run's start, time and end.
import type { GuidName } from '../../../common/logs-insight.ts';
import type { LogRecord } from '../../../common/logs.ts';
import { scanRecords, type ScanNeedle } from '../analysis-scan.ts';
import type { RecordWalk } from '../analysis-walk.ts';
import { CMTRACE_OPENER as OPENER, CMTRACE_TRAILER as TRAILER, cmtraceMessageTime } from '../record-decode.ts';
import { NameLearner } from '../names/learn.ts';
import { SeenRecords } from '../names/seen-records.ts';
import { CLOSE_TEXTS, classify } from './app-rows.ts';
import { Column, RunTable } from './app-run-table.ts';
import { STEP_CHARS, stepOf } from './rows.ts';
import { ID_KEY } from './timeline.ts';

/** A byte an app id list can hold ([0-9a-fA-F, -], app-rows.ts listForms). */
const listByte = (b: number): boolean => (b >= 48 && b <= 57) || ((b | 32) >= 97 && (b | 32) <= 102) || b === 44 || b === 32 || b === 45;
const NEEDLES: ScanNeedle[] = [
  { text: 'subgraph with app ids: ', caseSensitive: false, next: listByte },
  { text: 'install: [', caseSensitive: false, next: listByte },
  { text: CLOSE_TEXTS[0], caseSensitive: true },
  { text: CLOSE_TEXTS[1], caseSensitive: true },
  ID_KEY,
];
const [DONE_BIT, INIT_BIT, ID_BIT] = [4, 8, 16];
const CLOSE_BITS = DONE_BIT | INIT_BIT;
const WIN32 = Buffer.from('<![LOG[[Win32App');
const CLOSES = CLOSE_TEXTS.map((t) => Buffer.from(t));
/** Event kinds. */
const CLOSE = 0, LIST = 1, SUBGRAPH = 2;

/** One part's events, in record order (as numbers: a 2.2 GB file has 600 K of them). */
export interface AppSurveyPart {
  names: GuidName[];
  /** The app ids its lists name, each once (`listed` holds their numbers). */
  ids: string[];
  record: Int32Array;
  /** CLOSE, LIST (an id list), SUBGRAPH (a subgraph's id list). */
  kind: Uint8Array;
  /** A list's time (NaN: none). */
  time: Float64Array;
  /** Where each event's ids end in `listed` (they start where the previous event's end). */
  listEnd: Int32Array;
  listed: Int32Array;
}

export interface AppSurvey {
  names: GuidName[];
  /** The first record closing every run after a subgraph list; null: none (the file is read in one go). */
  firstClose: number | null;
  /** The runs starting after it. */
  runs: RunTable;
}

/**
 * classify() of a message as a step (cut to its 64 K characters), each wording classified once: IME
 * repeats its lines word for word (up to 4096 wordings are remembered). Results are shared: read only.
 */
export function classifiedOnce(): (message: string) => ReturnType<typeof classify> {
  const byMessage = new Map<string, ReturnType<typeof classify>>();
  return (message) => {
    let k = byMessage.get(message);
    if (k === undefined) {
      k = classify(stepOf({ message }).message);
      if (byMessage.size < 4096) byMessage.set(message, k);
    }
    return k;
  };
}

/** The events of records [from, to); null when stopped. */
export function surveyPart(w: RecordWalk, from: number, to: number, shouldStop: () => boolean): AppSurveyPart | null {
  const names = new NameLearner();
  const seen = new SeenRecords();
  const ids: string[] = [];
  const idOf = new Map<string, number>();
  const record = new Column(new Int32Array(1024)), kind = new Column(new Uint8Array(1024)), time = new Column(new Float64Array(1024));
  const listEnd = new Column(new Int32Array(1024)), listed = new Column(new Int32Array(1024));
  const classified = classifiedOnce();
  const done = scanRecords(w.fd, w.idx, from, NEEDLES, shouldStop, (c, win, rs, _hit, mask) => {
    if (c.index >= to) return true;
    let r: LogRecord | null = null;
    const rec = (): LogRecord => (r ??= w.decode(c, win, rs));
    if (mask & ID_BIT && (!win || !seen.seen(win.subarray(rs, rs + c.length)))) names.add(rec().message, 'app');
    if (mask === ID_BIT) return;
    const raw = mask & CLOSE_BITS && win ? rawClose(win, rs, c.length, mask) : null;
    if (raw === false) return;
    // A list read from its bytes (its message and time) when they tell, else decoded.
    const bytes = raw || !win ? null : cmtraceMessageTime(w.src, c, win, rs, w.maxChars);
    const k = raw ? ({ close: true } as const) : bytes ? classified(bytes.message) : classify(stepOf(rec()).message);
    if (!k || (!k.close && !k.listed.size)) return;
    record.push(c.index);
    kind.push(k.close ? CLOSE : k.subgraph ? SUBGRAPH : LIST);
    time.push(k.close ? NaN : ((bytes ? bytes.timeMs : rec().timeMs) ?? NaN));
    if (!k.close) {
      for (const id of k.listed) {
        let n = idOf.get(id);
        if (n === undefined) idOf.set(id, (n = ids.push(id) - 1));
        listed.push(n);
      }
    }
    listEnd.push(listed.length);
  }, w.offsetOf(to), true);
  if (!done) return null;
  return { names: names.done(), ids, record: record.view(), kind: kind.view(), time: time.view(), listEnd: listEnd.view(), listed: listed.view() };
}

/**
 * The parts' events (in file order) met as the reader meets those records (app-rows.ts `add`): the first
 * subgraph list turns on subgraph mode, the close after it is the first close; after it a close ends every
 * open run, a subgraph list ends the runs of its apps, and a list starts a run for each app not open.
 */
export function replay(parts: AppSurveyPart[]): AppSurvey {
  const runs = new RunTable();
  /** Each open app's run, in the order the reader opened them. */
  const open = new Map<number, number>();
  let mode: 'plain' | 'subgraphs' | 'runs' = 'plain';
  let firstClose: number | null = null;
  const known = new Set<string>();
  const names: GuidName[] = [];
  for (const p of parts) {
    // Names: the first a file teaches for an id wins, as one walk over the whole file keeps it.
    for (const n of p.names) {
      if (known.has(n.id)) continue;
      known.add(n.id);
      names.push(n);
    }
    const apps = p.ids.map((id) => runs.appIndex(id));
    for (let e = 0, at = 0; e < p.record.length; at = p.listEnd[e++]) {
      const kind = p.kind[e], index = p.record[e];
      if (kind === CLOSE) {
        if (mode === 'subgraphs') {
          mode = 'runs';
          firstClose = index;
        } else if (mode === 'runs') {
          for (const run of open.values()) runs.close(run, index);
          open.clear();
        }
        continue;
      }
      if (mode === 'plain') {
        if (kind === SUBGRAPH) mode = 'subgraphs';
        continue;
      }
      if (mode !== 'runs') continue;
      const end = p.listEnd[e];
      if (kind === SUBGRAPH) {
        for (let i = at; i < end; i++) {
          const app = apps[p.listed[i]];
          const run = open.get(app);
          if (run === undefined) continue;
          runs.close(run, index);
          open.delete(app);
        }
      }
      const t = p.time[e];
      for (let i = at; i < end; i++) {
        const app = apps[p.listed[i]];
        if (!open.has(app)) open.set(app, runs.open(app, index, t === t ? t : null));
      }
    }
  }
  // The reader closes what is still open at the end, in the order it opened them.
  for (const run of open.values()) runs.close(run, -1);
  return { names, firstClose, runs };
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
