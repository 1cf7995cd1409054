// Who really uses a device: the most frequent and the last Windows user, counted from the Entra sign-in logs
// over N days (as the public primary-user scripts do), with Intune's usersLoggedOn (one last logon per user)
// as the fallback when the logs cannot be read. Enrollment and service accounts are never chosen.
import type { Device } from '../../common/device.ts';
import type { UserRef } from '../../common/jobs.ts';
import { AppError } from '../../common/errors.ts';
import type { RawRecord } from './client.ts';

/** The part of a device the choice needs (see `deviceUsersInput`). */
export interface DeviceUsersInput {
  azureAdDeviceId: string | null;
  /** Intune's usersLoggedOn: one entry per user, the last logon only. */
  loggedOnUsers: { id: string | null; upn: string | null; lastSignIn: string | null }[];
  /** Accounts that enrolled the device and must never be chosen: DEM account, WS1 staging user. */
  enrollmentAccounts: string[];
}

export interface SignInLogReader {
  windowsSignIns(azureAdDeviceId: string, sinceIso: string, signal?: AbortSignal): Promise<RawRecord[]>;
}

export interface UserCount {
  user: UserRef;
  signIns: number;
  last: string;
  /** Why this account is never chosen automatically, or null. */
  skipped: string | null;
}

export interface DeviceUsersChoice {
  /** Which data decided: the Entra sign-in logs, Intune's last logon per user, or nothing. */
  source: 'signInLogs' | 'usersLoggedOn' | 'none';
  days: number;
  mostFrequent: UserRef | null;
  last: UserRef | null;
  /** Every account seen, most sign-ins first, with the skipped ones and why. */
  counts: UserCount[];
  /** One plain sentence for the preview: which source decided, and why the logs were not used if so. */
  summary: string;
  /** Why the sign-in logs did not decide (absent when they did). */
  fallback?: LogsFallback;
}

/** Why the sign-in logs were not used: no licence, no permission, no Entra device id, unreadable, not asked. */
export type LogsFallback = 'noPremium' | 'noPermission' | 'noDeviceId' | 'unreadable' | 'notAsked';

const fallbackText: Record<LogsFallback, string> = {
  noPremium: 'sign-in logs need Entra ID P1',
  noPermission: 'sign-in logs need AuditLog.Read.All and a reports role',
  noDeviceId: 'the device has no Entra device id for the sign-in logs',
  unreadable: 'the sign-in logs could not be read',
  notAsked: 'sign-in logs not read',
};

/** Default service-account patterns (a per-tenant list is added by the caller); `*` matches any text. */
export const defaultServiceAccountPatterns = ['*staging*', 'svc-*', 'svc_*', 'dem.*', 'dem-*', '*enroll*'];

