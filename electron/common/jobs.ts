// Mode-change jobs: what is planned, journaled, shown and audited. Shared by main and renderer (zod only).
import { z } from 'zod';
import { appErrorSchema } from './errors.ts';
import { userModeSchema } from './device.ts';

/** WS1 Windows user mode: the device model's. */
export const ws1UserModeSchema = userModeSchema;
export type Ws1UserMode = z.infer<typeof ws1UserModeSchema>;

/** Ids shared with the diagnosis rule table's fix actions. */
export const actionIdSchema = z.enum([
  'ws1.changeToMultiuser',
  'ws1.migrateToMultiuser',
  'ws1.changeToSingleuser',
  'intune.removePrimaryUser',
  'intune.assignPrimaryUser',
  'intune.syncDevice',
]);
export type ActionId = z.infer<typeof actionIdSchema>;

/** Each action in words, as the audit trail, the job list and the CSV export name it. */
export const actionLabels: Record<ActionId, string> = {
  'ws1.changeToMultiuser': 'Change to Multiuser',
  'ws1.migrateToMultiuser': 'Migrate to Multiuser',
  'ws1.changeToSingleuser': 'Change to Single user',
  'intune.removePrimaryUser': 'Remove the primary user (make shared)',
  'intune.assignPrimaryUser': 'Assign the primary user',
  'intune.syncDevice': 'Sync with Intune',
};

export const platformLabels = { intune: 'Intune', ws1: 'Workspace ONE' } as const;

/** An audit entry's action ("intune.assignPrimaryUser anna@…") in words ("Assign the primary user anna@…"). */
export function actionText(action: string): string {
  const [id, ...rest] = action.split(' ');
  const label = (actionLabels as Record<string, string | undefined>)[id];
  return label ? [label, ...rest].join(' ') : action;
}

export const userRefSchema = z.object({ id: z.string(), upn: z.string().optional() });
export type UserRef = z.infer<typeof userRefSchema>;

/** What the technician asks for; the catalogue turns it into one concrete action per device. */
export const modeGoalSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('multiuser') }), // WS1: change or migrate, whichever the device's mode allows
  z.object({ kind: z.literal('migrate') }), // WS1: legacy single user → Multiuser framework only
  z.object({ kind: z.literal('singleuser') }),
  z.object({ kind: z.literal('shared') }), // Intune: remove the primary user
  z.object({ kind: z.literal('user'), upn: z.string().min(1) }), // Intune: assign this user
  z.object({ kind: z.literal('lastSignedIn') }),
  z.object({ kind: z.literal('mostFrequent'), days: z.number().int().min(1).max(365) }),
  z.object({ kind: z.literal('sync') }), // Intune: ask the device to check in now (sent once, no undo)
]);
export type ModeGoal = z.infer<typeof modeGoalSchema>;

/** The narrow view of a device the engine needs; built from the lookup's device model. */
export const jobTargetSchema = z.object({
  key: z.string(), // stable across lookups (serial, else a platform id)
  name: z.string(),
  serial: z.string().optional(),
  intune: z
    .object({
      id: z.string(),
      joinType: z.string().optional(), // e.g. entraJoined, hybridJoined, entraRegistered
      enrollmentType: z.string().optional(), // Graph deviceEnrollmentType, raw
      operatingSystem: z.string().optional(),
      primaryUser: userRefSchema.nullable(), // null = shared
      signIns: z.array(userRefSchema.extend({ at: z.string() })).optional(), // for last / most frequent user
      azureAdDeviceId: z.string().optional(), // the Entra device id the sign-in logs are filtered by
      enrollmentAccounts: z.array(z.string()).optional(), // DEM / staging accounts, never chosen automatically
      /** Who an automatic goal (last / most frequent user) chose when planned, and which source decided. */
      userChoice: z.object({ user: userRefSchema.nullable(), source: z.enum(['signInLogs', 'usersLoggedOn', 'none']), text: z.string() }).optional(),
    })
    .optional(),
  ws1: z.object({ uuid: z.string(), userMode: ws1UserModeSchema }).optional(),
});
export type JobTarget = z.infer<typeof jobTargetSchema>;

