// Pairs sign-in marks from every file of a session into user sessions: on a shared device one person
// uses it at a time, so a session runs from a user's first mark to their sign-off, or to the next
// user's mark, or (no end in the logs) on past the last record. The same person written as DOMAIN\user,
// a UPN or a SID that a line paired with a name counts as one.
import type { UserSession } from '../../../common/logs-insight.ts';
import type { SignInMark } from './sign-in-marks.ts';

export type FileMark = SignInMark & { file: number };

const personOf = (user: string): string => user.replace(/^.*\\/, '').replace(/@.*$/, '').toLowerCase();

export function pairSessions(marks: FileMark[]): UserSession[] {
  // A SID some line names with a user name is shown by that name.
  const named = new Map<string, string>();
  for (const m of marks) if (m.sid && m.user !== m.sid) named.set(m.sid, m.user);
  const sorted = [...marks].sort((a, b) => a.timeMs - b.timeMs);
  const out: UserSession[] = [];
  let cur: (UserSession & { person: string }) | null = null;
  const close = (endMs: number | null): void => {
    if (cur) out.push({ user: cur.user, startMs: cur.startMs, endMs, from: cur.from, file: cur.file, firstRecord: cur.firstRecord });
    cur = null;
  };
  for (const m of sorted) {
    const user = m.user.startsWith('S-1-') ? (named.get(m.user) ?? m.user) : m.user;
    const person = personOf(user);
    if (m.kind === 'logoff') {
      if (cur && cur.person === person) close(m.timeMs);
      continue;
    }
    if (cur && cur.person !== person) close(m.timeMs);
    if (!cur) cur = { user, person, startMs: m.timeMs, endMs: null, from: [], file: m.file, firstRecord: m.record };
    if (!cur.from.includes(m.from)) cur.from.push(m.from);
    // Prefer the DOMAIN\user form to show once a line gives it.
    if (cur.user.startsWith('S-1-') || (!cur.user.includes('\\') && user.includes('\\'))) cur.user = user;
  }
  close(null);
  return out;
}
