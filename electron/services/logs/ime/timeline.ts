// The IME timeline of one file, built on a log worker: AgentExecutor logs give PowerShell runs (scripts,
// remediations, detection scripts), AppWorkload / AppActionProcessor / IntuneManagementExtension logs give
// Win32 app runs; every IME file also teaches names for GUIDs (names/learn.ts).
import type { GuidName, ImeTimelineRow } from '../../../common/logs-insight.ts';
import { NameLearner } from '../names/learn.ts';
import { AgentExecutorRuns } from './agent-executor.ts';
import { Win32AppRows } from './app-rows.ts';
import type { ImeRecord } from './rows.ts';

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

const OPEN = Buffer.from('<![LOG['), CLOSE = Buffer.from(']LOG]!>'), WIN32 = Buffer.from('[Win32App');

/**
 * The literal prefilter on a CMTrace record's raw UTF-8 bytes, before it is decoded: an app log's record
 * matters only when its message starts with "[Win32App" (a step of a run) or holds a quote (JSON that may
 * pair an id with a name); other IME logs' only when it holds a quote. Null: every record matters (an
 * AgentExecutor run reads each line of its run).
 */
export function imeRawPrefilter(label: string): ((raw: Buffer) => boolean) | null {
  const kind = imeLogKind(label);
  if (kind === 'agent' || kind === null) return null;
  return (raw) => {
    const o = raw.indexOf(OPEN);
    if (o < 0) return true;
    const start = o + OPEN.length;
    if (kind === 'apps' && raw.compare(WIN32, 0, WIN32.length, start, start + WIN32.length) === 0) return true;
    const quote = raw.indexOf(0x22, start);
    if (quote < 0) return false;
    const close = raw.indexOf(CLOSE, start);
    return close < 0 || quote < close;
  };
}

export class ImeFileTimeline {
  private readonly runs: AgentExecutorRuns | Win32AppRows | null;
  private readonly names = new NameLearner();
  private readonly kind: ReturnType<typeof imeLogKind>;

  constructor(file: number, label: string) {
    this.kind = imeLogKind(label);
    const fileName = label.replace(/^.*[!\\/]/, '');
    this.runs = this.kind === 'agent' ? new AgentExecutorRuns(file, fileName) : this.kind === 'apps' ? new Win32AppRows(file, fileName) : null;
  }

  add(r: ImeRecord): void {
    this.runs?.add(r.message.length > 65536 ? { ...r, message: r.message.slice(0, 65536) } : r);
    this.names.add(r.message, this.kind === 'apps' ? 'app' : null);
  }

  done(): FileTimeline {
    return { rows: this.runs?.done() ?? [], names: this.names.done(), omitted: this.runs?.rows.omitted ?? 0 };
  }
}
