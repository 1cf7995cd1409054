// The preview: per input row the device, its current state and the call that will be made, or why it is
// skipped; plus totals and whether the technician must type the count to confirm.
import type { DeviceState, JobStep, JobTarget, ModeGoal, Preview, TargetResolution, UserRef } from '../../common/jobs.ts';
import { decide, goalLabel, isWs1Action } from './catalogue.ts';
import { describeIntuneCall } from './intune-wire.ts';
import type { Ws1ModeWire } from '../ws1/mode-wire.ts';
import { describeWs1Call } from './ws1-action-wire.ts';

/** More devices than this and the technician types the count to start. */
export const confirmThreshold = 5;

export interface PlanOptions {
  jobId: string;
  now: number;
  syncAfter?: boolean;
  /** For a `user:UPN` goal: the directory user, resolved once for the whole plan. */
  user?: UserRef | null;
  /** The Workspace ONE tenant's mode-change wire shape as known now (null: not verified on this tenant). */
  ws1Wire?: Ws1ModeWire | null;
}

export function currentState(t: JobTarget): DeviceState {
  const s: DeviceState = {};
  if (t.ws1) s.ws1UserMode = t.ws1.userMode;
  if (t.intune) s.primaryUser = t.intune.primaryUser;
  return s;
}

export function planSteps(resolutions: TargetResolution[], goal: ModeGoal, opts: PlanOptions): JobStep[] {
  const seen = new Set<string>();
  return resolutions.map((r, index): JobStep => {
    const base = { jobId: opts.jobId, index, input: r.input, status: 'skipped' as const, attempts: 0 };
    if (r.matches.length === 0) return { ...base, skipReason: 'notFound', note: 'No device matches.' };
    if (r.matches.length > 1)
      return { ...base, skipReason: 'ambiguous', note: `${r.matches.length} devices match: ${r.matches.slice(0, 5).map((m) => m.name).join(', ')}${r.matches.length > 5 ? ', …' : ''}.` };
    const target = r.matches[0];
    const device = { deviceKey: target.key, deviceName: target.name, target, before: currentState(target) };
    if (seen.has(target.key)) return { ...base, ...device, skipReason: 'duplicate', note: 'Listed more than once; changed once.' };
    seen.add(target.key);
    const d = decide(target, goal, { now: opts.now, user: opts.user });
    if (!d.ok) return { ...base, ...device, skipReason: d.reason, note: d.note };
    const ws1 = isWs1Action(d.action);
    return {
      ...base,
      ...device,
      status: 'planned',
      action: { id: d.action, user: d.user, syncAfter: !ws1 && (opts.syncAfter ?? false) },
      call: ws1 ? describeWs1Call(d.action, opts.ws1Wire) : describeIntuneCall(d.action, d.user),
      ...(d.note ? { note: d.note } : {}),
    };
  });
}

export function previewOf(planId: string, goal: string, steps: JobStep[]): Preview {
  const bySkipReason: Record<string, number> = {};
  const byAction: Record<string, number> = {};
  let toChange = 0;
  for (const s of steps) {
    if (s.action && s.status !== 'skipped') {
      toChange++;
      byAction[s.action.id] = (byAction[s.action.id] ?? 0) + 1;
    } else if (s.skipReason) bySkipReason[s.skipReason] = (bySkipReason[s.skipReason] ?? 0) + 1;
  }
  return {
    planId,
    goal,
    rows: steps,
    totals: { devices: steps.length, toChange, skipped: steps.length - toChange, bySkipReason, byAction },
    // a sync is sent at once and has no undo: more than one device is confirmed by typing the count
    confirmCount: toChange > (byAction['intune.syncDevice'] ? 1 : confirmThreshold) ? toChange : null,
  };
}

export function buildPreview(resolutions: TargetResolution[], goal: ModeGoal, opts: PlanOptions): Preview {
  return previewOf(opts.jobId, goalLabel(goal), planSteps(resolutions, goal, opts));
}
