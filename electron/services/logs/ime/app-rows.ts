// Win32 app runs from AppWorkload, AppActionProcessor and IntuneManagementExtension logs. A run starts
// where IME starts processing the app's subgraph ("Processing subgraph with app ids: …") or names the app
// first, and ends at "Done processing subgraph." or when the action processor starts its next pass; the
// records naming the app in between are its steps (applicability, requirement, detection, enforcement,
// report), with the states IME writes ("detection state: Detected") and the error codes it reports.
// Only `[Win32App…]` records are read; the app a record is about is named by the forms below (one table).
import type { ImeStep } from '../../../common/logs-insight.ts';
import { GUID_SRC, STEP_CHARS, RowKeeper, addCode, decimalCode, fact, finishRow, newRow, touch, type ImeRecord, type RowDraft } from './rows.ts';

const G = `(${GUID_SRC})`;
/** Where a Win32App record names the app it is about. */
const appIdForms = [
  new RegExp(`\\b(?:app|policy|application) with id:? ${G}`, 'gi'),
  new RegExp(`\\b(?:for|and) app:? ${G}`, 'gi'),
  new RegExp(`"(?:ApplicationId|AppId)\\\\*"\\s*:\\s*\\\\*"${G}`, 'gi'),
];
/** Lists of app ids that start a run for each. */
const listForms = [/subgraph with app ids: ([0-9a-fA-F, -]{36,4000})/i, /apps with intent to (?:un)?install: \[([0-9a-fA-F, -]{36,4000})\]/i];
const GUIDS = new RegExp(GUID_SRC, 'g');
const LATE_REPORT_MS = 120_000;
const CODES = /"(?:EnforcementErrorCode|ErrorCode)"\s*:\s*(-?\d{1,10})\b/g;

/**
 * Each match of a global regex in `text`, as `text.matchAll(re)` gives them, without the copy of the
 * regex and the iterator matchAll makes per call (this runs for every Win32App record). No form here
 * can match empty, so the search always moves on.
 */
function eachMatch(re: RegExp, text: string, fn: (m: RegExpExecArray) => void): void {
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) fn(m);
}

const states: [RegExp, (row: RowDraft, v: string) => void][] = [
  [/applicability state: (\w+)/i, (row, v) => (v.toLowerCase() === 'applicable' ? fact(row, 'Applicable') : ((row.notApplicable = true), fact(row, `Not applicable (${v})`)))],
  [/detection state: (\w+)/i, (row, v) => (fact(row, v), v.toLowerCase() === 'detected' && (row.succeeded = true))],
  [/action status: (\w+)/i, (row, v) => v.toLowerCase() === 'failed' && ((row.failed = true), fact(row, 'action failed'))],
  [/desired state: (\w+)/i, (row, v) => fact(row, `desired ${v}`)],
];

function phaseOf(lower: string): ImeStep['phase'] {
  if (lower.includes('applicab')) return 'applicability';
  if (lower.includes('requirement')) return 'requirement';
  if (lower.includes('detect')) return 'detection';
  if (lower.includes('download') || lower.includes('content')) return 'download';
  if (lower.includes('enforc') || lower.includes('install')) return 'enforcement';
  if (lower.includes('report') || lower.includes('status')) return 'report';
  return 'other';
}

/** The states, facts and codes a record of a run gives it. */
function read(row: RowDraft, m: string, lower: string): void {
  for (const [re, apply] of states) {
    const s = re.exec(m);
    if (s) apply(row, s[1]);
  }
  if (lower.includes('no action required')) {
    row.succeeded = true;
    fact(row, 'no action required');
  }
  if (lower.includes('will not be enforced')) fact(row, 'not enforced');
  if (lower.includes('reevaluation interval is not expired')) fact(row, 'skipped: re-evaluation not due yet');
  if (lower.includes('not applicable due to assignment filters')) {
    row.notApplicable = true;
    fact(row, 'excluded by assignment filters');
  }
  eachMatch(CODES, m, (c) => {
    const n = Number(c[1]);
    if (n !== 0) addCode(row, decimalCode(n));
  });
}

/** `row` when a report written after it closed still belongs to it (within two minutes of its end). */
function lateReport(row: RowDraft | undefined, r: ImeRecord, phase: string): RowDraft | undefined {
  if (!row || phase !== 'report' || r.timeMs === null || row.endMs === null) return undefined;
  return r.timeMs - row.endMs <= LATE_REPORT_MS ? row : undefined;
}

/** What a `[Win32App…]` record is to the reader (`classify`). */
export type AppRecord =
  | { close: true }
  | { close: false; ids: Set<string>; listed: Set<string>; subgraph: boolean; lower: string };

/**
 * What a record's message says, as the reader reads it: nothing (null: not a Win32App record, or too long
 * to be a step), the end of every open run, or the apps it names (those its lists name in `listed`,
 * `subgraph` when one is a subgraph's list). Messages are read up to 64 K characters (timeline.ts `add`).
 */
