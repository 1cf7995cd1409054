// Undo: the inverse of every change a job made, from the before-states it recorded. The undo is itself a
// job with a preview. A legacy single-user WS1 device cannot go back to legacy: it becomes Single user.
import type { ActionId, JobStep, JobTarget } from '../../common/jobs.ts';
import { describeIntuneCall } from './intune-wire.ts';
import { describeWs1Call } from './ws1-action-wire.ts';

const ws1Inverse: Partial<Record<ActionId, ActionId>> = {
  'ws1.changeToMultiuser': 'ws1.changeToSingleuser',
  'ws1.migrateToMultiuser': 'ws1.changeToSingleuser',
  'ws1.changeToSingleuser': 'ws1.changeToMultiuser',
};

export function undoSteps(original: JobStep[], undoJobId: string): JobStep[] {
  // a sync changed nothing that could be put back: it has no undo
  const done = original.filter((s) => s.status === 'succeeded' && s.action && s.target && s.action.id !== 'intune.syncDevice');
  return done.map((s, index): JobStep => {
    const a = s.action!;
    const after = s.after ?? {};
    // The device as the job left it: that is what the undo starts from.
    const target: JobTarget = structuredClone(s.target!);
    if (target.ws1 && after.ws1UserMode) target.ws1.userMode = after.ws1UserMode;
    if (target.intune && after.primaryUser !== undefined) target.intune.primaryUser = after.primaryUser;
    const base: JobStep = {
      jobId: undoJobId,
      index,
      input: s.input,
      deviceKey: s.deviceKey,
      deviceName: s.deviceName,
      target,
      before: after,
      status: 'planned',
      attempts: 0,
    };
    const inverse = ws1Inverse[a.id];
    if (inverse) {
      const note =
        s.before?.ws1UserMode === 'singleUserLegacy'
          ? 'Was Single user (Legacy); it cannot go back to legacy and becomes Single user.'
          : s.pending?.state === 'waiting'
            ? 'The original change is still pending on the device.'
            : undefined;
      return { ...base, action: { id: inverse, syncAfter: false }, call: describeWs1Call(inverse), note };
    }
    const previous = s.before?.primaryUser;
    if (previous === undefined) return { ...base, status: 'skipped', skipReason: 'modeUnknown', note: 'The primary user before the job was not recorded.' };
    if (previous === null)
      return { ...base, action: { id: 'intune.removePrimaryUser', syncAfter: a.syncAfter }, call: describeIntuneCall('intune.removePrimaryUser') };
    return {
      ...base,
      action: { id: 'intune.assignPrimaryUser', user: previous, syncAfter: a.syncAfter },
      call: describeIntuneCall('intune.assignPrimaryUser', previous),
    };
  });
}