function patternRegex(p: string): RegExp {
  return new RegExp(`^${p.trim().toLowerCase().replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
}

/** Why an account is never chosen automatically, or null when it may be. */
export function skipReason(upn: string, input: Pick<DeviceUsersInput, 'enrollmentAccounts'>, patterns: readonly string[]): string | null {
  const u = upn.toLowerCase();
  if (input.enrollmentAccounts.some((a) => a.toLowerCase() === u)) return 'enrolled this device (enrollment account)';
  const local = u.split('@')[0];
  const hit = patterns.find((p) => p.trim() && (patternRegex(p).test(u) || patternRegex(p).test(local)));
  return hit ? `service account (matches "${hit}")` : null;
}

/** The choice's input from a device card: DEM account (Intune) and the WS1 staging user are enrollment accounts. */
export function deviceUsersInput(d: Device): DeviceUsersInput {
  const i = d.intune;
  const enrollment: string[] = [];
  if (i?.enrollmentType === 'dem') for (const a of [i.enrolledBy, i.primaryUser?.upn]) if (a) enrollment.push(a);
  const w = d.ws1;
  // A WS1 device in a multi-user mode was enrolled by its staging user: that account is not a person using it.
  if (w?.enrolledUser?.upn && (w.userMode === 'multiUser' || w.userMode === 'multiUserCapable')) enrollment.push(w.enrolledUser.upn);
  return {
    azureAdDeviceId: i?.azureAdDeviceId ?? null,
    loggedOnUsers: (i?.loggedOnUsers ?? []).map((l) => ({ id: l.id, upn: l.upn, lastSignIn: l.lastSignIn })),
    enrollmentAccounts: enrollment,
  };
}

function whyNoLogs(err: unknown): { why: string; fallback: LogsFallback } {
  const detail = err instanceof AppError ? (err.detail ?? '') : '';
  if (/NonPremiumTenant/i.test(detail)) return { why: 'the tenant has no Entra ID P1 or P2 licence, which sign-in logs need', fallback: 'noPremium' };
  if (err instanceof AppError && err.code === 'forbidden') return { why: 'the account lacks AuditLog.Read.All (and a reports role) to read sign-in logs', fallback: 'noPermission' };
  return { why: err instanceof AppError ? `the sign-in logs could not be read (${err.message})` : 'the sign-in logs could not be read', fallback: 'unreadable' };
}

const shortName = (u: UserRef): string => (u.upn ?? u.id).split('@')[0];

/**
 * The preview's one line for an automatic choice: who, and which source decided, e.g. "Windows sign-ins over
 * 30 days: anna.berg 14 of 19", "usersLoggedOn — sign-in logs need Entra ID P1: anna.berg", or "no candidate:
 * only enrollment accounts signed in".
 */
export function choiceText(c: DeviceUsersChoice, goal: 'last' | 'mostFrequent'): string {
  const chosen = goal === 'last' ? c.last : c.mostFrequent;
  const skipped = c.counts.filter((x) => x.skipped);
  const notChosen = skipped.length ? ` (not chosen: ${skipped.map((x) => `${shortName(x.user)}, ${x.skipped!.startsWith('enrolled') ? 'enrollment account' : 'service account'}`).join('; ')})` : '';
  if (!chosen) {
    if (skipped.length && skipped.length === c.counts.length) {
      const kinds = new Set(skipped.map((x) => (x.skipped!.startsWith('enrolled') ? 'enrollment' : 'service')));
      return `no candidate: only ${[...kinds].sort().join(' and ')} accounts signed in (${skipped.map((x) => shortName(x.user)).join(', ')})`;
    }
    const where = c.fallback ? `usersLoggedOn — ${fallbackText[c.fallback]}` : 'Windows sign-ins';
    return `no candidate: nobody signed in over ${c.days} days (${where})`;
  }
  if (c.source === 'signInLogs') {
    const total = c.counts.reduce((n, x) => n + x.signIns, 0);
    const row = c.counts.find((x) => x.user.upn === chosen.upn)!;
    return goal === 'last'
      ? `Windows sign-ins over ${c.days} days: ${shortName(chosen)} last, on ${row.last.slice(0, 10)}${notChosen}`
      : `Windows sign-ins over ${c.days} days: ${shortName(chosen)} ${row.signIns} of ${total}${notChosen}`;
  }
  return `usersLoggedOn — ${fallbackText[c.fallback ?? 'notAsked']}: ${shortName(chosen)}${goal === 'mostFrequent' ? ' (one last logon per user, so the most recent, not a count)' : ''}${notChosen}`;
}

function ref(id: string | null, upn: string): UserRef {
  return id ? { id, upn } : { id: upn, upn };
}

function rank(counts: UserCount[]): { mostFrequent: UserRef | null; last: UserRef | null } {
  const usable = counts.filter((c) => !c.skipped);
  const mostFrequent = usable[0]?.user ?? null; // counts are sorted: most sign-ins, then most recent
  const last = [...usable].sort((a, b) => b.last.localeCompare(a.last))[0]?.user ?? null;
  return { mostFrequent, last };
}

function sortCounts(m: Map<string, UserCount>): UserCount[] {
  return [...m.values()].sort((a, b) => b.signIns - a.signIns || b.last.localeCompare(a.last));
}

/**
 * Most frequent and last user of a device over the last `days` days. Sign-in logs decide when readable
 * (`reader` null: not tried); otherwise Intune's usersLoggedOn, which holds one logon per user, so
 * "most frequent" there is really "most recent" and the summary says so. Never throws for missing logs
 * (a cancellation still throws).
 */
export async function chooseDeviceUsers(
  reader: SignInLogReader | null,
  input: DeviceUsersInput,
  o: { days: number; now: number; patterns?: readonly string[]; signal?: AbortSignal },
): Promise<DeviceUsersChoice> {
  const patterns = [...defaultServiceAccountPatterns, ...(o.patterns ?? [])];
  const since = new Date(o.now - o.days * 86_400_000).toISOString();
  let why = input.azureAdDeviceId ? 'the sign-in logs were not asked for' : 'the device has no Entra device id';
  let fallback: LogsFallback = input.azureAdDeviceId ? 'notAsked' : 'noDeviceId';
  if (reader && input.azureAdDeviceId) {
    try {
      const rows = await reader.windowsSignIns(input.azureAdDeviceId, since, o.signal);
      const m = new Map<string, UserCount>();
      for (const r of rows) {
        const upn = typeof r.userPrincipalName === 'string' ? r.userPrincipalName : '';
        const at = typeof r.createdDateTime === 'string' ? r.createdDateTime : '';
        const failed = Number((r.status as { errorCode?: unknown } | undefined)?.errorCode ?? 0) !== 0;
        if (!upn || !at || at < since || failed || (r.appDisplayName && r.appDisplayName !== 'Windows Sign In')) continue;
        const k = upn.toLowerCase();
        const c = m.get(k) ?? { user: ref(typeof r.userId === 'string' ? r.userId : null, upn), signIns: 0, last: at, skipped: skipReason(upn, input, patterns) };
        c.signIns++;
        if (at > c.last) c.last = at;
        m.set(k, c);
      }
      const counts = sortCounts(m);
      const chosen = rank(counts);
      const top = counts.find((c) => !c.skipped);
      const skipped = counts.filter((c) => c.skipped).map((c) => `${c.user.upn} (${c.skipped})`);
      const summary = top
        ? `Decided from the Entra sign-in logs of the last ${o.days} days: ${top.user.upn} signed in ${top.signIns} time${top.signIns === 1 ? '' : 's'}${skipped.length ? `; not chosen: ${skipped.join(', ')}` : ''}.`
        : `The Entra sign-in logs of the last ${o.days} days show no Windows sign-in by a person${skipped.length ? ` (only ${skipped.join(', ')})` : ''}.`;
      return { source: counts.length ? 'signInLogs' : 'none', days: o.days, ...chosen, counts, summary };
    } catch (err) {
      if (o.signal?.aborted) throw err;
      ({ why, fallback } = whyNoLogs(err));
    }
  }
  const m = new Map<string, UserCount>();
  for (const l of input.loggedOnUsers) {
    const upn = l.upn ?? l.id;
    if (!upn || !l.lastSignIn || l.lastSignIn < since) continue;
    m.set(upn.toLowerCase(), { user: ref(l.id, upn), signIns: 1, last: l.lastSignIn, skipped: skipReason(upn, input, patterns) });
  }
  const counts = sortCounts(m);
  const chosen = rank(counts);
  const summary = chosen.mostFrequent
    ? `Decided from Intune's last logon per user (${why}): it keeps one logon per user, so this is the most recent user, not a count.`
    : `No user to choose: ${why}, and Intune reports no logon by a person in the last ${o.days} days.`;
  return { source: counts.length ? 'usersLoggedOn' : 'none', days: o.days, ...chosen, counts, summary, fallback };
}
