// Every action a device card offers, not only the diagnosis fixes: the Workspace ONE user modes that apply
// to the device as it is, the Intune primary-user changes, sync, diagnostics, copy and the consoles. Each
// names the platform it acts on; one that does not apply is listed unavailable with the reason (on hover).
import type { CardAction, Device } from '../../common/device.ts';
import { userModeLabel } from '../../common/device-labels.ts';
import type { ActionId, SkipReason } from '../../common/jobs.ts';
import { actionsFor, intuneIneligibility } from '../jobs/catalogue.ts';
import { jobTargetFromDevice } from '../jobs/targets.ts';

const ws1Labels: Partial<Record<ActionId, string>> = {
  'ws1.changeToMultiuser': 'Change to Multiuser',
  'ws1.migrateToMultiuser': 'Migrate to Multiuser',
  'ws1.changeToSingleuser': 'Change to Single user',
};

const intuneWhyNot: Partial<Record<SkipReason, string>> = {
  notOnPlatform: 'The device is not enrolled in Intune.',
  entraRegistered: 'Entra registered (personal) devices have no primary user that can be changed.',
  appleUserEnrollment: 'Apple User Enrollment devices have no primary user that can be changed.',
  notWindows: 'Only Entra-joined or hybrid-joined Windows devices support a primary-user change.',
};

const action = (id: string, label: string, platform: CardAction['platform'], reason: string | null = null, params: Record<string, string> = {}): CardAction => ({
  id,
  label,
  platform,
  available: reason === null,
  reason,
  params,
});

export function cardActions(d: Device): CardAction[] {
  const target = jobTargetFromDevice(d);
  const valid = new Set(actionsFor(target));
  const out: CardAction[] = [];
  const w = d.ws1;
  const i = d.intune;
  for (const [id, label] of Object.entries(ws1Labels) as [ActionId, string][]) {
    const mode = w?.userMode;
    const why = !w ? 'The device is not enrolled in Workspace ONE.' : !w.uuid ? 'Workspace ONE did not give this device a UUID, which mode changes need.' : valid.has(id) ? null : `Does not apply to a device in ${mode ? userModeLabel[mode] : 'this'} mode.`;
    out.push(action(id, label, 'Workspace ONE', why));
  }
  const intuneWhy = intuneIneligibility(target);
  const notIntune = intuneWhy ? (intuneWhyNot[intuneWhy] ?? 'Not possible for this device.') : null;
  out.push(action('intune.removePrimaryUser', 'Remove the primary user (shared device)', 'Intune', notIntune ?? (i?.primaryUser ? null : 'The device has no primary user.')));
  const lastUser = [...(i?.loggedOnUsers ?? [])].sort((a, b) => (b.lastSignIn ?? '').localeCompare(a.lastSignIn ?? ''))[0];
  out.push(action('intune.assignPrimaryUser', 'Make a chosen user the primary user…', 'Intune', notIntune, { goal: 'user' }));
  out.push(action('intune.assignPrimaryUser', 'Make the last signed-in user the primary user', 'Intune', notIntune ?? (lastUser ? null : 'Intune reports no sign-in on this device.'), { goal: 'lastSignedIn' }));
  out.push(action('intune.assignPrimaryUser', 'Make the most frequent user the primary user', 'Intune', notIntune, { goal: 'mostFrequent' }));
  out.push(action('intune.syncDevice', 'Sync (Intune)', 'Intune', !i ? 'The device is not enrolled in Intune.' : null));
  out.push(action('openPortal', 'Open in the Intune admin center', 'Intune', !i ? 'The device is not enrolled in Intune.' : i.portalUrl ? null : 'The demo tenant has no Intune admin center; on a real tenant this opens the device there.'));
  out.push(action('openConsole', 'Open in the Workspace ONE console', 'Workspace ONE', !w ? 'The device is not enrolled in Workspace ONE.' : w.consoleUrl ? null : 'The demo tenant has no Workspace ONE console; on a real tenant this opens the device there.'));
  out.push(action('copy', 'Copy as text', 'this app'));
  return out;
}
