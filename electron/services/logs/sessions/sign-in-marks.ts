// The lines that say who was signed in, read from a file's records on a log worker: a reassignment or Hub
// log's sign-in step (the explainer's 'trigger' patterns, so any wording they know), IME's user-session
// lines ("Processing user session 1, userId: …, userSID: S-1-…" and "Expected usersid for session 1 with
// name AzureAD\\user is S-1-…", which pairs a SID with a name), and, for event logs, the EVTX reader's
// Winlogon / User Profile / Security sign-ins.
import { signInsOfFile } from '../formats/evtx/sign-ins.ts';
import { StepMatcher } from '../reassignment/patterns.ts';
import type { StepPatternSpec } from '../reassignment/pattern-spec.ts';

export interface SignInMark {
  kind: 'logon' | 'logoff' | 'seen';
  timeMs: number;
  /** DOMAIN\user, a UPN, or a SID. */
  user: string;
  /** The SID, when the line names one (lets a SID-only line borrow a name). */
  sid: string;
  from: string;
  record: number;
}

const SID = 'S-1-[0-9]+(?:-[0-9]+){1,14}';
const EXPECTED = new RegExp(`Expected usersid for session \\d+ with name (\\S{1,200}) is (${SID})`, 'i');
const PROCESSING = new RegExp(`Processing user session \\d+, userId: [0-9a-f-]{36}, userSID: (${SID})`, 'i');

export class SignInMarks {
  private readonly marks: SignInMark[] = [];
  private readonly matcher: StepMatcher;

  constructor(
    private readonly label: string,
    patterns: StepPatternSpec[] = [],
  ) {
    this.matcher = new StepMatcher(patterns);
  }

  add(r: { index: number; timeMs: number | null; message: string }): void {
    if (r.timeMs === null) return;
    const m = r.message.length > 4096 ? r.message.slice(0, 4096) : r.message;
    const expected = EXPECTED.exec(m);
    if (expected) return void this.marks.push({ kind: 'seen', timeMs: r.timeMs, user: expected[1], sid: expected[2], from: 'IME user session', record: r.index });
    const processing = PROCESSING.exec(m);
    if (processing) return void this.marks.push({ kind: 'seen', timeMs: r.timeMs, user: processing[1], sid: processing[1], from: 'IME user session', record: r.index });
    if (!/log|sign|session/i.test(m)) return;
    const step = this.matcher.match(m);
    if (step?.kind === 'trigger' && step.groups.user) this.marks.push({ kind: 'logon', timeMs: r.timeMs, user: step.groups.user, sid: '', from: this.label, record: r.index });
  }

  done(): SignInMark[] {
    return this.marks;
  }
}

/** An event log's sign-ins as marks (lock and unlock say the user is there). */
export function eventLogMarks(path: string): SignInMark[] {
  return signInsOfFile(path).map((s) => ({
    kind: s.kind === 'logon' ? 'logon' : s.kind === 'logoff' ? 'logoff' : 'seen',
    timeMs: s.timeMs,
    user: s.user || s.sid,
    sid: s.sid,
    from: s.from,
    record: -1,
  }));
}
