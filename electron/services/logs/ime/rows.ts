// A timeline row being built: one Win32 app, PowerShell script or remediation run, with its steps and
// the codes its records carried. Shared by the AppWorkload and AgentExecutor readers.
import type { ErrorCodeInfo, LogLevel } from '../../../common/logs.ts';
import type { ImeStep, ImeTimelineRow } from '../../../common/logs-insight.ts';
import { findErrorCodes, lookupErrorCode } from '../error-codes.ts';

export interface ImeRecord {
  index: number;
  time: string | null;
  timeMs: number | null;
  level: LogLevel;
  message: string;
}

export const GUID_SRC = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';

/** A step's message is read up to 64 K characters (longer ones are policy lists, not steps). */
export const STEP_CHARS = 65536;

/** The record as a reader of runs takes it: its message cut to STEP_CHARS. */
export const stepOf = <T extends { message: string }>(r: T): T => (r.message.length > STEP_CHARS ? { ...r, message: r.message.slice(0, STEP_CHARS) } : r);

/** Steps kept per row (a row's count of records goes on). */
export const MAX_STEPS = 60;

export interface RowDraft extends Omit<ImeTimelineRow, 'name' | 'outcome' | 'result' | 'durationMs'> {
  failed: boolean;
  notApplicable: boolean;
  succeeded: boolean;
  facts: string[];
}

export function newRow(kind: ImeTimelineRow['kind'], id: string, file: number, fileName: string, r: ImeRecord): RowDraft {
  return {
    kind, id: id.toLowerCase(), file, fileName,
    firstRecord: r.index, lastRecord: r.index, start: r.time, end: r.time, startMs: r.timeMs, endMs: r.timeMs,
    steps: [], errorCodes: [], failed: false, notApplicable: false, succeeded: false, facts: [],
  };
}

/** A decimal code as IME writes it in JSON (`-2016345060`), explained when the table knows it. */
export function decimalCode(n: number): ErrorCodeInfo {
  const hex = `0x${(n >>> 0).toString(16).toUpperCase().padStart(8, '0')}`;
  return lookupErrorCode(hex) ?? (n > 0 && n < 65536 ? lookupErrorCode(String(n)) : null) ?? { code: hex, kind: 'intune', name: 'unknown code', meaning: "Not in the app's table of codes; search for it in Microsoft's Intune troubleshooting pages." };
}

export function addCode(row: RowDraft, info: ErrorCodeInfo): void {
  if (!row.errorCodes.some((c) => c.code === info.code)) row.errorCodes.push(info);
}

/**
 * A short piece of a long message as a string of its own: V8 keeps a slice pointing into its parent, so
 * 60 steps of a run could otherwise hold 60 whole records (up to 1 MB each) alive in the worker.
 */
const ownCopy = (s: string): string => Buffer.from(s, 'utf8').toString('utf8');

/** Extends the row over a record: its end, a step, and the known codes in its text. */
export function touch(row: RowDraft, r: ImeRecord, phase: ImeStep['phase'], codes = true): void {
  row.lastRecord = r.index;
  if (r.time) row.end = r.time;
  if (r.timeMs !== null) row.endMs = r.timeMs;
  if (row.steps.length < MAX_STEPS) row.steps.push({ record: r.index, phase, text: ownCopy(r.message.split('\n', 1)[0].slice(0, 300)) });
  if (codes) for (const c of findErrorCodes(r.message.slice(0, 8192))) if (c.code !== '0') addCode(row, c);
}

/** Rows a timeline returns at most (the newest); a month of AppActionProcessor passes stays well below. */
export const MAX_ROWS = 5000;
/**
 * Rows one file gives at most (its newest): what a log worker can hold in its 40 MB heap while it reads
 * (a run with its steps is about 3 KB); the real IME logs have up to 1,383 runs per file.
 */
export const MAX_FILE_ROWS = 2000;

export const byStart = (a: Ranked, b: Ranked): number => (a.startMs ?? 0) - (b.startMs ?? 0) || a.firstRecord - b.firstRecord;

/**
 * A file's finished rows, the newest MAX_FILE_ROWS by start kept and the older ones only counted, so a
 * worker's memory stays bounded on a file of any size.
 */
/** What keeping the newest rows looks at. */
export type Ranked = Pick<RowDraft, 'startMs' | 'firstRecord'>;

export class RowKeeper<T extends Ranked = RowDraft> {
  private rows: T[] = [];
  omitted = 0;

  /** `keep`: rows kept (MAX_FILE_ROWS; tests set fewer to meet the cut on small files). */
  constructor(private readonly keep = MAX_FILE_ROWS) {}

  push(row: T): void {
    this.rows.push(row);
    if (this.rows.length >= this.keep + 500) this.trim();
  }

  private trim(): void {
    this.rows.sort(byStart);
    const drop = this.rows.length - this.keep;
    this.omitted += drop;
    this.rows = this.rows.slice(drop);
  }

  done(): T[] {
    if (this.rows.length > this.keep) this.trim();
    return this.rows;
  }

  /** This keeper, taking stand-ins of rows too (ime/app-cut.ts ranks runs before reading them). */
  widen<U extends Ranked>(): RowKeeper<T | U> {
    return this as RowKeeper<T | U>;
  }
}

/**
 * A file's rows, in the order RowKeeper gives them: as pushed while there are at most MAX_FILE_ROWS, else
 * the newest MAX_FILE_ROWS by start, in start order.
 */
export function keepNewest<T extends Ranked>(rows: T[], keep = MAX_FILE_ROWS): T[] {
  return rows.length > keep ? rows.sort(byStart).slice(rows.length - keep) : rows;
}

export function fact(row: RowDraft, text: string): void {
  if (!row.facts.includes(text)) row.facts.push(text);
}

export function finishRow(d: RowDraft): Omit<ImeTimelineRow, 'name'> {
  const outcome = d.failed || d.errorCodes.length > 0 ? 'failed' : d.notApplicable ? 'not_applicable' : d.succeeded ? 'succeeded' : 'unknown';
  const { failed: _f, notApplicable: _n, succeeded: _s, facts, ...row } = d;
  const durationMs = d.startMs !== null && d.endMs !== null ? d.endMs - d.startMs : null;
  return { ...row, outcome, result: facts.join('; ') || 'no result in the log', durationMs };
}
