// The lines that say who was signed in, read from a file's records on a log worker: a reassignment or Hub
// log's sign-in step (the explainer's 'trigger' patterns, so any wording they know), IME's user-session
// lines ("Processing user session 1, userId: …, userSID: S-1-…" and "Expected usersid for session 1 with
// name AzureAD\\user is S-1-…", which pairs a SID with a name), and, for event logs, the EVTX reader's
// Winlogon / User Profile / Security sign-ins.
import { signInsOfFile } from '../formats/evtx/sign-ins.ts';
import { StepMatcher, shippedPatterns } from '../reassignment/patterns.ts';
import type { ScanNeedle } from '../analysis-scan.ts';
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

/**
 * Literals that stand for several phrases: a phrase holding one of them is found through it. "log" also
 * opens and closes every CMTrace record ("<![LOG[", "]LOG]!>"), so it counts only before another byte.
 */
const COVERS: ScanNeedle[] = [
  { text: 'session', caseSensitive: false },
  { text: 'sign', caseSensitive: false },
  { text: 'log', caseSensitive: false, next: (b) => b !== 0x5b && b !== 0x5d },
];

/**
 * The literals one of which a record's raw UTF-8 bytes hold (any case) when the record can give a mark:
 * the IME lines' words and each phrase of the first group of every sign-in ('trigger') pattern, since a
 * line is a sign-in only when such a pattern matches. Null when some phrase cannot be found that way:
 * lower-casing turns "K" (Kelvin sign) into "k" and "İ" into "i" plus a dot, so a phrase with a "k", one
 * ending in "i" or one that is not ASCII is only found in the decoded text.
 */
export function signInNeedles(patterns: StepPatternSpec[] = []): ScanNeedle[] | null {
  const phrases = ['expected usersid for session', 'processing user session'];
  for (const p of [...patterns, ...shippedPatterns]) if (p.kind === 'trigger') phrases.push(...p.allOf[0]);
  const needles: ScanNeedle[] = [];
  for (const phrase of phrases) {
    if (!/^[\x20-\x7e]+$/.test(phrase) || phrase.includes('k') || phrase.endsWith('i')) return null;
    const cover = COVERS.find((c) => coveredBy(phrase, c));
    const needle = cover ?? { text: phrase, caseSensitive: false };
    if (!needles.includes(needle) && !needles.some((n) => n.text === needle.text)) needles.push(needle);
  }
  return needles;
}

/** Does every line holding `phrase` (any case) hold a match of `c`? */
function coveredBy(phrase: string, c: ScanNeedle): boolean {
  for (let at = phrase.indexOf(c.text); at >= 0; at = phrase.indexOf(c.text, at + 1)) {
    if (!c.next) return true;
    // The byte after it in the line: the phrase's next character, in either case.
    const after = phrase.charCodeAt(at + c.text.length);
    if (Number.isNaN(after)) continue;
    const upper = after >= 0x61 && after <= 0x7a ? after - 32 : after;
    if (c.next(after) && c.next(upper)) return true;
  }
  return false;
}

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
    const step = this.matcher.matchOfKind(m, 'trigger');
    if (step?.groups.user) this.marks.push({ kind: 'logon', timeMs: r.timeMs, user: step.groups.user, sid: '', from: this.label, record: r.index });
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
