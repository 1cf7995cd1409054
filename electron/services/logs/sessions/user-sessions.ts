// Who was signed in when, over a whole session: each file's sign-in marks (read on the log workers, see
// sign-in-marks.ts), paired into user sessions (pair.ts).
import type { UserSession } from '../../../common/logs-insight.ts';
import { analyseInParts } from '../analyses.ts';
import type { StepPatternSpec } from '../reassignment/pattern-spec.ts';
import { settled, type Engine, type Session } from '../session.ts';
import { pairSessions, type FileMark } from './pair.ts';
import type { SignInMark } from './sign-in-marks.ts';

export async function userSessions(e: Engine, s: Session, patterns: StepPatternSpec[] = [], signal?: AbortSignal): Promise<UserSession[]> {
  await settled(s);
  const marks: FileMark[] = [];
  for (const file of s.files.keys()) {
    const join = (a: SignInMark[], b: SignInMark[]): SignInMark[] => [...a, ...b];
    for (const m of await analyseInParts<SignInMark[]>(e, s, file, 'sessions', join, signal, patterns)) marks.push({ ...m, file });
  }
  return pairSessions(marks);
}
