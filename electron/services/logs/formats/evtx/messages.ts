// The message line of an event, built from its fields: Windows keeps message texts in provider DLLs we
// do not have, so the events a shared-device technician reads most get a short built-in sentence and
// every other event shows its data as name=value pairs.
import type { EventFields } from './render.ts';

const LOGON_TYPES: Record<string, string> = {
  '2': 'interactive', '3': 'network', '4': 'batch', '5': 'service', '7': 'unlock', '8': 'network cleartext',
  '9': 'new credentials', '10': 'remote interactive', '11': 'cached interactive', '12': 'cached remote interactive', '13': 'cached unlock',
};

type Data = Map<string, string>;
const who = (d: Data): string => {
  const user = d.get('TargetUserName') ?? d.get('UserName') ?? '';
  const dom = d.get('TargetDomainName') ?? d.get('Domain') ?? '';
  return dom && user ? `${dom}\\${user}` : user || (d.get('TargetUserSid') ?? d.get('UserSid') ?? '?');
};
const logonType = (d: Data): string => {
  const t = d.get('LogonType') ?? '';
  return t ? `, logon type ${t}${LOGON_TYPES[t] ? ` (${LOGON_TYPES[t]})` : ''}` : '';
};
const opt = (label: string, v: string | undefined): string => (v && v !== '-' ? `, ${label ? `${label} ` : ''}${v}` : '');

const SECURITY: Record<string, (d: Data) => string> = {
  '4624': (d) => `An account logged on: ${who(d)}${logonType(d)}${opt('from', d.get('IpAddress'))}${opt('logon ID', d.get('TargetLogonId'))}`,
  '4625': (d) => `An account failed to log on: ${who(d)}${logonType(d)}${opt('status', d.get('Status'))}${opt('sub status', d.get('SubStatus'))}`,
  '4634': (d) => `An account logged off: ${who(d)}${logonType(d)}${opt('logon ID', d.get('TargetLogonId'))}`,
  '4647': (d) => `User initiated logoff: ${who(d)}${opt('logon ID', d.get('TargetLogonId'))}`,
  '4672': (d) => `Special privileges assigned to a new logon: ${d.get('SubjectDomainName') ?? ''}\\${d.get('SubjectUserName') ?? ''}`,
  '4720': (d) => `A user account was created: ${who(d)}`,
  '4800': (d) => `The workstation was locked: ${who(d)}`,
  '4801': (d) => `The workstation was unlocked: ${who(d)}`,
};

const PROFILE: Record<string, (d: Data) => string> = {
  '1': (d) => `Received user logon notification on session ${d.get('Session') ?? '?'}`,
  '2': (d) => `Received user logoff notification on session ${d.get('Session') ?? '?'}`,
  '3': (d) => `Finished processing user logoff notification on session ${d.get('Session') ?? '?'}`,
  '4': (d) => `Finished processing user logon notification on session ${d.get('Session') ?? '?'}`,
  '1511': () => 'Windows cannot find the local profile and is logging the user on with a temporary profile',
  '1515': () => "Windows has backed up this user's profile and will fall back to it",
  '1542': () => "Windows cannot load the user's profile: the registry hive is corrupt",
};

const WINLOGON: Record<string, (d: Data) => string> = {
  '7001': (d) => `User logon notification for the Customer Experience Improvement Program: ${d.get('UserSid') ?? '?'}`,
  '7002': (d) => `User logoff notification for the Customer Experience Improvement Program: ${d.get('UserSid') ?? '?'}`,
  '811': () => 'A Winlogon notification subscriber took a long time to handle an event',
  '6000': (d) => `The winlogon notification subscriber ${d.get('1') ?? ''} was unavailable to handle a notification event`,
};

const MDM = 'Microsoft-Windows-DeviceManagement-Enterprise-Diagnostics-Provider';
const MDM_EVENTS: Record<string, (d: Data) => string> = {
  '404': (d) => `MDM ConfigurationManager: command failure${opt('CSP URI', d.get('CSPURI') ?? d.get('CspUri'))}${opt('result', d.get('Result') ?? d.get('HRESULT'))}`,
  '454': (d) => `MDM ConfigurationManager: command failure${opt('CSP URI', d.get('CSPURI'))}${opt('result', d.get('Result'))}`,
  '813': (d) => `MDM PolicyManager: set policy${opt('', d.get('Policy'))}${opt('area', d.get('Area'))}${opt('value', d.get('IntValue') ?? d.get('Value'))}`,
  '72': (d) => `MDM enroll: server returned a fault${opt('code', d.get('Code'))}${opt('reason', d.get('Reason'))}`,
  '201': (d) => `MDM session: OMA-DM message failed to be sent${opt('result', d.get('Result'))}`,
  '208': (d) => `MDM session: OMA-DM session started${opt('server', d.get('Server') ?? d.get('ServerID'))}`,
  '209': (d) => `MDM session: OMA-DM session ended${opt('result', d.get('Result'))}`,
};

const AAD: Record<string, (d: Data) => string> = {
  '1098': (d) => `AAD error${opt('', d.get('Error') ?? d.get('ErrorCode'))}${opt('', d.get('ErrorMessage') ?? d.get('Message'))}`,
  '1097': (d) => `AAD warning${opt('', d.get('Error') ?? d.get('ErrorCode'))}${opt('', d.get('ErrorMessage') ?? d.get('Message'))}`,
  '1104': (d) => `AAD Cloud AP plugin call returned an error${opt('', d.get('Error') ?? d.get('ErrorCode'))}`,
};

function builtIn(f: EventFields, d: Data): string | null {
  const p = f.provider;
  const table =
    p === 'Microsoft-Windows-Security-Auditing' ? SECURITY
    : p === 'Microsoft-Windows-User Profiles Service' || p === 'Microsoft-Windows-User Profile Service' ? PROFILE
    : p === 'Microsoft-Windows-Winlogon' ? WINLOGON
    : p === MDM ? MDM_EVENTS
    : p === 'Microsoft-Windows-AAD' ? AAD
    : null;
  const fn = table?.[f.eventId];
  return fn ? fn(d).replace(/, ,/g, ',').replace(/ ,/g, ',') : null;
}

/** The one-line message of an event. */
export function eventMessage(f: EventFields): string {
  const d: Data = new Map(f.data);
  const line = builtIn(f, d);
  if (line) return line;
  const pairs = f.data.filter(([, v]) => v !== '').slice(0, 8).map(([k, v]) => `${k}=${v.length > 120 ? `${v.slice(0, 117)}…` : v}`);
  return pairs.length ? pairs.join('; ') : `${f.provider || 'event'} ${f.eventId}`;
}

/** The event's facts and data as "Name: value" lines, for the detail pane. */
export function fieldLines(f: EventFields): string[] {
  const head: [string, string][] = [
    ['Provider', f.provider], ['Event ID', f.eventId], ['Level', String(f.level)], ['Time created (UTC)', f.time],
    ['Record ID', f.recordId], ['Channel', f.channel], ['Computer', f.computer], ['User SID', f.userSid],
    ['Process ID', f.processId], ['Thread ID', f.threadId], ['Keywords', f.keywords],
  ];
  return [...head.filter(([, v]) => v !== ''), ...f.data].map(([k, v]) => `${k}: ${v}`);
}
