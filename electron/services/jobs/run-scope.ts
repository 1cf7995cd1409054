// What one job run shares with its Intune and Workspace ONE paths: settings, dependencies, and the few
// run-wide services (stop state, read-back, back-off, journal writes) the paths call.
import type { AppError } from '../../common/errors.ts';
import type { DeviceState, JobProgress, JobStep } from '../../common/jobs.ts';
import type { Logger } from '../log/logger.ts';
import type { Clock } from './clock.ts';
import type { ActionExecutor } from './executor.ts';
import type { Journal } from './journal.ts';
import type { StepLedger } from './ledger.ts';
import type { TokenBucket } from './throttle.ts';

export interface RunnerSettings {
  /** Intune calls in flight at once (the bucket sets the rate; this only covers latency). */
  concurrency: number;
  maxThrottleRetries: number;
  maxTransientRetries: number;
  /** First back-off for 429 without Retry-After and for 5xx/network loss. */
  backoffBaseMs: number;
  /** How long a WS1 change may stay pending before we give up waiting for the device. */
  ws1GiveUpMs: number;
  progressIntervalMs: number;
}

export const defaultRunnerSettings: RunnerSettings = {
  concurrency: 8,
  maxThrottleRetries: 8,
  maxTransientRetries: 3,
  backoffBaseMs: 1000,
  ws1GiveUpMs: 24 * 3_600_000,
  progressIntervalMs: 250,
};

export interface RunnerDeps {
  journal: Journal;
  executor: ActionExecutor;
  clock: Clock;
  intuneBucket: TokenBucket;
  ws1Bucket: TokenBucket;
  settings: RunnerSettings;
  onProgress: (p: JobProgress) => void;
  logger?: Logger;
  random?: () => number;
}

/** What reading a device back says about a step's change. */
export type Verdict = { kind: 'applied'; state: DeviceState } | { kind: 'notApplied' } | { kind: 'unknown'; error: AppError };

export interface RunScope {
  readonly deps: RunnerDeps;
  readonly ledger: StepLedger;
  /** False once the run is paused or cancelled: no new step is taken. */
  running(): boolean;
  /** Reads the device to decide whether the step's change is already there. */
  verify(step: JobStep, signal: AbortSignal): Promise<Verdict>;
  /** Back-off before retry number `attempt` (1, 2, …). */
  backoff(attempt: number): number;
  /** Sleeps; false when `signal` aborted first. */
  sleep(ms: number, signal: AbortSignal): Promise<boolean>;
  /** Counts a 429 for the progress report. */
  countThrottle(): void;
}
