// What the job runner needs from the Graph and WS1 clients. The clients are adapted to this; the runner
// decides pacing, retries and journaling, the executor only makes one call and classifies its outcome.
import type { AppError } from '../../common/errors.ts';
import type { ActionId, DeviceState, JobTarget, UserRef } from '../../common/jobs.ts';

export type CallOutcome =
  | { kind: 'ok'; requestId?: string }
  /** 429: nothing was applied. */
  | { kind: 'throttled'; retryAfterMs?: number; requestId?: string }
  /** 5xx, timeout, network loss: the change may or may not have been applied. */
  | { kind: 'transient'; error: AppError; requestId?: string }
  /** 400/401/403/404 and friends: final for this device. */
  | { kind: 'failed'; error: AppError; requestId?: string };

export type Ws1BatchOutcome =
  | { kind: 'ok'; accepted: string[]; rejected: { uuid: string; reason: string }[]; requestId?: string }
  | Exclude<CallOutcome, { kind: 'ok' }>;

export interface IntuneWriteCall {
  action: Extract<ActionId, 'intune.removePrimaryUser' | 'intune.assignPrimaryUser'>;
  deviceId: string;
  user?: UserRef;
}

export interface ActionExecutor {
  /** One Intune write (counts against Graph's write limit). */
  intuneWrite(call: IntuneWriteCall, signal: AbortSignal): Promise<CallOutcome>;
  /** Intune syncDevice after a change (optional step, also a write). */
  intuneSync(deviceId: string, signal: AbortSignal): Promise<CallOutcome>;
  /** One WS1 mode-change call for up to ws1ModeActionWire.maxDevicesPerCall devices. */
  ws1Action(action: ActionId, uuids: string[], signal: AbortSignal): Promise<Ws1BatchOutcome>;
  /** The device's state now: used when a call's outcome is unknown (crash, network loss) before re-sending. */
  readState(target: JobTarget, signal: AbortSignal): Promise<{ kind: 'ok'; state: DeviceState } | { kind: 'error'; error: AppError }>;
}
