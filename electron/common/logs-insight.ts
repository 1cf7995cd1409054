// What the logs viewer reads out of a session beyond its records (issue 18): the IME timeline, names for
// GUIDs, who was signed in when, and the reassignment step patterns in use.
import { z } from 'zod';
import { errorCodeInfoSchema } from './logs.ts';

export const imeRowKinds = ['win32app', 'script', 'remediation'] as const;

export const imeStepSchema = z.object({
  /** Record number in the row's file. */
  record: z.number().int(),
  phase: z.enum(['applicability', 'requirement', 'detection', 'enforcement', 'download', 'execution', 'output', 'report', 'other']),
  text: z.string(),
});
export type ImeStep = z.infer<typeof imeStepSchema>;

export const imeTimelineRowSchema = z.object({
  kind: z.enum(imeRowKinds),
  /** App, script or remediation policy id (lower case). */
  id: z.string(),
  /** Its name when the logs or the tenant know it. */
  name: z.string().nullable(),
  /** File index in the session and its shown name. */
  file: z.number().int(),
  fileName: z.string(),
  firstRecord: z.number().int(),
  lastRecord: z.number().int(),
  start: z.string().nullable(),
  end: z.string().nullable(),
  startMs: z.number().nullable(),
  endMs: z.number().nullable(),
  durationMs: z.number().nullable(),
  outcome: z.enum(['succeeded', 'failed', 'not_applicable', 'unknown']),
  /** What the run ended with, in IME's words (detection state, exit code, script output…). */
  result: z.string(),
  steps: z.array(imeStepSchema),
  errorCodes: z.array(errorCodeInfoSchema),
});
export type ImeTimelineRow = z.infer<typeof imeTimelineRowSchema>;

export const guidNameSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** Where the name came from: a log line pairing the id and the name, or the connected tenant. */
  source: z.enum(['log', 'tenant']),
  /** What the id is, when known (an app, a platform script, a remediation). */
  kind: z.enum(['app', 'script', 'remediation', 'policy']).nullable(),
});
export type GuidName = z.infer<typeof guidNameSchema>;

export const guidNamesSchema = z.object({
  names: z.array(guidNameSchema),
  /** Plain notes: a missing Graph scope, no tenant connected, the demo tenant. */
  notes: z.array(z.string()),
});
export type GuidNames = z.infer<typeof guidNamesSchema>;

export const imeTimelineSchema = z.object({
  rows: z.array(imeTimelineRowSchema),
  /** Rows left out past the limit (the newest are kept). */
  omitted: z.number().int(),
  names: z.array(guidNameSchema),
  /** Where names could not come from the tenant, and why. */
  notes: z.array(z.string()).default([]),
});
export type ImeTimeline = z.infer<typeof imeTimelineSchema>;

export const userSessionSchema = z.object({
  /** DOMAIN\user, a UPN, or a SID when nothing names the user. */
  user: z.string(),
  startMs: z.number(),
  /** Null while the log shows no end (signed in up to the last record). */
  endMs: z.number().nullable(),
  /** The logs that say so, e.g. "Security 4624", "DeviceReassignment", "IME user session". */
  from: z.array(z.string()),
  file: z.number().int(),
  firstRecord: z.number().int(),
});
export type UserSession = z.infer<typeof userSessionSchema>;

export const stepPatternsInfoSchema = z.object({
  shipped: z.number().int(),
  extra: z.object({ name: z.string(), count: z.number().int() }).nullable(),
});