/** One row of input (CSV line, query hit) and the devices it matched: 0 = not found, > 1 = ambiguous. */
export const targetResolutionSchema = z.object({ input: z.string(), matches: z.array(jobTargetSchema) });
export type TargetResolution = z.infer<typeof targetResolutionSchema>;

export const deviceStateSchema = z.object({
  ws1UserMode: ws1UserModeSchema.optional(),
  primaryUser: userRefSchema.nullable().optional(),
  /** A WS1 mode change accepted but not yet consumed by the device, when WS1 reports it (unverified). */
  ws1PendingAction: actionIdSchema.optional(),
});
export type DeviceState = z.infer<typeof deviceStateSchema>;

export const stepActionSchema = z.object({
  id: actionIdSchema,
  user: userRefSchema.optional(), // for intune.assignPrimaryUser
  syncAfter: z.boolean().default(false),
});

export const skipReasonSchema = z.enum([
  'notFound',
  'ambiguous',
  'notOnPlatform', // e.g. an Intune goal for a WS1-only device
  'entraRegistered',
  'appleUserEnrollment',
  'alreadyInMode',
  'modeUnknown',
  'noSuitableUser',
  'notWindows',
  'duplicate', // the same device listed twice
]);
export type SkipReason = z.infer<typeof skipReasonSchema>;

export const stepStatusSchema = z.enum(['planned', 'inFlight', 'succeeded', 'failed', 'skipped', 'cancelled']);
export type StepStatus = z.infer<typeof stepStatusSchema>;

/** A WS1 change is pending until the device reports the new mode; an Intune change is done at once. */
export const pendingSchema = z.object({
  state: z.enum(['waiting', 'confirmed', 'gaveUp']),
  expected: ws1UserModeSchema.optional(),
  since: z.string(),
  until: z.string(), // give-up time (WS1) or "visible by" time (Intune)
});
export type Pending = z.infer<typeof pendingSchema>;

export const jobStepSchema = z.object({
  jobId: z.string(),
  index: z.number().int(),
  input: z.string(),
  deviceKey: z.string().optional(),
  deviceName: z.string().optional(),
  target: jobTargetSchema.optional(),
  action: stepActionSchema.optional(),
  call: z.string().optional(), // the request as a technician reads it, e.g. "DELETE …/users/$ref"
  skipReason: skipReasonSchema.optional(),
  note: z.string().optional(),
  status: stepStatusSchema,
  before: deviceStateSchema.optional(),
  after: deviceStateSchema.optional(),
  attempts: z.number().int(),
  requestId: z.string().optional(),
  error: appErrorSchema.optional(),
  pending: pendingSchema.optional(),
  finishedAt: z.string().optional(),
});
export type JobStep = z.infer<typeof jobStepSchema>;

export const jobStatusSchema = z.enum(['planned', 'running', 'paused', 'cancelled', 'finished']);
export type JobStatus = z.infer<typeof jobStatusSchema>;

export const jobSchema = z.object({
  id: z.string(),
  kind: z.enum(['change', 'undo', 'retry']),
  parentId: z.string().optional(), // the job undone or retried
  goal: z.string(), // human label of the goal
  technician: z.string(),
  tenant: z.string(),
  createdAt: z.string(),
  startedAt: z.string().optional(),
  finishedAt: z.string().optional(),
  status: jobStatusSchema,
  total: z.number().int(),
  /** Why, when the technician gave a reason (asked for above the tenant's threshold); copied to the audit. */
  reason: z.string().optional(),
  /** Staged start: the first stage's size; the job pauses after it for a look at the results. */
  stage: z.object({ first: z.number().int(), reviewed: z.boolean() }).optional(),
  /** How the job stopped when paused: by the technician, after its first stage, or interrupted (crash, sign-out). */
  pausedBy: z.enum(['you', 'stage', 'interrupted']).optional(),
  /** Set on a job once it has been undone (the undo job's id): undo is offered once. */
  undoneBy: z.string().optional(),
});
export type Job = z.infer<typeof jobSchema>;

export const jobCountsSchema = z.object({
  total: z.number().int(),
  planned: z.number().int(),
  inFlight: z.number().int(),
  succeeded: z.number().int(),
  failed: z.number().int(),
  skipped: z.number().int(),
  cancelled: z.number().int(),
  pending: z.number().int(), // succeeded WS1 steps still waiting for the device
});
export type JobCounts = z.infer<typeof jobCountsSchema>;

