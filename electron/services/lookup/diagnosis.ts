// The diagnosis rule table: each rule reads one device (both sides) and says what is wrong, why, and the fix.
// Fix action ids are implemented by the mode-change jobs; `fix: null` with `advice` where none is possible.
import type { Diagnosis, FixActionId, Severity, UserMode } from '../../common/device.ts';
import { complianceLabel, enrollmentLabel, joinTypeLabel, userModeLabel } from '../../common/device-labels.ts';
import { localPart, normUser, type Sides } from './match.ts';

export const diagnosisThresholds = {
  staleCheckInDays: 7,
  /** A primary user unseen this long while others sign in is "no longer signing in". */
  primaryInactiveDays: 30,
  demWarnAt: 900,
  demLimit: 1000,
  /** One account signed in on this many devices looks like a shared account (people on a shared floor reach a handful). */
  sharedAccountDevices: 20,
};

export interface DiagnosisContext {
  now: Date;
  /** Devices (in the cache) enrolled by this account, null when unknown. */
  devicesEnrolledBy(upn: string): number | null;
  /** Devices (in the cache) this account has signed in to, null when unknown. */
  devicesSignedInBy(upn: string): number | null;
}

type Finding = Omit<Diagnosis, 'ruleId' | 'severity'> & { severity?: Severity };

export interface DiagnosisRule {
  id: string;
  severity: Severity;
  check(s: Sides, ctx: DiagnosisContext): Finding | null;
}

const DAY = 86_400_000;
const fix = (actionId: FixActionId, label: string, params: Record<string, string> = {}) => ({ actionId, label, params });
const same = (a: string | null | undefined, b: string | null | undefined) => !!a && !!b && normUser(a) === normUser(b);
const who = (u: { upn: string | null; displayName: string | null; id?: string | null } | null | undefined) => u?.upn ?? u?.displayName ?? u?.id ?? '?';
const ageDays = (iso: string | null, now: Date) => (iso ? (now.getTime() - Date.parse(iso)) / DAY : Infinity);
const guidLike = /^[{(]?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}[)}]?$|^s-1-\d+(-\d+)+$/i;

/** The user WS1 believes is the device's user, and whether the two identifiers only differ by attribute. */
function ws1UserPair(s: Sides) {
  const w = s.ws1;
  const enrolled = w?.enrolledUser?.upn ?? w?.enrolledUser?.displayName ?? null;
  const last = w?.lastLoggedInUser ?? null;
  const differ = !!enrolled && !!last && !same(enrolled, last) && !same(w?.enrolledUser?.displayName, last);
  const attributeMismatch = differ && (localPart(enrolled) === localPart(last!) || guidLike.test(last!.trim()));
  return { enrolled, last, differ, attributeMismatch };
}

/** A Windows user mode in words; an unreadable one says so. */
const mode = (w: { userMode: UserMode; userModeRaw: string | null }) => (w.userMode === 'unknown' ? 'unknown on this tenant' : userModeLabel[w.userMode]);
/** The platforms evidence lines start with ("Intune: …", "Workspace ONE: …"), named for a headline. */
const platforms = (lines: string[]) => ['Intune', 'Workspace ONE'].filter((p) => lines.some((l) => l.startsWith(p))).join(' and ');
/** Headline prefix by rule family: each finding names the platform it is about. */
const platformOf: Record<string, string> = { intune: 'Intune', ws1: 'Workspace ONE' };

const sharedIntent = new Set(['selfDeploying', 'bulk']);
const singleModes = new Set(['singleUser', 'singleUserLegacy', 'multiUserCapable']);

