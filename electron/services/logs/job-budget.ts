// A job's time budget on the log workers, started by a message from its worker (so time spent queued
// behind another job does not count): a pattern only V8 runs gets one in filters (filtering.ts, from the
// worker's 'backtracking') and in marks (spans.ts, from 'started'). Past it the job's signal aborts and
// the pool ends the busy worker (worker-host.ts).
export class JobBudget {
  private readonly budget = new AbortController();
  private timer: NodeJS.Timeout | undefined;
  /** Aborts when the caller's signal does or the budget runs out: what the job runs under. */
  readonly signal: AbortSignal;

  constructor(
    readonly ms: number,
    private readonly caller?: AbortSignal,
  ) {
    this.signal = caller ? AbortSignal.any([caller, this.budget.signal]) : this.budget.signal;
  }

  /** Starts the clock (once; later calls do nothing). */
  start(): void {
    this.timer ??= setTimeout(() => this.budget.abort(), this.ms);
  }

  /** True when the budget, not the caller, stopped the job. */
  get spent(): boolean {
    return this.budget.signal.aborted && !this.caller?.aborted;
  }

  /** Stops the clock (the job ended). */
  end(): void {
    clearTimeout(this.timer);
  }
}
