// A fake Intune + WS1 tenant for the job engine's tests and benchmark: it enforces Graph's Intune write
// limit (sliding window → 429 with Retry-After, sometimes without), counts changing calls per device,
// keeps WS1 changes pending until consumed, and injects faults per device. Answers are wire-like
// ({ status, body }) so the same tenant serves the in-process executor and the HTTP fake.
import { AppError } from '../../../../electron/common/errors.ts';
import type { ActionId, DeviceState, JobTarget, UserRef, Ws1UserMode } from '../../../../electron/common/jobs.ts';
import { ws1ResultingMode, ws1Transitions } from '../../../../electron/services/jobs/catalogue.ts';
import type { Clock } from '../../../../electron/services/jobs/clock.ts';
import type { ActionExecutor, CallOutcome } from '../../../../electron/services/jobs/executor.ts';
import { classify } from '../../../../electron/services/jobs/http-executor.ts';
import type { RateLimit } from '../../../../electron/services/jobs/throttle.ts';
import { SlidingWindow } from '../../../../electron/services/demo/limits.ts';
import { ws1ModeActionWire } from '../../../../electron/services/jobs/ws1-action-wire.ts';

export interface FakeDevice {
  key: string;
  name: string;
  intuneId?: string;
  primaryUser?: UserRef | null;
  ws1Uuid?: string;
  mode?: Ws1UserMode;
  pending?: { action: ActionId; consumeAt: number };
}

/** Per-call faults, consumed in order for a device: `*AfterApply` changes the device, then loses the answer. */
export type Fault = 'http401' | 'http403' | 'http404' | 'http500' | 'http429' | 'network' | 'networkAfterApply' | 'http500AfterApply';

export interface FakeAnswer {
  status: number;
  body?: unknown;
  retryAfterSec?: number;
  /** The connection is lost (no answer at all). */
  drop?: boolean;
}

export interface FakeTenantOptions {
  now: () => number;
  writeLimit: RateLimit;
  /** Every n-th 429 omits Retry-After (Intune does that sometimes). */
  omitRetryAfterEvery?: number;
  consumeDelayMs?: number;
}

export class FakeTenant {
  readonly byIntune = new Map<string, FakeDevice>();
  readonly byWs1 = new Map<string, FakeDevice>();
  /** Changing calls per device key (a WS1 batch counts once per accepted device). */
  readonly changes = new Map<string, number>();
  readonly faults = new Map<string, Fault[]>();
  throttled = 0;
  writes = 0;
  private readonly window: SlidingWindow;

  constructor(private readonly o: FakeTenantOptions) {
    this.window = new SlidingWindow({ max: o.writeLimit.count, windowMs: o.writeLimit.windowMs });
  }

  add(d: FakeDevice): void {
    if (d.intuneId) this.byIntune.set(d.intuneId, d);
    if (d.ws1Uuid) this.byWs1.set(d.ws1Uuid, d);
  }

  device(key: string): FakeDevice | undefined {
    for (const d of this.byIntune.values()) if (d.key === key) return d;
    for (const d of this.byWs1.values()) if (d.key === key) return d;
    return undefined;
  }

  /** Sliding-window write limit (the demo tenant's own, demo/limits.ts): admits and counts one write, or answers 429. */
  private admit(): FakeAnswer | undefined {
    const r = this.window.take(this.o.now());
    if (!r.ok) {
      this.throttled++;
      const omit = this.o.omitRetryAfterEvery && this.throttled % this.o.omitRetryAfterEvery === 0;
      return { status: 429, body: { error: { code: 'TooManyRequests', message: 'Too many requests' } }, retryAfterSec: omit ? undefined : Math.max(0.001, r.waitMs / 1000) };
    }
    this.writes++;
    return undefined;
  }

  private fault(key: string): Fault | undefined {
    return this.faults.get(key)?.shift();
  }

  private count(d: FakeDevice): void {
    this.changes.set(d.key, (this.changes.get(d.key) ?? 0) + 1);
  }

  private faultAnswer(f: Fault | undefined, apply: () => void): FakeAnswer | undefined {
    switch (f) {
      case undefined:
        return undefined;
      case 'http401':
        return { status: 401, body: { error: { code: 'InvalidAuthenticationToken', message: 'Access token has expired.' } } };
      case 'http403':
        return { status: 403, body: { error: { code: 'Forbidden', message: 'Insufficient privileges.' } } };
      case 'http404':
        return { status: 404, body: { error: { code: 'ResourceNotFound', message: 'Not found.' } } };
      case 'http500':
        return { status: 500, body: { error: { code: 'InternalServerError', message: 'Boom.' } } };
      case 'http429':
        this.throttled++;
        return { status: 429, body: { error: { code: 'TooManyRequests', message: 'Too many requests' } } };
      case 'network':
        return { status: 0, drop: true };
      case 'networkAfterApply':
        apply();
        return { status: 0, drop: true };
      case 'http500AfterApply':
        apply();
        return { status: 500, body: { error: { code: 'InternalServerError', message: 'Boom after commit.' } } };
    }
  }