export function classify(m: string): AppRecord | null {
  if (!m.startsWith('[Win32App')) return null;
  // Policy lists run to hundreds of KB: they name apps (names.ts reads them) but are no step of a run.
  if (m.length > STEP_CHARS) return null;
  if (isClose(m)) return { close: true };
  const ids = new Set<string>();
  for (const re of listForms) {
    const list = re.exec(m);
    if (list) eachMatch(GUIDS, list[1], (g) => ids.add(g[0].toLowerCase()));
  }
  const subgraph = ids.size > 0 && m.includes('subgraph with app ids');
  const listed = new Set(ids);
  for (const re of appIdForms) eachMatch(re, m, (g) => ids.add(g[1].toLowerCase()));
  return { close: false, ids, listed, subgraph, lower: m.toLowerCase() };
}

/** The lines that end every open run: a subgraph done, the action processor's next pass. */
export const CLOSE_TEXTS = ['Done processing subgraph', '[ActionProcessor] Processor initializing'];
const isClose = (m: string): boolean => m.includes(CLOSE_TEXTS[0]) || m.includes(CLOSE_TEXTS[1]);

export interface AppRowsOptions {
  /** Read as if a subgraph list was seen before (a part read after one, ime/app-cut.ts). */
  subgraphs?: boolean;
  /** False: no report is taken as a late report of a closed run (another reader takes them). */
  lateReports?: boolean;
  /** Only the runs with these keys (`rowKey`) are kept as rows; the others are read and dropped. */
  only?: Set<string>;
}

/** A run's key: its app and the record it started at. */
export const rowKey = (row: Pick<RowDraft, 'id' | 'firstRecord'>): string => `${row.id}@${row.firstRecord}`;

export class Win32AppRows {
  private readonly open = new Map<string, RowDraft>();
  readonly rows: RowKeeper;
  /** The last closed run of each app: a report written after its subgraph is done still belongs to it. */
  readonly last = new Map<string, RowDraft>();
  /** Whether this file marks runs by subgraph (AppWorkload); if not, an app's first mention opens its run. */
  private subgraphs: boolean;
  private readonly lateReports: boolean;
  private readonly only: Set<string> | null;

  constructor(
    private readonly file: number,
    private readonly fileName: string,
    keep?: number,
    options: AppRowsOptions = {},
  ) {
    this.rows = new RowKeeper(keep);
    this.subgraphs = options.subgraphs ?? false;
    this.lateReports = options.lateReports ?? true;
    this.only = options.only ?? null;
  }

  add(r: ImeRecord): void {
    const c = classify(r.message);
    if (!c) return;
    if (c.close) {
      for (const row of this.open.values()) touch(row, r, 'other', false);
      this.closeAll();
      return;
    }
    const { ids, listed, lower } = c;
    if (c.subgraph) {
      this.subgraphs = true;
      for (const id of listed) this.close(id);
    }
    // A line about the subgraph as a whole is a step of every app in it.
    if (!ids.size && lower.includes('subgraph')) for (const id of this.open.keys()) ids.add(id);
    if (!ids.size) return;
    const phase = phaseOf(lower);
    for (const id of ids) {
      let row = this.open.get(id);
      if (!row && this.subgraphs && !listed.has(id) && this.lateReports) row = lateReport(this.last.get(id), r, phase);
      if (!row) {
        if (this.subgraphs && !listed.has(id)) continue;
        row = newRow('win32app', id, this.file, this.fileName, r);
        this.open.set(id, row);
      }
      touch(row, r, phase);
      read(row, r.message, lower);
    }
  }

  /**
   * A record read after `row` closed, while its app has no open run and `row` is its last closed one (ime/
   * app-cut.ts): taken into `row` when the reader would take it as a late report. Records of the window
   * are given in order.
   */
  static addLate(row: RowDraft, r: ImeRecord): void {
    const c = classify(r.message);
    if (!Win32AppRows.mayBeLate(c, row.id)) return;
    const phase = phaseOf(c.lower);
    if (!lateReport(row, r, phase)) return;
    touch(row, r, phase);
    read(row, r.message, c.lower);
  }

  /** Whether a record so classified can be a late report of app `id` (then only its time tells). */
  static mayBeLate(c: AppRecord | null, id: string): c is Extract<AppRecord, { close: false }> {
    return c !== null && !c.close && c.ids.has(id) && !c.listed.has(id) && phaseOf(c.lower) === 'report';
  }

  private close(id: string): void {
    const row = this.open.get(id);
    if (!row) return;
    if (!this.only || this.only.has(rowKey(row))) this.rows.push(row);
    this.last.set(id, row);
    this.open.delete(id);
  }

  /** Forgets the runs open now, as if the file started here (they are not rows). */
  forgetOpen(): void {
    this.open.clear();
  }

  private closeAll(): void {
    for (const id of [...this.open.keys()]) this.close(id);
  }

  /** The rows unfinished (every open run closed). */
  drafts(): RowDraft[] {
    this.closeAll();
    return this.rows.done();
  }

  done(): ReturnType<typeof finishRow>[] {
    return this.drafts().sort((a, b) => a.firstRecord - b.firstRecord).map(finishRow);
  }
}
