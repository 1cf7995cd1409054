// The one device model for Intune and Workspace ONE, the diagnosis shape and the lookup stream payload.
// No Node and no DOM: the renderer imports this file too.
import { z } from 'zod';
import { appErrorSchema } from './errors.ts';

export const deviceSourceSchema = z.enum(['intune', 'ws1']);
export type DeviceSource = z.infer<typeof deviceSourceSchema>;

/** Workspace ONE "Windows User Mode" as the console shows it; `unknown` when the record says nothing we know. */
export const userModeSchema = z.enum(['singleUserLegacy', 'singleUser', 'multiUserCapable', 'multiUser', 'unknown']);
export type UserMode = z.infer<typeof userModeSchema>;

/** Normalised enrollment type; the platform's raw value is kept beside it. */
export const enrollmentTypeSchema = z.enum([
  'entraJoin', // user-driven Entra join (incl. Autopilot user-driven)
  'selfDeploying', // Entra join with device auth (Autopilot self-deploying / pre-provisioning)
  'autoEnrollment', // MDM auto-enrollment (hybrid / GPO)
  'bulk', // provisioning package / bulk token, userless
  'dem', // device enrollment manager
  'userEnrollment', // BYOD: Entra registered + Company Portal
  'coManagement',
  'appleAutomated', // ADE with user affinity
  'appleUserEnrollment', // account-driven / profile-based Apple User Enrollment
  'other', // a value this version does not know
  'unknown',
]);
export type EnrollmentType = z.infer<typeof enrollmentTypeSchema>;

export const joinTypeSchema = z.enum(['entraJoined', 'hybridJoined', 'entraRegistered', 'other', 'unknown']);
export type JoinType = z.infer<typeof joinTypeSchema>;

export const ownershipSchema = z.enum(['corporate', 'personal', 'shared', 'unknown']);
export type Ownership = z.infer<typeof ownershipSchema>;

export const complianceSchema = z.enum(['compliant', 'noncompliant', 'inGracePeriod', 'unknown']);
export type Compliance = z.infer<typeof complianceSchema>;

export const deviceUserSchema = z.object({
  id: z.string().nullable(),
  upn: z.string().nullable(), // UPN (Intune) or user name / email (WS1)
  displayName: z.string().nullable(),
});
export type DeviceUser = z.infer<typeof deviceUserSchema>;

export const loggedOnUserSchema = deviceUserSchema.extend({ lastSignIn: z.string().nullable() });
export type LoggedOnUser = z.infer<typeof loggedOnUserSchema>;

/** When a side's data was fetched and whether it came from the offline cache. */
export const freshnessSchema = z.object({ fetchedAt: z.string(), fromCache: z.boolean() });

export const intuneSideSchema = z.object({
  id: z.string(),
  azureAdDeviceId: z.string().nullable(),
  name: z.string(),
  serial: z.string().nullable(),
  model: z.string().nullable(),
  manufacturer: z.string().nullable(),
  os: z.string().nullable(),
  osVersion: z.string().nullable(),
  ownership: ownershipSchema,
  ownershipRaw: z.string().nullable(),
  enrollmentType: enrollmentTypeSchema,
  enrollmentTypeRaw: z.string().nullable(),
  enrollmentProfileName: z.string().nullable(),
  autopilotEnrolled: z.boolean().nullable(),
  joinType: joinTypeSchema,
  joinTypeRaw: z.string().nullable(),
  primaryUser: deviceUserSchema.nullable(),
  /** Account that enrolled the device (the DEM account for DEM enrollments). */
  enrolledBy: z.string().nullable(),
  loggedOnUsers: z.array(loggedOnUserSchema),
  lastCheckIn: z.string().nullable(),
  compliance: complianceSchema,
  complianceRaw: z.string().nullable(),
  /** False while the per-device details (logged-on users, join type, …) have not been fetched. */
  detailsLoaded: z.boolean(),
  portalUrl: z.string().nullable(),
  freshness: freshnessSchema,
  /** Detail properties this tenant's Graph refused (a 400 naming them): what the card cannot show. */
  missingDetails: z.array(z.string()).optional(),
});
export type IntuneSide = z.infer<typeof intuneSideSchema>;

