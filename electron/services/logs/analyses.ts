// The analyses over a session's logs: reassignment attempts (DeviceReassignment logs) and Win32 app
// attempts (IME logs), each reading every record of the files it concerns.
import { basename } from 'node:path';
import type { ReassignmentAttempt, Win32AppAttempt } from '../../common/logs.ts';
import { Win32AppSummary } from './ime/win32-apps.ts';
import { forEachRecord } from './reading.ts';
import { ReassignmentExplainer } from './reassignment/explain.ts';
import { settled, type Session } from './session.ts';

/** Reassignment attempts in the session's DeviceReassignment logs (or every file if none is named so). */
export async function explainReassignments(s: Session, signal?: AbortSignal): Promise<ReassignmentAttempt[]> {
  await settled(s);
  const named = s.files.filter((f) => /devicereassignment/i.test(basename(f.info.path)));
  const attempts: ReassignmentAttempt[] = [];
  for (const f of named.length ? named : s.files) {
    const ex = new ReassignmentExplainer(f.info.path);
    await forEachRecord(s, s.files.indexOf(f), signal, (r) => ex.add({ index: r.index, time: r.time, timeMs: r.timeMs, message: r.message }));
    attempts.push(...ex.done());
  }
  return attempts;
}

/** Win32 apps seen in the session's IME logs (AppWorkload, IntuneManagementExtension), with their errors. */
export async function win32Apps(s: Session, signal?: AbortSignal): Promise<Win32AppAttempt[]> {
  await settled(s);
  const out: Win32AppAttempt[] = [];
  for (const [file, f] of s.files.entries()) {
    if (!/^(appworkload|intunemanagementextension)/i.test(basename(f.info.path.replace(/^.*!\//, '')))) continue;
    const sum = new Win32AppSummary(f.info.path);
    await forEachRecord(s, file, signal, (r) => sum.add(r));
    out.push(...sum.done());
  }
  return out;
}
