// Who signed in, from event logs: Security logon/logoff/lock/unlock (4624, 4634, 4647, 4800, 4801),
// Winlogon's logon/logoff notifications (7001, 7002) and the User Profile Service (1, 2). Only people:
// machine accounts, service logons (types 3, 4, 5) and the built-in system SIDs are left out. Exposed for
// the logs' user-session view, which pairs them into sessions.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { ChunkData } from './binxml.ts';
import { CHUNK_BYTES, FILE_HEADER_BYTES, chunkLayout, chunkNumberOf, isEvtx } from './chunk.ts';
import { decodeEvent } from './event.ts';
import { eventFields, type EventFields } from './render.ts';

export type SignInKind = 'logon' | 'logoff' | 'lock' | 'unlock';

export interface SignInEvent {
  kind: SignInKind;
  /** UTC ms (the event's written time). */
  timeMs: number;
  /** DOMAIN\user when the event names one, else ''. */
  user: string;
  sid: string;
  /** Security logon type (2 interactive, 7 unlock, 10 remote, 11 cached…), '' when the event has none. */
  logonType: string;
  /** Security logon ID: pairs a logon with its logoff. */
  logonId: string;
  /** Provider and event id it came from, e.g. "Security 4624". */
  from: string;
}

const SECURITY: Record<string, SignInKind> = { '4624': 'logon', '4634': 'logoff', '4647': 'logoff', '4800': 'lock', '4801': 'unlock' };
const WINLOGON: Record<string, SignInKind> = { '7001': 'logon', '7002': 'logoff' };
const PROFILE: Record<string, SignInKind> = { '1': 'logon', '2': 'logoff' };
const NOT_PEOPLE = new Set(['3', '4', '5']);
const isSystemSid = (sid: string): boolean => /^S-1-5-(18|19|20|90-|96-)/.test(sid) || sid === 'S-1-0-0';

/** The sign-in an event records, or null. */
export function signInOf(f: EventFields, timeMs: number): SignInEvent | null {
  const d = new Map(f.data);
  let kind: SignInKind | undefined;
  let from = '';
  if (f.provider === 'Microsoft-Windows-Security-Auditing') {
    kind = SECURITY[f.eventId];
    from = `Security ${f.eventId}`;
  } else if (f.provider === 'Microsoft-Windows-Winlogon') {
    kind = WINLOGON[f.eventId];
    from = `Winlogon ${f.eventId}`;
  } else if (f.provider === 'Microsoft-Windows-User Profiles Service' || f.provider === 'Microsoft-Windows-User Profile Service') {
    kind = PROFILE[f.eventId];
    from = `User Profile Service ${f.eventId}`;
  }
  if (!kind) return null;
  const logonType = d.get('LogonType') ?? '';
  const name = d.get('TargetUserName') ?? '';
  const dom = d.get('TargetDomainName') ?? '';
  const sid = d.get('TargetUserSid') ?? d.get('UserSid') ?? f.userSid;
  if (NOT_PEOPLE.has(logonType) || name.endsWith('$') || isSystemSid(sid)) return null;
  if (/^(DWM-|UMFD-|ANONYMOUS LOGON$|LOCAL SERVICE$|NETWORK SERVICE$|SYSTEM$)/.test(name)) return null;
  return { kind, timeMs, user: name ? (dom ? `${dom}\\${name}` : name) : '', sid, logonType, logonId: d.get('TargetLogonId') ?? '', from };
}

/** Every sign-in event of an event log file, in file order. */
export function signInsOfFile(path: string): SignInEvent[] {
  const out: SignInEvent[] = [];
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    const b = Buffer.alloc(CHUNK_BYTES);
    for (let at = FILE_HEADER_BYTES; at < size; at += CHUNK_BYTES) {
      const chunk = b.subarray(0, readSync(fd, b, 0, CHUNK_BYTES, at));
      const data = new ChunkData(chunk);
      for (const r of chunkLayout(chunk, chunkNumberOf(at)).records) {
        const { ev } = decodeEvent(data, r);
        const s = ev ? signInOf(eventFields(ev), r.writtenMs) : null;
        if (s) out.push(s);
      }
    }
  } finally {
    closeSync(fd);
  }
  return out;
}

export interface FileSignIn extends SignInEvent {
  /** The event log it came from. */
  path: string;
}

/**
 * Every sign-in event of several files (event logs among them; other files are skipped), in time order
 * (file order for equal times). For the user-session view: pair `logon` with `logoff` by `logonId`
 * (Security) or by user and time (Winlogon, User Profile Service). Reads synchronously: call it from a
 * worker for big logs.
 */
export function signInsOfFiles(paths: readonly string[]): FileSignIn[] {
  const out: FileSignIn[] = [];
  for (const path of paths) {
    if (!isEvtxFile(path)) continue;
    for (const s of signInsOfFile(path)) out.push({ ...s, path });
  }
  return out.map((s, k) => ({ s, k })).sort((a, b) => a.s.timeMs - b.s.timeMs || a.k - b.k).map(({ s }) => s);
}

function isEvtxFile(path: string): boolean {
  const head = Buffer.alloc(FILE_HEADER_BYTES + 8);
  let n = 0;
  try {
    const fd = openSync(path, 'r');
    try {
      n = readSync(fd, head, 0, head.length, 0);
    } finally {
      closeSync(fd);
    }
  } catch {
    return false;
  }
  return isEvtx(head.subarray(0, n));
}