export const ws1SideSchema = z.object({
  id: z.string(),
  uuid: z.string().nullable(),
  udid: z.string().nullable(),
  name: z.string(),
  /** Console label ("DeviceFriendlyName"); `name` is the reported host name. */
  friendlyName: z.string().nullable(),
  serial: z.string().nullable(),
  model: z.string().nullable(),
  os: z.string().nullable(),
  osVersion: z.string().nullable(),
  platform: z.string().nullable(),
  ownership: ownershipSchema,
  ownershipRaw: z.string().nullable(),
  enrolledUser: deviceUserSchema.nullable(),
  /** Last Windows sign-in as reported by Hub (unverified field, see ws1/mapping.ts). */
  lastLoggedInUser: z.string().nullable(),
  userMode: userModeSchema,
  userModeRaw: z.string().nullable(),
  enrollmentStatus: z.string().nullable(),
  organisationGroup: z.object({ id: z.string().nullable(), name: z.string().nullable() }),
  lastCheckIn: z.string().nullable(),
  compliance: complianceSchema,
  complianceRaw: z.string().nullable(),
  consoleUrl: z.string().nullable(),
  freshness: freshnessSchema,
});
export type Ws1Side = z.infer<typeof ws1SideSchema>;

export const fixActionIdSchema = z.enum([
  'ws1.changeToMultiuser',
  'ws1.migrateToMultiuser',
  'ws1.changeToSingleuser',
  'intune.removePrimaryUser',
  'intune.assignPrimaryUser',
  'logs.openReassignment',
]);
export type FixActionId = z.infer<typeof fixActionIdSchema>;

export const severitySchema = z.enum(['info', 'warning', 'error']);
export type Severity = z.infer<typeof severitySchema>;

export const diagnosisSchema = z.object({
  ruleId: z.string(),
  severity: severitySchema,
  finding: z.string(),
  evidence: z.array(z.string()),
  /** One-click action (implemented by the mode-change jobs); null when nothing can be done from here. */
  fix: z
    .object({ actionId: fixActionIdSchema, label: z.string(), params: z.record(z.string(), z.string()) })
    .nullable(),
  /** What to do by hand, or why no action is offered ("not supported for Entra-registered devices"). */
  advice: z.string().nullable(),
});
export type Diagnosis = z.infer<typeof diagnosisSchema>;

export const signInEventSchema = z.object({
  user: z.string(),
  at: z.string().nullable(), // null: the platform reports who, not when
  source: deviceSourceSchema,
});
export type SignInEvent = z.infer<typeof signInEventSchema>;

export const matchKindSchema = z.enum(['serial', 'name', 'namePrefix', 'nameContains', 'user', 'userContains']);
export type MatchKind = z.infer<typeof matchKindSchema>;

/** Something the technician can do from a card, with the platform it acts on; unavailable ones say why. */
export const cardActionSchema = z.object({
  id: z.string(),
  label: z.string(),
  platform: z.enum(['Intune', 'Workspace ONE', 'this app']),
  available: z.boolean(),
  /** Why it is not offered (shown on hover), or null. */
  reason: z.string().nullable(),
  params: z.record(z.string(), z.string()),
});
export type CardAction = z.infer<typeof cardActionSchema>;

/** A change sent to a device and not yet (or just) reported back by it: the card's "pending" badge. */
export const pendingChangeSchema = z.object({
  deviceKey: z.string(),
  actionId: z.string(),
  label: z.string(),
  sentAt: z.string(),
  by: z.string(),
  state: z.enum(['waiting', 'confirmed', 'gaveUp']),
  until: z.string(),
});
export type PendingChange = z.infer<typeof pendingChangeSchema>;

/** One row of our own sign-in history (kept in the local cache): who was seen on a device, from where, when. */
export const historySightingSchema = z.object({
  upn: z.string(),
  deviceName: z.string(),
  via: z.enum(['intuneLoggedOn', 'entraSignInLog', 'ws1EnrolledUser', 'ws1LastLoggedIn']),
  firstSeen: z.string(),
  lastSeen: z.string(),
});
export type HistorySighting = z.infer<typeof historySightingSchema>;

/** "Devices this user used": the question (days is capped by the history's retention). */
export const userDevicesRequestSchema = z.object({ user: z.string().trim().min(1).max(256), days: z.number().int().min(1).max(3650) });
export type UserDevicesRequest = z.infer<typeof userDevicesRequestSchema>;

/** Where a row of "Devices this user used" comes from: our history only (the platform forgot), or still live. */
export const userDeviceSourceSchema = z.enum(['history', 'intuneLive', 'ws1', 'signInLog']);
export type UserDeviceSource = z.infer<typeof userDeviceSourceSchema>;

export const userDeviceSchema = z.object({
  deviceName: z.string(),
  serial: z.string().nullable(),
  /** What to search for to open the device's card (its serial, else its name). */
  query: z.string(),
  platforms: z.array(deviceSourceSchema),
  /** The accounts of the user seen on it (a UPN and a DOMAIN\user form can both appear). */
  upns: z.array(z.string()),
  firstSeen: z.string(),
  lastSeen: z.string(),
  sources: z.array(userDeviceSourceSchema),
});
export type UserDevice = z.infer<typeof userDeviceSchema>;

