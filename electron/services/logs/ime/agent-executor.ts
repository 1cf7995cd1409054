// PowerShell runs from AgentExecutor logs: each "AgentExecutor gets invoked" starts one run, which the
// script path names — a remediation (IMECache\HealthScripts\<policy id>_<version>\detect.ps1 or
// remediate.ps1), a Win32 app's detection script (Content\DetectionScripts\<app id>_<n>.ps1) or a platform
// script (…\Scripts\<policy id>…ps1). Its exit code, success line and output are the result.
import { GUID_SRC, MAX_STEPS, RowKeeper, addCode, decimalCode, fact, finishRow, newRow, touch, type ImeRecord, type RowDraft } from './rows.ts';

const G = `(${GUID_SRC})`;
const scriptForms: [RegExp, RowDraft['kind'], string | null][] = [
  [new RegExp(`HealthScripts\\\\${G}_\\d+\\\\(detect|remediate)\\.ps1`, 'i'), 'remediation', null],
  [new RegExp(`DetectionScripts\\\\${G}_\\d+\\.ps1`, 'i'), 'win32app', 'detection script'],
  [new RegExp(`\\\\Scripts\\\\${G}[^\\\\"]{0,80}\\.ps1`, 'i'), 'script', null],
];

/** The script a record of a run names (which makes the run a row), as the first form matching gives it. */
export function scriptOf(m: string): { kind: RowDraft['kind']; id: string; what: string | null; part: string | undefined } | null {
  for (const [re, kind, what] of scriptForms) {
    const s = re.exec(m);
    if (s) return { kind, id: s[1], what, part: s[2] };
  }
  return null;
}

export class AgentExecutorRuns {
  readonly rows: RowKeeper;
  private cur: RowDraft | null = null;
  private pending: ImeRecord | null = null;
  private phase: string | null = null;
  private exit: number | null = null;

  constructor(
    private readonly file: number,
    private readonly fileName: string,
    keep?: number,
  ) {
    this.rows = new RowKeeper(keep);
  }

  /**
   * Where the reader is: no run and none announced, a run announced ("gets invoked") but its script not
   * named yet, a run taking steps, or a run whose steps are all kept (a plain record then only extends it).
   */
  state(): 'idle' | 'announced' | 'open' | 'full' {
    if (this.cur) return this.cur.steps.length < MAX_STEPS ? 'open' : 'full';
    return this.pending ? 'announced' : 'idle';
  }

  /**
   * What `add` does with records that say nothing it looks for, once the run's steps are all kept: the
   * run ends at the last of them and at the last time they carry (`time`, `timeMs`: the last non-empty).
   */
  extend(lastIndex: number, time: string | null, timeMs: number | null): void {
    const row = this.cur;
    if (!row) return;
    row.lastRecord = lastIndex;
    if (time) row.end = time;
    if (timeMs !== null) row.endMs = timeMs;
  }

  add(r: ImeRecord): void {
    const m = r.message;
    if (m.startsWith('ExecutorLog AgentExecutor gets invoked')) {
      this.close();
      this.pending = r;
      return;
    }
    if (!this.cur) {
      if (!this.pending) return;
      const s = scriptOf(m);
      if (!s) return;
      this.cur = newRow(s.kind, s.id, this.file, this.fileName, this.pending);
      this.phase = s.what ?? (s.kind === 'remediation' ? (s.part?.toLowerCase() === 'detect' ? 'detection' : 'remediation') : 'script');
    }
    const row = this.cur;
    const exit = /^Powershell exit code is (-?\d+)/i.exec(m);
    if (exit) {
      this.exit = Number(exit[1]);
      touch(row, r, 'execution', false);
      return;
    }
    if (/^Powershell script is successfully executed/i.test(m)) return touch(row, r, 'execution', false);
    if (/^Powershell script is failed to execute/i.test(m)) return touch(row, r, 'execution', false);
    const out = /^write output done\. output = ([^\r\n]{0,200})/i.exec(m);
    if (out) {
      if (out[1].trim()) fact(row, `output: ${out[1].trim()}`);
      return touch(row, r, 'output', false);
    }
    if (/^Agent executor completed/i.test(m)) {
      touch(row, r, 'other', false);
      return this.close();
    }
    touch(row, r, /^(prepare to run|cmd line|powershell path|\[executor\])/i.test(m) ? 'execution' : 'other', false);
  }

  private close(): void {
    const row = this.cur;
    this.cur = null;
    this.pending = null;
    if (!row) return;
    const code = this.exit;
    const what = this.phase ?? 'script';
    this.exit = null;
    this.phase = null;
    if (code === null) fact(row, `${what}: no exit code in the log`);
    else if (what === 'detection' && row.kind === 'remediation') {
      // A remediation's detection exits 1 when it found the issue: the remediation script runs next.
      if (code === 0) fact(row, 'detection: no issue found (exit 0)');
      else if (code === 1) fact(row, 'detection: issue found, remediation due (exit 1)');
      else {
        row.failed = true;
        addCode(row, decimalCode(code));
      }
      row.succeeded = code === 0 || code === 1;
    } else if (what === 'detection script') {
      fact(row, code === 0 ? 'detection script ran (exit 0)' : `not detected (detection script exit ${code})`);
      row.succeeded = code === 0;
      if (code !== 0) row.failed = true;
    } else {
      fact(row, `${what} exit ${code}`);
      row.succeeded = code === 0;
      if (code !== 0) {
        row.failed = true;
        addCode(row, decimalCode(code));
      }
    }
    this.rows.push(row);
  }

  done(): ReturnType<typeof finishRow>[] {
    this.close();
    return this.rows.done().map(finishRow);
  }
}
