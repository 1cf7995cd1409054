// The changes a card shows as pending or just done, read from the jobs journal through its public functions:
// every step still waiting for its device, and those confirmed or given up within the last day.
import type { PendingChange } from '../../common/device.ts';
import type { Job, JobStep } from '../../common/jobs.ts';
import type { Journal } from '../jobs/journal.ts';

const actionLabels: Record<string, string> = {
  'ws1.changeToMultiuser': 'Change to Multiuser',
  'ws1.migrateToMultiuser': 'Migrate to Multiuser',
  'ws1.changeToSingleuser': 'Change to Single user',
  'intune.removePrimaryUser': 'Remove the primary user',
  'intune.assignPrimaryUser': 'Change the primary user',
};

const recentMs = 86_400_000;

function toPending(step: JobStep, job: Job | undefined): PendingChange | null {
  if (!step.deviceKey || !step.action || !step.pending) return null;
  const user = step.action.user?.upn ?? step.action.user?.id;
  const base = actionLabels[step.action.id] ?? 'Change';
  return {
    deviceKey: step.deviceKey,
    actionId: step.action.id,
    label: step.action.id === 'intune.assignPrimaryUser' && user ? `Make ${user} the primary user` : base,
    sentAt: step.pending.since,
    by: job?.technician ?? 'unknown',
    state: step.pending.state,
    until: step.pending.until,
  };
}

/** Pending (waiting) changes, plus those settled within the last day, newest first; one per device and action. */
export function pendingChanges(journal: Pick<Journal, 'waitingSteps' | 'jobs' | 'steps' | 'job'>, now = Date.now()): PendingChange[] {
  const out = new Map<string, PendingChange>();
  const add = (s: JobStep) => {
    const p = toPending(s, journal.job(s.jobId));
    const k = p && `${p.deviceKey}|${p.actionId}`;
    if (p && k && (!out.has(k) || out.get(k)!.sentAt < p.sentAt)) out.set(k, p);
  };
  for (const s of journal.waitingSteps()) add(s);
  for (const j of journal.jobs()) {
    if (now - Date.parse(j.startedAt ?? j.createdAt) > recentMs) continue;
    for (const s of journal.steps(j.id, ['succeeded'])) if (s.pending && s.pending.state !== 'waiting') add(s);
  }
  return [...out.values()].sort((a, b) => b.sentAt.localeCompare(a.sentAt));
}