export const diagnosisRules: DiagnosisRule[] = [
  {
    id: 'intune.demPrimaryUser',
    severity: 'warning',
    check: ({ intune: i }) => {
      if (!i || i.enrollmentType !== 'dem' || !i.primaryUser) return null;
      if (i.enrolledBy && !same(i.enrolledBy, i.primaryUser.upn)) return null;
      return {
        finding: `The DEM account ${who(i.primaryUser)} is the primary user of this shared device, so Company Portal treats it as that account's personal device.`,
        evidence: [`enrollment: ${enrollmentLabel[i.enrollmentType]}`, `primary user: ${who(i.primaryUser)}`, `enrolled by: ${i.enrolledBy ?? 'not reported'}`, `${i.loggedOnUsers.length} users have signed in`],
        fix: fix('intune.removePrimaryUser', 'Remove the primary user (make it a shared device)'),
        advice: null,
      };
    },
  },
  {
    id: 'intune.sharedDeviceHasPrimaryUser',
    severity: 'warning',
    check: ({ intune: i }) =>
      i && sharedIntent.has(i.enrollmentType) && i.primaryUser
        ? {
            finding: `This device was enrolled to be shared (${i.enrollmentType === 'bulk' ? 'bulk enrollment' : 'self-deploying'}) but has ${who(i.primaryUser)} as primary user.`,
            evidence: [`enrollment: ${enrollmentLabel[i.enrollmentType]}`, `enrollment profile: ${i.enrollmentProfileName ?? '—'}`, `primary user: ${who(i.primaryUser)}`],
            fix: fix('intune.removePrimaryUser', 'Remove the primary user'),
            advice: null,
          }
        : null,
  },
  {
    id: 'intune.primaryUserInactive',
    severity: 'warning',
    check: ({ intune: i }, { now }) => {
      if (!i?.detailsLoaded || !i.primaryUser || i.enrollmentType === 'dem' || sharedIntent.has(i.enrollmentType)) return null;
      const p = i.primaryUser;
      const own = i.loggedOnUsers.find((l) => (l.id && l.id === p.id) || same(l.upn, p.upn));
      if (own && ageDays(own.lastSignIn, now) <= diagnosisThresholds.primaryInactiveDays) return null;
      const others = i.loggedOnUsers.filter((l) => l !== own && ageDays(l.lastSignIn, now) <= diagnosisThresholds.primaryInactiveDays);
      if (others.length === 0) return null;
      const evidence = [`primary user ${who(p)} last signed in: ${own?.lastSignIn ?? 'never reported'}`, ...others.map((o) => `${who(o)} signed in ${o.lastSignIn}`)];
      const finding = `The primary user ${who(p)} no longer signs in to this device, while ${others.length === 1 ? who(others[0]) : `${others.length} others`} do.`;
      return others.length === 1
        ? { finding, evidence, fix: fix('intune.assignPrimaryUser', `Make ${who(others[0])} the primary user`, { userId: others[0].id ?? '', upn: others[0].upn ?? '' }), advice: null }
        : { finding, evidence, fix: fix('intune.removePrimaryUser', 'Remove the primary user (shared device)'), advice: null };
    },
  },
  {
    id: 'ws1.legacySingleUser',
    severity: 'warning',
    check: ({ ws1: w }) =>
      w?.userMode === 'singleUserLegacy'
        ? {
            finding: 'Workspace ONE runs this device in Single user (Legacy) mode: it was enrolled before the Multiuser prerequisites were met and cannot follow who signs in.',
            evidence: [`user mode: ${mode(w)}`, `enrolled user: ${who(w.enrolledUser)}`],
            fix: fix('ws1.migrateToMultiuser', 'Migrate to Multiuser'),
            advice: null,
          }
        : null,
  },
  {
    id: 'ws1.multiuserCapableButSingle',
    severity: 'info',
    check: (s) => {
      const w = s.ws1;
      if (w?.userMode !== 'multiUserCapable') return null;
      const shared = ws1UserPair(s).differ || (s.intune?.loggedOnUsers.length ?? 0) > 1;
      return {
        severity: shared ? 'warning' : 'info',
        finding: `The device is Multiuser capable but still runs as Single user${shared ? ', although several people use it' : ''}.`,
        evidence: [`user mode: ${mode(w)}`, `enrolled user: ${who(w.enrolledUser)}`, `last Windows user: ${w.lastLoggedInUser ?? '—'}`],
        fix: fix('ws1.changeToMultiuser', 'Change to Multiuser'),
        advice: null,
      };
    },
  },
  {
    id: 'ws1.singleUserShared',
    severity: 'info',
    check: (s) => {
      const p = ws1UserPair(s);
      return s.ws1?.userMode === 'singleUser' && p.differ
        ? {
            finding: `Someone other than the enrolled user (${p.enrolled}) signs in to this Single user device (${p.last}); in Single user mode the enrolled user never changes.`,
            evidence: [`user mode: ${mode(s.ws1)}`, `enrolled user: ${p.enrolled}`, `last Windows user: ${p.last}`],
            fix: fix('ws1.changeToMultiuser', 'Change to Multiuser'),
            advice: null,
          }
        : null;
    },
  },
  {
    id: 'ws1.identifierMismatch',
    severity: 'warning',
    check: (s) => {
      const p = ws1UserPair(s);
      return s.ws1?.userMode === 'multiUser' && p.attributeMismatch
        ? {
            finding: `The signed-in Windows user (${p.last}) and the enrolled user (${p.enrolled}) look like the same person under different identifiers: the "Attributes for Unique Identifier" pair probably does not match.`,
            evidence: [`enrolled user: ${p.enrolled}`, `last Windows user: ${p.last}`],
            fix: fix('logs.openReassignment', 'Open the DeviceReassignment log'),
            advice: 'Check Intelligent Hub Settings > Attributes for Unique Identifier (Omnissa recommends User Principal Name / User Principal Name).',
          }
        : null;
    },
  },
  {
    id: 'ws1.reassignmentFailing',
    severity: 'error',
    check: (s) => {
      const p = ws1UserPair(s);
      return s.ws1?.userMode === 'multiUser' && p.differ && !p.attributeMismatch
        ? {
            finding: `The enrolled user (${p.enrolled}) is not the user last signed in to Windows (${p.last}): reassignment is failing on this Multiuser device.`,
            evidence: [`user mode: ${mode(s.ws1)}`, `enrolled user: ${p.enrolled}`, `last Windows user: ${p.last}`, `last seen: ${s.ws1.lastCheckIn ?? 'never'}`],
            fix: fix('logs.openReassignment', 'Open the DeviceReassignment log'),
            advice: null,
          }
        : null;
    },
  },
  {
    id: 'device.staleCheckIn',
    severity: 'warning',
    check: ({ intune: i, ws1: w }, { now }) => {
      const stale = [
        i && ageDays(i.lastCheckIn, now) > diagnosisThresholds.staleCheckInDays ? `Intune: last check-in ${i.lastCheckIn ?? 'never'}` : null,
        w && ageDays(w.lastCheckIn, now) > diagnosisThresholds.staleCheckInDays ? `Workspace ONE: last seen ${w.lastCheckIn ?? 'never'}` : null,
      ].filter((x): x is string => !!x);
      return stale.length
        ? { finding: `${platforms(stale)}: the device has not checked in for more than ${diagnosisThresholds.staleCheckInDays} days, so changes there will not reach it until it does.`, evidence: stale, fix: null, advice: 'Check that it is powered on and online, then sync it.' }
        : null;
    },
  },
  {
    id: 'device.noncompliant',
    severity: 'error',
    check: ({ intune: i, ws1: w }) => {
      const bad = [i?.compliance === 'noncompliant' ? `Intune: ${complianceLabel.noncompliant}` : null, w?.compliance === 'noncompliant' ? `Workspace ONE: ${complianceLabel.noncompliant}` : null].filter(
        (x): x is string => !!x,
      );
      return bad.length ? { finding: `${platforms(bad)} reports the device as not compliant: conditional access may block sign-in and apps.`, evidence: bad, fix: null, advice: 'Open the device in the portal to see which policy fails.' } : null;
    },
  },
  {
    id: 'intune.primaryUserChangeUnsupported',
    severity: 'info',
    check: ({ intune: i }) => {
      if (!i) return null;
      const apple = i.enrollmentType === 'appleUserEnrollment';
      if (!apple && i.joinType !== 'entraRegistered') return null;
      return {
        finding: apple
          ? 'This is an Apple User Enrollment (personal) device: its primary user cannot be changed.'
          : 'This device is Entra registered (personal / BYOD): changing its primary user is not supported.',
        evidence: [`enrollment: ${enrollmentLabel[i.enrollmentType]}`, `join type: ${joinTypeLabel[i.joinType]}`],
        fix: null,
        advice: 'Not supported: no change is offered for this device.',
      };
    },
  },
  {
    id: 'intune.demNearLimit',
    severity: 'warning',
    check: ({ intune: i }, ctx) => {
      const dem = i?.enrollmentType === 'dem' ? (i.enrolledBy ?? i.primaryUser?.upn) : null;
      const n = dem ? ctx.devicesEnrolledBy(dem) : null;
      if (!dem || n == null || n < diagnosisThresholds.demWarnAt) return null;
      return {
        severity: n >= diagnosisThresholds.demLimit ? 'error' : 'warning',
        finding: `The DEM account ${dem} has enrolled ${n} devices; a DEM account can enroll at most ${diagnosisThresholds.demLimit}.`,
        evidence: [`devices enrolled by ${dem} (cached): ${n}`],
        fix: null,
        advice: 'Use another DEM account for new enrollments, or retire devices it no longer needs.',
      };
    },
  },
  {
    id: 'account.sharedAccount',
    severity: 'info',
    check: (s, ctx) => {
      const accounts = new Set<string>();
      for (const l of s.intune?.loggedOnUsers ?? []) if (l.upn) accounts.add(normUser(l.upn));
      if (s.ws1?.lastLoggedInUser) accounts.add(normUser(s.ws1.lastLoggedInUser));
      // A DEM account signing in everywhere it enrolled is covered by the DEM rules.
      const i = s.intune;
      if (i?.enrollmentType === 'dem') for (const d of [i.enrolledBy, i.primaryUser?.upn]) if (d) accounts.delete(normUser(d));
      const shared = [...accounts].map((a) => [a, ctx.devicesSignedInBy(a)] as const).filter(([, n]) => n != null && n >= diagnosisThresholds.sharedAccountDevices);
      return shared.length
        ? {
            finding: `Sign-ins (Intune and Workspace ONE): ${shared.map(([a]) => a).join(', ')} signs in on many devices: it looks like a shared account, so sign-ins cannot be traced to a person.`,
            evidence: shared.map(([a, n]) => `${a} signed in on ${n} devices`),
            fix: null,
            advice: 'Expected for a device-licensed shared account; otherwise give each person their own account.',
          }
        : null;
    },
  },
  {
    id: 'device.conflictingUsers',
    severity: 'warning',
    check: (s) => {
      const { intune: i, ws1: w } = s;
      if (!i || !w) return null;
      const multi = w.userMode === 'multiUser';
      const latest = [...i.loggedOnUsers].sort((a, b) => (b.lastSignIn ?? '').localeCompare(a.lastSignIn ?? ''))[0];
      const intuneUser = multi ? (latest?.upn ?? null) : (i.primaryUser?.upn ?? null);
      const ws1User = multi ? (w.lastLoggedInUser ?? w.enrolledUser?.upn ?? null) : (w.enrolledUser?.upn ?? null);
      if (!intuneUser || !ws1User || (!multi && !singleModes.has(w.userMode) && w.userMode !== 'unknown')) return null;
      if (same(intuneUser, ws1User) || localPart(intuneUser) === localPart(ws1User)) return null;
      return {
        finding: `Intune and Workspace ONE disagree about who uses this device: ${intuneUser} (Intune ${multi ? 'last sign-in' : 'primary user'}) vs ${ws1User} (Workspace ONE ${multi ? 'last Windows user' : 'enrolled user'}).`,
        evidence: [`Intune: ${intuneUser}`, `Workspace ONE: ${ws1User}`, `user mode: ${mode(w)}`],
        fix: null,
        advice: 'Decide which platform is right before changing either.',
      };
    },
  },
];

const unsupportedPrimaryChange = (s: Sides) =>
  !!s.intune && (s.intune.enrollmentType === 'appleUserEnrollment' || s.intune.joinType === 'entraRegistered');

/** All findings for one device, worst first. Primary-user fixes are withdrawn where Intune does not support them. */
export function diagnose(s: Sides, ctx: DiagnosisContext, rules: DiagnosisRule[] = diagnosisRules): Diagnosis[] {
  const out: Diagnosis[] = [];
  for (const rule of rules) {
    const f = rule.check(s, ctx);
    if (!f) continue;
    const platform = platformOf[rule.id.split('.')[0]];
    const finding = platform && !f.finding.startsWith(platform) ? `${platform}: ${f.finding}` : f.finding;
    const d: Diagnosis = { ruleId: rule.id, severity: f.severity ?? rule.severity, finding, evidence: f.evidence, fix: f.fix, advice: f.advice };
    if (d.fix?.actionId.startsWith('intune.') && unsupportedPrimaryChange(s)) {
      d.fix = null;
      d.advice = 'Changing the primary user is not supported for this device.';
    }
    out.push(d);
  }
  const order = { error: 0, warning: 1, info: 2 };
  return out.sort((a, b) => order[a.severity] - order[b.severity]);
}
