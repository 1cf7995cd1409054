// Pending state after a change: a WS1 mode change waits until the device reports the new mode (polled,
// with a give-up time); an Intune primary-user change is done at once and never waits here.
import type { DeviceState, JobStep, JobTarget } from '../../common/jobs.ts';
import type { AuditDraft } from '../audit/audit-trail.ts';
import type { Clock } from './clock.ts';
import type { ActionExecutor } from './executor.ts';
import type { Journal } from './journal.ts';
import { auditBase } from './outcomes.ts';

/** Reads the current WS1 user mode of many devices at once (the lookup's WS1 client); keyed by target key. */
export type PollDevices = (targets: JobTarget[], signal: AbortSignal) => Promise<Map<string, DeviceState>>;

/** A PollDevices that reads each device through the executor (a few at a time). */
export function pollByReadState(executor: ActionExecutor, concurrency = 4): PollDevices {
  return async (targets, signal) => {
    const out = new Map<string, DeviceState>();
    let next = 0;
    const worker = async () => {
      while (next < targets.length && !signal.aborted) {
        const t = targets[next++];
        const r = await executor.readState(t, signal);
        if (r.kind === 'ok') out.set(t.key, r.state);
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, targets.length) }, worker));
    return out;
  };
}

export interface PendingSweep {
  confirmed: number;
  gaveUp: number;
  waiting: number;
}

export class PendingTracker {
  constructor(
    private readonly journal: Journal,
    private readonly clock: Clock,
    private readonly poll: PollDevices,
  ) {}

  /** One pass over every waiting step of every job. */
  async sweep(signal: AbortSignal): Promise<PendingSweep> {
    const now = this.clock.now();
    const waiting = this.journal.waitingSteps();
    const ws1 = waiting.filter((s) => s.action?.id.startsWith('ws1.') && s.target);
    const states = ws1.length ? await this.poll(ws1.map((s) => s.target!), signal) : new Map<string, DeviceState>();
    const changed: JobStep[] = [];
    const audit: AuditDraft[] = [];
    const result: PendingSweep = { confirmed: 0, gaveUp: 0, waiting: 0 };
    for (const s of waiting) {
      const p = s.pending!;
      const isWs1 = s.action?.id.startsWith('ws1.');
      const reported = isWs1 ? states.get(s.target!.key)?.ws1UserMode : undefined;
      let state: 'confirmed' | 'gaveUp' | undefined;
      if (isWs1 && reported && reported === p.expected) state = 'confirmed';
      else if (now >= Date.parse(p.until)) state = isWs1 ? 'gaveUp' : 'confirmed';
      if (!state) {
        result.waiting++;
        continue;
      }
      result[state]++;
      const step: JobStep = { ...s, pending: { ...p, state } };
      if (isWs1) {
        step.after = { ws1UserMode: reported ?? s.after?.ws1UserMode };
        step.note = state === 'confirmed' ? 'The device reports the new mode.' : `The device did not report the new mode by ${p.until}; check it in the console.`;
        audit.push(this.entry(step, state, now, reported));
      }
      changed.push(step);
    }
    if (changed.length) this.journal.record(changed, audit);
    return result;
  }

  /** Sweeps every intervalMs until the signal aborts. */
  async watch(intervalMs: number, signal: AbortSignal, onSweep?: (r: PendingSweep) => void): Promise<void> {
    while (!signal.aborted) {
      try {
        onSweep?.(await this.sweep(signal));
        await this.clock.sleep(intervalMs, signal);
      } catch {
        if (signal.aborted) return;
        await this.clock.sleep(intervalMs, signal).catch(() => {});
      }
    }
  }

  private entry(s: JobStep, result: 'confirmed' | 'gaveUp', now: number, reported: string | undefined): AuditDraft {
    const job = this.journal.job(s.jobId);
    return {
      ...auditBase(s, { technician: job?.technician ?? '', tenant: job?.tenant ?? '', reason: job?.reason }),
      at: new Date(now).toISOString(),
      before: s.before ?? null,
      after: s.after ?? null,
      result,
      message: result === 'confirmed' ? `Device reports ${reported}.` : `Still ${reported ?? 'unknown'} at the give-up time.`,
    };
  }
}
