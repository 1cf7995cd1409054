// The IME timeline of one file, built on a log worker: AgentExecutor logs give PowerShell runs (scripts,
// remediations, detection scripts), AppWorkload / AppActionProcessor / IntuneManagementExtension logs give
// Win32 app runs; every IME file also teaches names for GUIDs (names/learn.ts).
import type { GuidName, ImeTimelineRow } from '../../../common/logs-insight.ts';
import { NameLearner } from '../names/learn.ts';
import { AgentExecutorRuns } from './agent-executor.ts';
import { Win32AppRows } from './app-rows.ts';
import { keepNewest, stepOf, type ImeRecord } from './rows.ts';
import type { RecordPlan, ScanNeedle, Take } from '../analysis-scan.ts';
import { SeenRecords } from '../names/seen-records.ts';

export interface FileTimeline {
  rows: Omit<ImeTimelineRow, 'name'>[];
  names: GuidName[];
  /** Older rows this file had beyond the newest it keeps (rows.ts). */
  omitted: number;
}

/** The IME log a file name is, if any (bundles name entries `a.zip!/path/AppWorkload.log`). */
export function imeLogKind(label: string): 'agent' | 'apps' | 'other' | null {
  const name = label.replace(/^.*[!\\/]/, '').toLowerCase();
  if (name.startsWith('agentexecutor')) return 'agent';
  if (/^(appworkload|appactionprocessor|intunemanagementextension)/.test(name)) return 'apps';
  if (/^(healthscripts|clientcertcheck|sensor|win32appinventory|devicehealthmonitoring)/.test(name)) return 'other';
  return null;
}

export const RUN_START = 'ExecutorLog AgentExecutor gets invoked';
/** An id key of IME's JSON (`Id"`, `AppId\"`, …): the names learner reads nothing else (names/learn.ts). */
export const ID_KEY: ScanNeedle = { text: 'Id', caseSensitive: true, next: (b) => b === 0x22 || b === 0x5c };
/** What an app log's run reader reads: records starting "[Win32App" (app-rows.ts). */
const APP_NEEDLES: ScanNeedle[] = [{ text: '[Win32App', caseSensitive: true }, ID_KEY];
/**
 * What changes an AgentExecutor run beyond its end (agent-executor.ts): the line that starts a run, the
 * script path that names it (every form holds `Scripts\`), the exit code, the output, the end of a run.
 */
const AGENT_NEEDLES: ScanNeedle[] = [
  { text: RUN_START, caseSensitive: true },
  { text: 'scripts\\', caseSensitive: false },
  { text: 'powershell exit code is', caseSensitive: false },
  { text: 'write output done', caseSensitive: false },
  { text: 'agent executor completed', caseSensitive: false },
  ID_KEY,
];
/** The same without the id key, for a reader that learns no names (`learnNames`). */
const AGENT_RUN_NEEDLES = AGENT_NEEDLES.slice(0, -1);

export class ImeFileTimeline {
  private readonly runs: AgentExecutorRuns | Win32AppRows | null;
  private readonly names: NameLearner | null;
  private readonly seen = new SeenRecords();
  /** The next record added is one like a record already read (`takeNames`): its names are known. */
  private skipNames = false;
  private readonly kind: ReturnType<typeof imeLogKind>;

  /** `keep`: rows kept (rows.ts RowKeeper); `learnNames` false when another walk learns them. */
  constructor(file: number, label: string, keep?: number, learnNames = true) {
    this.kind = imeLogKind(label);
    const fileName = label.replace(/^.*[!\\/]/, '');
    this.runs = this.kind === 'agent' ? new AgentExecutorRuns(file, fileName, keep) : this.kind === 'apps' ? new Win32AppRows(file, fileName, keep) : null;
    this.names = learnNames ? new NameLearner() : null;
  }

  /**
   * Which records this file's readers need decoded, for a CMTrace file in UTF-8 (where each literal of a
   * message is in the raw bytes as written). A record holding none of the literals cannot matter, except
   * inside an AgentExecutor run: each of its records is a step until the run has all its steps, and
   * after that one only extends the run (`extend`).
   */
  plan(): RecordPlan {
    const runs = this.runs;
    if (runs instanceof AgentExecutorRuns) {
      return {
        needles: this.names ? AGENT_NEEDLES : AGENT_RUN_NEEDLES,
        take: (hit, mask, raw) => {
          if (hit) return this.takeNames(mask, 1 << (AGENT_NEEDLES.length - 1), raw);
          const state = runs.state();
          return state === 'open' ? 'decode' : state === 'full' ? 'extend' : 'skip';
        },
      };
    }
    if (runs) return { needles: APP_NEEDLES, take: (hit, mask, raw) => (hit ? this.takeNames(mask, 2, raw) : 'skip') };
    return { needles: [ID_KEY], take: (hit, mask, raw) => (hit ? this.takeNames(mask, 1, raw) : 'skip') };
  }

  /**
   * A record holding a literal: decoded, but when it holds the id key (`idBit` of `mask`) its names are
   * read only if no record byte for byte like it was (names/seen-records.ts); one holding only the id key
   * is then passed over.
   */
  private takeNames(mask: number, idBit: number, raw: Buffer | null): Take {
    this.skipNames = (mask & idBit) !== 0 && this.names !== null && raw !== null && this.seen.seen(raw);
    if (!this.skipNames || mask !== idBit) return 'decode';
    this.skipNames = false;
    return 'skip';
  }

  /**
   * Can a part of the file start at this record with a fresh reader and give what reading on would? At a
   * run's first record for AgentExecutor runs (each run is read on its own); anywhere when only names are
   * learned; never for app runs, whose late reports and subgraph mode carry over.
   */
  startsHere(r: ImeRecord): boolean {
    if (this.runs instanceof AgentExecutorRuns) return r.message.startsWith(RUN_START);
    return this.runs === null;
  }

  /** Records passed over by 'extend' (see `plan`): the run in progress ends at the last of them. */
  extend(lastIndex: number, time: string | null, timeMs: number | null): void {
    if (this.runs instanceof AgentExecutorRuns) this.runs.extend(lastIndex, time, timeMs);
  }

  add(r: ImeRecord): void {
    this.runs?.add(stepOf(r));
    if (!this.skipNames) this.names?.add(r.message, this.kind === 'apps' ? 'app' : null);
    this.skipNames = false;
  }

  done(): FileTimeline {
    return { rows: this.runs?.done() ?? [], names: this.names?.done() ?? [], omitted: this.runs?.rows.omitted ?? 0 };
  }
}

/**
 * Two parts of one file's timeline (the earlier first) as one, as if read in one go: the names the
 * earlier part learned first win, and the newest MAX_FILE_ROWS rows by start are kept (rows.ts).
 */
export function mergeFileTimelines(a: FileTimeline, b: FileTimeline, keep?: number): FileTimeline {
  const known = new Set(a.names.map((n) => n.id));
  const names = [...a.names, ...b.names.filter((n) => !known.has(n.id))];
  const rows = keepNewest([...a.rows, ...b.rows], keep);
  return { rows, names, omitted: a.omitted + b.omitted + a.rows.length + b.rows.length - rows.length };
}
