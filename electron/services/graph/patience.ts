// The patient retry policy of non-interactive bulk reads (planning a mode change over hundreds or thousands
// of devices): every Retry-After is honoured and a throttled or failing call goes on while the service keeps
// answering, up to a bounded total wait per call (10 minutes by default), then fails with a clear sentence.
// Interactive lookups keep the short policy of http.ts. The policy travels with the async context of the
// bulk read (AsyncLocalStorage), so the clients and sources it passes through need no extra parameter, and a
// lookup running at the same time outside it is not slowed down.
import { AsyncLocalStorage } from 'node:async_hooks';
import { AppError } from '../../common/errors.ts';

export interface ServiceWait {
  /** "Intune" / "Workspace ONE". */
  service: string;
  ms: number;
  /** 429 (asked to slow down) or 5xx (having problems). */
  why: 'throttled' | 'unavailable';
}

export interface Patience {
  /** The longest total a single call may wait for the service before it fails. */
  maxWaitMs: number;
  /** Told before each wait, so the technician sees why planning is slow. */
  onWait?: (w: ServiceWait) => void;
}

export const defaultPatientWaitMs = 10 * 60_000;

const context = new AsyncLocalStorage<Patience>();

/** Runs `work` (and every call it makes) under the patient policy. */
export function patiently<T>(patience: Patience, work: () => Promise<T>): Promise<T> {
  return context.run(patience, work);
}

/** The patient policy in force for the current call, if any. */
export function currentPatience(): Patience | undefined {
  return context.getStore();
}

/** "Intune asked us to slow down; continuing in 14 s". */
export function waitText(w: ServiceWait): string {
  const s = Math.max(1, Math.ceil(w.ms / 1000));
  return w.why === 'throttled' ? `${w.service} asked us to slow down; continuing in ${s} s` : `${w.service} is having problems; trying again in ${s} s`;
}

/** The budget of one call: whether it may wait `ms` more, telling the technician when it does. */
export class WaitBudget {
  private waited = 0;

  constructor(
    private readonly patience: Patience,
    private readonly service: string,
  ) {}

  allows(ms: number, why: ServiceWait['why']): boolean {
    if (this.waited + ms > this.patience.maxWaitMs) return false;
    this.waited += ms;
    this.patience.onWait?.({ service: this.service, ms, why });
    return true;
  }

  exhausted(detail: string): AppError {
    const minutes = Math.round(this.patience.maxWaitMs / 60_000);
    return new AppError(
      'throttled',
      `${this.service} kept asking us to slow down for ${minutes >= 1 ? `${minutes} minute${minutes === 1 ? '' : 's'}` : `${Math.round(this.patience.maxWaitMs / 1000)} s`}, so the app stopped; try again later.`,
      detail,
    );
  }
}
