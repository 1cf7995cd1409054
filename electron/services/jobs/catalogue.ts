// Which mode changes a device can take, given its current state. The WS1 transition table is unverified
// upstream (Omnissa's Multiuser guide only says "the option offered depends on the current state").
import type { ActionId, DeviceState, JobTarget, ModeGoal, SkipReason, UserRef, Ws1UserMode } from '../../common/jobs.ts';

type Ws1Goal = 'multiuser' | 'migrate' | 'singleuser';

/** Unverified: WS1 current user mode → goal → action offered. A missing entry means "already there". */
export const ws1Transitions: Record<Exclude<Ws1UserMode, 'unknown'>, Partial<Record<Ws1Goal, ActionId>>> = {
  singleUserLegacy: { multiuser: 'ws1.migrateToMultiuser', migrate: 'ws1.migrateToMultiuser' },
  singleUser: { multiuser: 'ws1.changeToMultiuser' },
  multiUserCapable: { multiuser: 'ws1.changeToMultiuser' }, // capable = prerequisites met, still single user
  multiUser: { singleuser: 'ws1.changeToSingleuser' },
};

/** The mode a WS1 device reports once it has consumed the action. */
export const ws1ResultingMode: Partial<Record<ActionId, Ws1UserMode>> = {
  'ws1.changeToMultiuser': 'multiUser',
  'ws1.migrateToMultiuser': 'multiUser',
  'ws1.changeToSingleuser': 'singleUser',
};

export const isWs1Action = (id: ActionId): boolean => id.startsWith('ws1.');

/** Every action valid for the device as it is now: what a device card offers. */
export function actionsFor(target: JobTarget): ActionId[] {
  const out: ActionId[] = [];
  const mode = target.ws1?.userMode;
  if (mode && mode !== 'unknown') {
    for (const id of Object.values(ws1Transitions[mode])) if (id && !out.includes(id)) out.push(id);
  } else if (mode === 'unknown') out.push(...unknownModeActions);
  if (target.intune && intuneIneligibility(target) === undefined) {
    if (target.intune.primaryUser) out.push('intune.removePrimaryUser');
    out.push('intune.assignPrimaryUser');
  }
  return out;
}

/** Why the primary user cannot be changed on this device (only Entra- or hybrid-joined Windows can). */
export function intuneIneligibility(target: JobTarget): SkipReason | undefined {
  const i = target.intune;
  if (!i) return 'notOnPlatform';
  const enrollment = (i.enrollmentType ?? '').toLowerCase();
  if (enrollment.startsWith('appleuserenrollment')) return 'appleUserEnrollment';
  const join = (i.joinType ?? '').toLowerCase().replace(/[^a-z]/g, '');
  if (join.includes('registered') || join === 'workplacejoined') return 'entraRegistered';
  if (i.operatingSystem && !/^windows/i.test(i.operatingSystem)) return 'notWindows';
  return undefined;
}

/** With the user mode unreadable, every change stays possible; the preview carries the warning. */
const unknownModeActions: ActionId[] = ['ws1.changeToMultiuser', 'ws1.migrateToMultiuser', 'ws1.changeToSingleuser'];
const unknownModeGoalAction: Record<Ws1Goal, ActionId> = { multiuser: 'ws1.changeToMultiuser', migrate: 'ws1.migrateToMultiuser', singleuser: 'ws1.changeToSingleuser' };
const unknownModeWarning = (action: ActionId): string =>
  `Warning: user mode unknown on this tenant, so the app cannot check that ${action === 'ws1.changeToSingleuser' ? 'the device is in Multiuser mode' : 'this change applies'}; Workspace ONE refuses it if the device is in another mode (a Single user (Legacy) device needs "Migrate to Multiuser").`;

export type Decision =
  | { ok: true; action: ActionId; user?: UserRef; expected: DeviceState; note?: string }
  | { ok: false; reason: SkipReason; note?: string };

export interface DecideOptions {
  now: number;
  /** Resolves a UPN typed by the technician to a directory user (Graph /users). */
  user?: UserRef | null;
}

