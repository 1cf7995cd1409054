// How a step's outcome is judged and described: pure helpers shared by the runner and the pending tracker.
import { AppError } from '../../common/errors.ts';
import type { DeviceState, JobStep } from '../../common/jobs.ts';
import type { AuditDraft } from '../audit/audit-trail.ts';
import { isWs1Action, ws1ResultingMode } from './catalogue.ts';
import type { CallOutcome } from './executor.ts';

export type NotOk = Exclude<CallOutcome, { kind: 'ok' }>;

/** An executor that throws (token refresh failed, a bug) still ends in an outcome, never a lost step. */
export async function guard<T>(call: () => Promise<T>): Promise<T | NotOk> {
  try {
    return await call();
  } catch (err) {
    const e = err instanceof AppError ? err : new AppError('internal', 'The call failed unexpectedly.', err instanceof Error ? (err.stack ?? err.message) : String(err));
    // nothing was sent when sign-in itself failed; anything else may have reached the service
    return e.code === 'unauthorized' || e.code === 'forbidden' ? { kind: 'failed', error: e } : { kind: 'transient', error: e };
  }
}

export function auditAction(s: JobStep): string {
  const a = s.action!;
  return a.id === 'intune.assignPrimaryUser' ? `${a.id} ${a.user?.upn ?? a.user?.id ?? ''}`.trim() : a.id;
}

export interface AuditWho {
  technician: string;
  tenant: string;
  reason?: string;
}

/** The fields every audit entry of a step carries: who, which device, which action on which platform, why. */
export function auditBase(s: JobStep, who: AuditWho): Omit<AuditDraft, 'at' | 'before' | 'after' | 'result' | 'message'> {
  return {
    technician: who.technician,
    tenant: who.tenant,
    jobId: s.jobId,
    deviceKey: s.deviceKey ?? s.input,
    deviceName: s.deviceName ?? s.input,
    action: auditAction(s),
    platform: isWs1Action(s.action!.id) ? 'ws1' : 'intune',
    ...(who.reason ? { reason: who.reason } : {}),
    requestId: s.requestId,
  };
}

export function applied(step: JobStep, state: DeviceState): boolean {
  const a = step.action!;
  if (a.id === 'intune.removePrimaryUser') return state.primaryUser === null;
  if (a.id === 'intune.assignPrimaryUser') return !!state.primaryUser && state.primaryUser.id === a.user?.id;
  return state.ws1PendingAction === a.id || state.ws1UserMode === ws1ResultingMode[a.id];
}

export function throttledError(): AppError {
  return new AppError('throttled', 'The service kept answering "too many requests"; retry the failed devices later.');
}

export function unreadableMode(): AppError {
  return new AppError('unavailable', "This device's user mode cannot be read on this tenant, so whether the first command arrived is unknown: it was not sent again.");
}

export function unclearError(call: AppError | undefined, read: AppError): AppError {
  return new AppError(
    read.code === 'cancelled' ? 'cancelled' : call?.code ?? read.code,
    `It is not known whether this device was changed: ${call ? call.message + ' ' : ''}Reading it back failed too (${read.message}). Check the device, then retry.`,
  );
}

export const iso = (ms: number) => new Date(ms).toISOString();