  setPrimaryUser(intuneId: string, user: UserRef | null): FakeAnswer {
    const d = this.byIntune.get(intuneId);
    const limited = this.admit();
    if (limited) return limited;
    if (!d) return { status: 404, body: { error: { code: 'ResourceNotFound', message: 'No such device.' } } };
    const apply = () => {
      d.primaryUser = user;
      this.count(d);
    };
    const f = this.faultAnswer(this.fault(d.key), apply);
    if (f) return f;
    if (user === null && !d.primaryUser) return { status: 404, body: { error: { code: 'ResourceNotFound', message: 'No primary user.' } } };
    apply();
    return { status: 204 };
  }

  sync(intuneId: string): FakeAnswer {
    return this.admit() ?? (this.byIntune.has(intuneId) ? { status: 204 } : { status: 404 });
  }

  ws1Action(actionName: string, uuids: string[]): FakeAnswer {
    const action = (Object.entries(ws1Names).find(([, n]) => n === actionName)?.[0] ?? '') as ActionId;
    const accepted: string[] = [];
    const rejected: { device_uuid: string; reason: string }[] = [];
    const batchFault = uuids.map((u) => this.byWs1.get(u)).find((d) => d && this.faults.get(d.key)?.length);
    const apply = () => {
      for (const u of uuids) {
        const d = this.byWs1.get(u);
        this.consume(d);
        const valid = d && d.mode && d.mode !== 'unknown' && Object.values(ws1Transitions[d.mode]).includes(action) && !d.pending;
        if (!d || !valid) {
          rejected.push({ device_uuid: u, reason: d ? `not valid for ${d.pending ? 'a device with a pending change' : d.mode}` : 'unknown device' });
          continue;
        }
        d.pending = { action, consumeAt: this.o.now() + (this.o.consumeDelayMs ?? 0) };
        this.count(d);
        accepted.push(u);
      }
    };
    const f = batchFault && this.faultAnswer(this.fault(batchFault.key), apply);
    if (f) return f;
    apply();
    return { status: 202, body: { accepted, rejected } };
  }

  private consume(d: FakeDevice | undefined): void {
    if (d?.pending && this.o.now() >= d.pending.consumeAt) {
      d.mode = ws1ResultingMode[d.pending.action];
      d.pending = undefined;
    }
  }

  state(d: FakeDevice): DeviceState {
    this.consume(d);
    const s: DeviceState = {};
    if (d.intuneId) s.primaryUser = d.primaryUser ?? null;
    if (d.ws1Uuid) s.ws1UserMode = d.mode;
    if (d.pending) s.ws1PendingAction = d.pending.action;
    return s;
  }

  /** The in-process executor (optional latency per call). */
  executor(clock: Clock, latencyMs = 0): ActionExecutor {
    const answer = async (a: () => FakeAnswer, platform: 'intune' | 'ws1', signal: AbortSignal): Promise<CallOutcome & { body?: unknown }> => {
      if (latencyMs) await clock.sleep(latencyMs, signal).catch(() => {});
      const r = a();
      if (r.drop) return { kind: 'transient', error: classifyDrop(platform) };
      if (r.status < 300) return { kind: 'ok', body: r.body };
      return classify(r.status, r.retryAfterSec === undefined ? null : String(r.retryAfterSec), JSON.stringify(r.body ?? ''), platform);
    };
    return {
      intuneWrite: (c, signal) => answer(() => this.setPrimaryUser(c.deviceId, c.action === 'intune.removePrimaryUser' ? null : c.user!), 'intune', signal),
      intuneSync: (id, signal) => answer(() => this.sync(id), 'intune', signal),
      ws1Action: async (action, uuids, signal) => {
        const out = await answer(() => this.ws1Action(ws1Names[action]!, uuids), 'ws1', signal);
        if (out.kind !== 'ok') return out;
        const b = out.body as { accepted: string[]; rejected: { device_uuid: string; reason: string }[] };
        return { kind: 'ok', accepted: b.accepted, rejected: b.rejected.map((r) => ({ uuid: r.device_uuid, reason: r.reason })) };
      },
      readState: async (t: JobTarget) => {
        const d = (t.intune && this.byIntune.get(t.intune.id)) || (t.ws1 && this.byWs1.get(t.ws1.uuid));
        if (!d) return { kind: 'error', error: classifyNotFound() };
        return { kind: 'ok', state: this.state(d) };
      },
    };
  }
}

const ws1Names = ws1ModeActionWire.actionNames;

function classifyDrop(_platform: 'intune' | 'ws1'): AppError {
  return new AppError('unavailable', 'The service could not be reached.');
}

function classifyNotFound(): AppError {
  return new AppError('not_found', 'No such device.');
}
