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
}

/** The IME log a file name is, if any (bundles name entries `a.zip!/path/AppWorkload.log`). */
export function imeLogKind(label: string): 'agent' | 'apps' | 'other' | null {
  const name = label.replace(/^.*[!\\/]/, '').toLowerCase();
  if (name.startsWith('agentexecutor')) return 'agent';
  if (/^(appworkload|appactionprocessor|intunemanagementextension)/.test(name)) return 'apps';
  if (/^(healthscripts|clientcertcheck|sensor|win32appinventory|devicehealthmonitoring)/.test(name)) return 'other';
  return null;
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
    return { rows: this.runs?.done() ?? [], names: this.names.done() };
  }
}
