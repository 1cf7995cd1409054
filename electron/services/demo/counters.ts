// What the simulators saw, for tests and benchmarks: calls per action per device, 429s, faults.
export class DemoCounters {
  requests = { graph: 0, ws1: 0 };
  /** 429s answered because a limit was reached (injected 429s count under `faults`). */
  throttled = { graph: 0, ws1: 0 };
  faults = 0;
  /** action → device key (Graph id, WS1 uuid or WS1 numeric id) → calls. */
  readonly actions = new Map<string, Map<string, number>>();

  countAction(action: string, device: string): void {
    let perDevice = this.actions.get(action);
    if (!perDevice) this.actions.set(action, (perDevice = new Map()));
    perDevice.set(device, (perDevice.get(device) ?? 0) + 1);
  }

  /** Calls of `action`, on one device or on all. */
  actionCalls(action: string, device?: string): number {
    const perDevice = this.actions.get(action);
    if (!perDevice) return 0;
    if (device !== undefined) return perDevice.get(device) ?? 0;
    let n = 0;
    for (const v of perDevice.values()) n += v;
    return n;
  }

  reset(): void {
    this.requests = { graph: 0, ws1: 0 };
    this.throttled = { graph: 0, ws1: 0 };
    this.faults = 0;
    this.actions.clear();
  }
}
