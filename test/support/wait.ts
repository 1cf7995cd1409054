// Deterministic waiting for tests: poll a condition with a bound and a message, or hold work at a gate
// until the test opens it. Nothing here sleeps for a fixed time hoping the work is done by then.

/** Polls `check` every `everyMs` until it is true; fails after `timeoutMs` saying what never happened. */
export async function waitUntil(check: () => boolean | Promise<boolean>, what: string, o: { timeoutMs?: number; everyMs?: number } = {}): Promise<void> {
  const deadline = Date.now() + (o.timeoutMs ?? 10_000);
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${o.timeoutMs ?? 10_000} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, o.everyMs ?? 10));
  }
}

/** Rejects with a message naming `what` if `p` has not settled within `timeoutMs`. */
export async function within<T>(p: Promise<T>, what: string, timeoutMs = 10_000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)), timeoutMs);
  });
  try {
    return await Promise.race([p, late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A gate for calls a test wants to hold: `pass()` resolves once the gate is open, and counts the callers
 * waiting at it, so the test can wait until exactly the calls it expects are held, then open it.
 */
export class Gate {
  private opened = false;
  private waiters: (() => void)[] = [];
  /** Calls that reached the gate (held or passed). */
  arrived = 0;

  get held(): number {
    return this.waiters.length;
  }

  pass(): Promise<void> {
    this.arrived++;
    if (this.opened) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  open(): void {
    this.opened = true;
    for (const w of this.waiters.splice(0)) w();
  }

  /** Waits until `n` calls are held at the gate. */
  whenHeld(n: number, what: string, timeoutMs = 10_000): Promise<void> {
    return waitUntil(() => this.waiters.length >= n, `${n} ${what} held at the gate (${this.waiters.length} are)`, { timeoutMs });
  }
}