export const userDevicesSchema = z.object({
  user: z.string(),
  /** The period answered (the asked one, capped by the retention). */
  days: z.number().int(),
  /** How long the history keeps a sighting (settings). */
  keepDays: z.number().int(),
  /** When the cache last heard from each platform (ISO), null if never: the answer is only as fresh as that. */
  cacheAge: z.object({ intune: z.string().nullable(), ws1: z.string().nullable() }),
  devices: z.array(userDeviceSchema),
});
export type UserDevices = z.infer<typeof userDevicesSchema>;

/** One card: a device on one or both platforms (joined by serial number). */
export const deviceSchema = z.object({
  key: z.string(),
  name: z.string(),
  serial: z.string().nullable(),
  model: z.string().nullable(),
  os: z.string().nullable(),
  intune: intuneSideSchema.nullable(),
  ws1: ws1SideSchema.nullable(),
  match: z.object({ kind: matchKindSchema, field: z.string(), score: z.number() }).nullable(),
  diagnoses: z.array(diagnosisSchema),
  timeline: z.array(signInEventSchema),
  /** Every action valid for the device (and the ones that are not, with why); only on diagnosed cards. */
  actions: z.array(cardActionSchema).optional(),
});
export type Device = z.infer<typeof deviceSchema>;

export const lookupSourceSchema = z.enum(['cache', 'intune', 'ws1']);
export type LookupSource = z.infer<typeof lookupSourceSchema>;

export const lookupErrorSchema = z.object({ source: deviceSourceSchema, error: appErrorSchema });
export type LookupError = z.infer<typeof lookupErrorSchema>;

/** One streamed step of a search: the whole ranked list so far (small), plus what is still pending. */
export const lookupPartialSchema = z.object({
  requestId: z.string(),
  source: lookupSourceSchema,
  devices: z.array(deviceSchema),
  /** How many devices match in all (the true N; `devices` holds them all unless the request set a limit). */
  total: z.number().int().min(0),
  errors: z.array(lookupErrorSchema),
  pending: z.array(deviceSourceSchema),
  done: z.boolean(),
  /** True when a live source could not be reached and results come from the cache. */
  offline: z.boolean(),
  /** When each source was last synced into the cache (ISO), null if never. */
  cacheAge: z.object({ intune: z.string().nullable(), ws1: z.string().nullable() }),
});
export type LookupPartial = z.infer<typeof lookupPartialSchema>;

export const lookupRequestSchema = z.object({
  query: z.string().trim().min(1).max(256),
  offline: z.boolean().optional(),
  /** At most this many cards (the total is always counted); absent: every match. */
  limit: z.number().int().min(1).max(1_000_000).optional(),
});
export type LookupRequest = z.infer<typeof lookupRequestSchema>;

/** Plain-text card for "copy as text". */
export function deviceCardText(d: Device): string {
  const u = (x: { upn: string | null; displayName: string | null } | null) => (x ? (x.upn ?? x.displayName ?? '?') : '—');
  const lines = [`${d.name}  (serial ${d.serial ?? '—'}, ${d.model ?? 'model ?'}, ${d.os ?? 'OS ?'})`];
  if (d.intune) {
    const i = d.intune;
    lines.push(
      `Intune: id ${i.id}; enrollment ${i.enrollmentType} (${i.enrollmentTypeRaw ?? '—'}); join ${i.joinType}; ownership ${i.ownership}`,
      `  primary user ${u(i.primaryUser)}; enrolled by ${i.enrolledBy ?? '—'}; compliance ${i.compliance}; last check-in ${i.lastCheckIn ?? '—'}`,
      `  logged-on: ${[...i.loggedOnUsers].sort((a, b) => (b.lastSignIn ?? '').localeCompare(a.lastSignIn ?? '')).map((l) => `${l.upn ?? l.displayName ?? l.id} @ ${l.lastSignIn ?? '?'}`).join(', ') || '—'}`,
    );
  }
  if (d.ws1) {
    const w = d.ws1;
    lines.push(
      `Workspace ONE: id ${w.id}; user mode ${w.userMode} (${w.userModeRaw ?? '—'}); OG ${w.organisationGroup.name ?? '—'}`,
      `  enrolled user ${u(w.enrolledUser)}; last Windows user ${w.lastLoggedInUser ?? '—'}; compliance ${w.compliance}; last seen ${w.lastCheckIn ?? '—'}`,
    );
  }
  for (const g of d.diagnoses) lines.push(`[${g.severity}] ${g.finding}${g.fix ? ` → ${g.fix.label}` : g.advice ? ` → ${g.advice}` : ''}`);
  return lines.join('\n');
}