export const previewSchema = z.object({
  planId: z.string(),
  goal: z.string(),
  rows: z.array(jobStepSchema),
  totals: z.object({
    devices: z.number().int(),
    toChange: z.number().int(),
    skipped: z.number().int(),
    bySkipReason: z.record(z.string(), z.number().int()),
    byAction: z.record(z.string(), z.number().int()),
  }),
  /** When set, the technician must type this number to start (more than a handful of devices). */
  confirmCount: z.number().int().nullable(),
  /** Guard rails of the tenant: a reason above one count of devices, a staged start above another. */
  guard: z
    .object({
      reasonRequired: z.boolean(),
      reasonAbove: z.number().int(),
      /** The first stage's size when the job starts in stages (then it pauses for a look), else null. */
      firstStage: z.number().int().nullable(),
      stageAbove: z.number().int(),
      /** Where the thresholds come from, in words ("set in the tenant profile Contoso", "the defaults"). */
      source: z.string().optional(),
    })
    .optional(),
});
export type Preview = z.infer<typeof previewSchema>;

export const jobProgressSchema = z.object({
  jobId: z.string(),
  status: jobStatusSchema,
  counts: jobCountsSchema,
  ratePerMinute: z.number(),
  etaSeconds: z.number().nullable(),
  throttled: z.number().int(), // 429s seen
  message: z.string().optional(),
});
export type JobProgress = z.infer<typeof jobProgressSchema>;

export const auditResultSchema = z.enum(['succeeded', 'failed', 'confirmed', 'gaveUp']);
export const auditEntrySchema = z.object({
  seq: z.number().int(),
  at: z.string(),
  technician: z.string(),
  tenant: z.string(),
  jobId: z.string(),
  deviceKey: z.string(),
  deviceName: z.string(),
  action: z.string(),
  before: deviceStateSchema.nullable(),
  after: deviceStateSchema.nullable(),
  result: auditResultSchema,
  message: z.string().optional(),
  requestId: z.string().optional(),
  /** Why the technician made the change (asked for above the tenant's threshold). */
  reason: z.string().optional(),
  platform: z.enum(['intune', 'ws1']).optional(),
  prevHash: z.string(),
  hash: z.string(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const auditFilterSchema = z.object({
  from: z.string().optional(),
  to: z.string().optional(),
  technician: z.string().optional(),
  tenant: z.string().optional(),
  device: z.string().optional(), // key or name, contains
  action: z.string().optional(),
  result: auditResultSchema.optional(),
  jobId: z.string().optional(),
  /** Free text: any field contains it. */
  text: z.string().max(200).optional(),
  limit: z.number().int().min(1).max(100_000).optional(),
});
export type AuditFilter = z.infer<typeof auditFilterSchema>;

export const auditVerificationSchema = z.object({
  ok: z.boolean(),
  entries: z.number().int(),
  firstBrokenSeq: z.number().int().nullable(),
  problem: z.string().optional(),
  /** What an intact chain could not fully check (unkeyed older entries, keys of earlier sessions). */
  note: z.string().optional(),
});
export type AuditVerification = z.infer<typeof auditVerificationSchema>;

// ---- IPC arguments (for the contract's jobs.* channels) ----

export const planRequestSchema = z.object({
  goal: modeGoalSchema,
  targets: z.array(targetResolutionSchema).max(100_000),
  syncAfter: z.boolean().optional(),
  user: userRefSchema.nullable().optional(),
});

export const jobIdSchema = z.string().min(1).max(100);

export const reasonSchema = z.string().trim().min(3).max(500);

/** A tenant profile's guard rails: a reason above one count of devices, a staged start above another. */
export const guardRailsSchema = z.object({ reasonAbove: z.number().int().min(1).max(1_000_000), stageAbove: z.number().int().min(1).max(1_000_000) });
export type GuardRails = z.infer<typeof guardRailsSchema> & { source?: string };

/** Default guard rails; a tenant profile may set its own. */
export const defaultGuardRails: GuardRails = { reasonAbove: 100, stageAbove: 1_000, source: 'the defaults (no tenant profile sets its own)' };
