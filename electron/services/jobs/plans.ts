// Plans (previews not started yet) are kept apart from jobs: they expire after a while (24 h by default)
// or are discarded by the technician, so a preview never leaves a job behind that can be neither started
// nor removed.
import { AppError } from '../../common/errors.ts';
import type { Job } from '../../common/jobs.ts';
import type { Journal } from './journal.ts';

export const defaultPlanTtlMs = 24 * 3_600_000;

/** When a plan stops being startable. */
export function planExpiresAt(job: Job, ttlMs: number): string {
  return new Date(Date.parse(job.createdAt) + ttlMs).toISOString();
}

export class PlanShelf {
  constructor(
    private readonly journal: Journal,
    private readonly now: () => number,
    private readonly ttlMs: number,
  ) {}

  /** Removes every plan past its expiry; returns how many went. */
  expire(): number {
    let n = 0;
    for (const j of this.journal.jobs()) if (j.status === 'planned' && this.expired(j)) n += this.journal.deleteJob(j.id) ? 1 : 0;
    return n;
  }

  /** The plans still startable, newest first, with their expiry. */
  list(): Array<Job & { expiresAt: string }> {
    this.expire();
    return this.journal
      .jobs()
      .filter((j) => j.status === 'planned')
      .map((j) => ({ ...j, expiresAt: planExpiresAt(j, this.ttlMs) }));
  }

  expired(job: Job): boolean {
    return job.status === 'planned' && this.now() >= Date.parse(planExpiresAt(job, this.ttlMs));
  }

  /** Throws (and removes the plan) when a plan about to start has expired. */
  requireFresh(job: Job): void {
    if (!this.expired(job)) return;
    this.journal.deleteJob(job.id);
    throw new AppError('not_found', `This preview expired after ${Math.round(this.ttlMs / 3_600_000)} hours: the devices may have changed since. Preview again.`);
  }

  discard(job: Job): void {
    if (job.status !== 'planned') throw new AppError('not_allowed', 'Only a preview that has not started can be discarded; a job stays in the list and the audit trail.');
    this.journal.deleteJob(job.id);
  }
}