/** Turns the technician's goal into one concrete action for one device, or the reason to skip it. */
export function decide(target: JobTarget, goal: ModeGoal, opts: DecideOptions): Decision {
  if (goal.kind === 'multiuser' || goal.kind === 'migrate' || goal.kind === 'singleuser') {
    const mode = target.ws1?.userMode;
    if (!target.ws1 || !mode) return { ok: false, reason: 'notOnPlatform', note: 'Not enrolled in Workspace ONE.' };
    if (mode === 'unknown') {
      // the tenant's records do not say the mode: the technician may still send the change, warned
      const action = unknownModeGoalAction[goal.kind];
      return { ok: true, action, expected: { ws1UserMode: ws1ResultingMode[action] }, note: unknownModeWarning(action) };
    }
    const action = ws1Transitions[mode][goal.kind];
    if (!action) return { ok: false, reason: 'alreadyInMode', note: `Already ${mode}.` };
    return { ok: true, action, expected: { ws1UserMode: ws1ResultingMode[action] } };
  }
  if (goal.kind === 'sync') {
    if (!target.intune) return { ok: false, reason: 'notOnPlatform', note: 'Not enrolled in Intune.' };
    return { ok: true, action: 'intune.syncDevice', expected: {}, note: syncNote };
  }
  const why = intuneIneligibility(target);
  if (why) return { ok: false, reason: why, note: ineligibleNote[why] };
  const current = target.intune!.primaryUser;
  if (goal.kind === 'shared') {
    if (!current) return { ok: false, reason: 'alreadyInMode', note: 'Already shared (no primary user).' };
    return { ok: true, action: 'intune.removePrimaryUser', expected: { primaryUser: null } };
  }
  // an automatic goal planned with the sign-in logs carries its choice and the source that decided
  const auto = goal.kind === 'user' ? undefined : target.intune!.userChoice;
  const user = goal.kind === 'user' ? opts.user : auto ? (auto.user ?? undefined) : chooseUser(target, goal, opts.now);
  if (!user) return { ok: false, reason: 'noSuitableUser', note: auto ? `${auto.text}.` : noUserNote(goal) };
  if (current && current.id === user.id) return { ok: false, reason: 'alreadyInMode', note: `${user.upn ?? user.id} is already the primary user.${auto ? ` ${auto.text}.` : ''}` };
  return { ok: true, action: 'intune.assignPrimaryUser', user, expected: { primaryUser: user }, ...(auto ? { note: `${auto.text}.` } : {}) };
}

/** Said on every sync row of a preview. */
export const syncNote = 'Sent once: Intune asks the device to check in now. A sync has no undo.';

const ineligibleNote: Partial<Record<SkipReason, string>> = {
  appleUserEnrollment: 'Apple User Enrollment devices have no primary user to change.',
  entraRegistered: 'Entra registered devices do not support a primary-user change.',
  notWindows: 'Only Entra-joined or hybrid-joined Windows devices support a primary-user change.',
  notOnPlatform: 'Not enrolled in Intune.',
};

function noUserNote(goal: ModeGoal): string {
  if (goal.kind === 'user') return `No directory user ${goal.upn}.`;
  if (goal.kind === 'mostFrequent') return `Nobody signed in during the last ${goal.days} days.`;
  return 'No recorded sign-in.';
}

/** The last signed-in user, or the most frequent one in the last N days (ties: the most recent wins). */
export function chooseUser(target: JobTarget, goal: ModeGoal, now: number): UserRef | undefined {
  const signIns = [...(target.intune?.signIns ?? [])].sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
  const strip = (s: (typeof signIns)[number]): UserRef => (s.upn ? { id: s.id, upn: s.upn } : { id: s.id });
  if (goal.kind === 'lastSignedIn') return signIns[0] && strip(signIns[0]);
  if (goal.kind !== 'mostFrequent') return undefined;
  const since = now - goal.days * 86_400_000;
  const counts = new Map<string, { n: number; ref: UserRef }>();
  for (const s of signIns) {
    if (Date.parse(s.at) < since) continue;
    const c = counts.get(s.id);
    if (c) c.n++;
    else counts.set(s.id, { n: 1, ref: strip(s) }); // first seen = most recent, so ties keep insertion order
  }
  let best: { n: number; ref: UserRef } | undefined;
  for (const c of counts.values()) if (!best || c.n > best.n) best = c;
  return best?.ref;
}

export function goalLabel(goal: ModeGoal): string {
  switch (goal.kind) {
    case 'multiuser':
      return 'Workspace ONE: change to Multiuser';
    case 'migrate':
      return 'Workspace ONE: migrate to Multiuser';
    case 'singleuser':
      return 'Workspace ONE: change to Single user';
    case 'shared':
      return 'Intune: remove the primary user (shared device)';
    case 'user':
      return `Intune: make ${goal.upn} the primary user`;
    case 'lastSignedIn':
      return 'Intune: make the last signed-in user the primary user';
    case 'mostFrequent':
      return `Intune: make the most frequent user of the last ${goal.days} days the primary user`;
    case 'sync':
      return 'Intune: sync the device (no undo)';
  }
}

/** The goal behind a one-click fix (diagnosis fix ids are action ids); assign without a user = last signed-in. */
export function goalForAction(id: ActionId, params: Record<string, string> = {}): ModeGoal {
  switch (id) {
    case 'ws1.changeToMultiuser':
      return { kind: 'multiuser' };
    case 'ws1.migrateToMultiuser':
      return { kind: 'migrate' };
    case 'ws1.changeToSingleuser':
      return { kind: 'singleuser' };
    case 'intune.removePrimaryUser':
      return { kind: 'shared' };
    case 'intune.assignPrimaryUser':
      return params.upn ? { kind: 'user', upn: params.upn } : { kind: 'lastSignedIn' };
    case 'intune.syncDevice':
      return { kind: 'sync' };
  }
}
