// What `dsregcmd /status` says about a device, in plain words: its join state (the combinations in
// Microsoft Learn's "Troubleshoot devices by using the dsregcmd command"), the user's Primary Refresh
// Token, device and tenant ids, and diagnosis lines a technician can act on.
import type { DsregcmdFacts, JoinState } from '../../../common/bundle-facts.ts';
import { dsregSection } from './bundle-fields.ts';

export type { DsregcmdFacts, JoinState };

/** Every `dsregcmd /status` field by section title and name (sections split at their top border). */
export function dsregcmdFields(text: string): Map<string, Map<string, string>> {
  const out = new Map<string, Map<string, string>>();
  const parts = text.split(/\r?\n(?=[ \t]*\+-{20,}\+[ \t]*\r?\n[ \t]*\|)/);
  for (const part of parts) {
    const { title, fields } = dsregSection(part);
    if (!title) continue;
    const m = out.get(title) ?? new Map<string, string>();
    for (const [k, v] of fields) if (k) m.set(k, v);
    out.set(title, m);
  }
  return out;
}

const yesNo = (v: string | undefined): boolean | null => (v === undefined ? null : /^YES$/i.test(v.trim()) ? true : /^NO$/i.test(v.trim()) ? false : null);
const value = (v: string | undefined): string | null => (v && v.trim() && v.trim() !== '-' ? v.trim() : null);

function joinStateOf(aad: boolean | null, ent: boolean | null, dom: boolean | null, wpj: boolean | null): JoinState {
  if (aad === null && dom === null) return 'Unknown';
  if (aad && dom) return 'Microsoft Entra hybrid joined';
  if (aad) return 'Microsoft Entra joined';
  if (ent && dom) return 'On-premises DRS joined';
  if (dom) return 'Domain joined';
  if (wpj) return 'Microsoft Entra registered';
  return 'Not joined';
}

/** Reads the facts of a `dsregcmd /status` output. */
export function dsregcmdFacts(text: string): DsregcmdFacts {
  const s = dsregcmdFields(text);
  const any = (name: string): string | undefined => {
    for (const m of s.values()) if (m.has(name)) return m.get(name);
    return undefined;
  };
  const aad = yesNo(any('AzureAdJoined')), dom = yesNo(any('DomainJoined'));
  const ent = yesNo(any('EnterpriseJoined')), wpj = yesNo(any('WorkplaceJoined'));
  const facts: DsregcmdFacts = {
    azureAdJoined: aad,
    domainJoined: dom,
    workplaceJoined: wpj,
    enterpriseJoined: ent,
    joinState: joinStateOf(aad, ent, dom, wpj),
    azureAdPrt: yesNo(any('AzureAdPrt')),
    azureAdPrtUpdateTime: value(any('AzureAdPrtUpdateTime')),
    deviceId: value(any('DeviceId')),
    deviceName: value(any('Device Name')),
    tenantId: value(any('TenantId')),
    tenantName: value(any('TenantName')),
    domainName: value(any('DomainName')),
    diagnosis: [],
  };
  facts.diagnosis = diagnose(facts, any);
  return facts;
}

function diagnose(f: DsregcmdFacts, any: (name: string) => string | undefined): string[] {
  const out: string[] = [];
  const tenant = f.tenantName ?? f.tenantId;
  if (f.joinState === 'Unknown') return ['This dsregcmd output holds no Device State section: the join state is unknown.'];
  out.push(`The device is ${f.joinState}${f.domainName ? ` (domain ${f.domainName})` : ''}${tenant && f.azureAdJoined ? ` to the tenant ${tenant}` : ''}.`);
  if (f.joinState === 'Not joined' || f.joinState === 'Domain joined') {
    out.push('It is not joined to Microsoft Entra ID, so users signing in get no Primary Refresh Token and no single sign-on to Microsoft 365.');
  }
  const auth = value(any('DeviceAuthStatus'));
  if (auth && !/^SUCCESS$/i.test(auth)) out.push(`The device cannot authenticate to Microsoft Entra ID (DeviceAuthStatus: ${auth}): its device object may be disabled or deleted.`);
  if (f.azureAdJoined && f.azureAdPrt === false) {
    const status = value(any('Attempt Status'));
    const server = value(any('Server Error Description')) ?? value(any('Server Error Code'));
    out.push(
      `The signed-in user has no Primary Refresh Token (AzureAdPrt: NO): single sign-on and device-based Conditional Access fail for this user${status ? `; the last attempt ended with ${status}` : ''}${server ? ` (${server})` : ''}.`,
    );
  } else if (f.azureAdPrt === true) {
    out.push(`The signed-in user has a Primary Refresh Token${f.azureAdPrtUpdateTime ? `, last renewed ${f.azureAdPrtUpdateTime}` : ''}.`);
  } else if (f.azureAdJoined && f.azureAdPrt === null) {
    out.push('The output has no SSO State section: it was probably taken without a signed-in user (dsregcmd /status must run as the user).');
  }
  if (f.azureAdJoined && f.workplaceJoined) out.push('The user also registered this joined device with a work account (WorkplaceJoined: YES).');
  return out;
}
