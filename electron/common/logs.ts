// Log viewer domain types shared by the logs service, the IPC contract and the renderer.
// No Node and no DOM here: zod only.
import { z } from 'zod';

export const logFormats = [
  'cmtrace', // <![LOG[…]LOG]!><time=… date=… component=… type=… thread=… file=…>
  'serilog-text', // 2026-11-20 08:02:11.532 +01:00 [INF] message (+ continuation lines)
  'serilog-compact-json', // {"@t":…,"@mt":…,"@l":…}
  'serilog-json', // {"Timestamp":…,"Level":…,"MessageTemplate":…}
  'cbs', // CBS, DISM and Panther setupact: 2026-11-20 08:02:11, Info  CBS  message
  'msi', // MSI (s) (7C:44) [08:02:11:532]: message
  'iso-text', // lines starting with an ISO-like stamp (WindowsUpdate, generic)
  'us-text', // lines starting with M/D/YYYY h:mm:ss AM
  'raw', // one record per line, nothing parsed
  'evtx', // Windows event log (binary XML in 64 KiB chunks)
  'reporting-events', // Windows Update ReportingEvents.log: {GUID}<TAB>2017-12-13 10:37:22:371+0900<TAB>… Success|Failure …
  'ctime-pid', // [Thu Jul 30 13:05:01 2026][8604] - message (+ JSON continuation lines)
  'mixed-text', // a stamp read per line: ISO, 07/29/2026 09:15:31, Jul 29 09:15:32 host, 09:15:33.250
  'dsregcmd', // dsregcmd /status: one record per section of Name : Value lines
] as const;
export const logFormatSchema = z.enum(logFormats);
export type LogFormat = z.infer<typeof logFormatSchema>;

export const logEncodings = ['utf-8', 'utf-8-bom', 'utf-16le', 'utf-16be'] as const;
export const logEncodingSchema = z.enum(logEncodings);
export type LogEncoding = z.infer<typeof logEncodingSchema>;

import { likeTermSchema } from './like-this.ts';
import { logLevels } from './log-levels.ts';

export { logLevels };
export const logLevelSchema = z.enum(logLevels);
export type LogLevel = z.infer<typeof logLevelSchema>;

export const logColumns = ['time', 'level', 'component', 'thread', 'source', 'message'] as const;
export const logColumnSchema = z.enum(logColumns);

/** How the technician lays out the viewer: column widths per layout (a session's formats) and wrap. Kept by main. */
export const logsLayoutSchema = z.object({
  wrap: z.boolean(),
  widths: z
    .record(z.string().max(200), z.partialRecord(logColumnSchema, z.number().int().min(40).max(900)))
    .refine((w) => Object.keys(w).length <= 100, 'at most 100 layouts'),
  /** A filter's results in a pane under all records (klogg), or in place of them. */
  searchPane: z.boolean().optional(),
  /** The search pane's share of the height, 0.15–0.85. */
  paneShare: z.number().min(0.15).max(0.85).optional(),
});
export type LogsLayout = z.infer<typeof logsLayoutSchema>;
export type LogColumn = z.infer<typeof logColumnSchema>;

export const logRecordSchema = z.object({
  /** Position in the view the window was asked from. */
  position: z.number().int().nonnegative(),
  /** Which file of the session (index into `LogSessionInfo.files`). */
  file: z.number().int().nonnegative(),
  /** Record number inside its file. */
  index: z.number().int().nonnegative(),
  offset: z.number().int().nonnegative(),
  length: z.number().int().nonnegative(),
  level: logLevelSchema,
  /** The time as written in the file (date and time, bias or offset kept), or null. */
  time: z.string().nullable(),
  /** Wall-clock time as written, read as if UTC, in ms (plus the file's offset override); for sorting. */
  timeMs: z.number().nullable(),
  component: z.string().optional(),
  thread: z.string().optional(),
  source: z.string().optional(),
  /** The message; multi-line messages come whole unless longer than the window cap (`truncated`). */
  message: z.string(),
  truncated: z.boolean(),
});
export type LogRecord = z.infer<typeof logRecordSchema>;

export type LevelCounts = Record<LogLevel, number>;

export const logFileStatsSchema = z.object({
  path: z.string(),
  format: logFormatSchema,
  encoding: logEncodingSchema,
  bytes: z.number().int().nonnegative(),
  records: z.number().int().nonnegative(),
  levels: z.object({
    error: z.number(),
    warning: z.number(),
    info: z.number(),
    verbose: z.number(),
    debug: z.number(),
    fatal: z.number(),
    none: z.number(),
  }),
  first: z.string().nullable(),
  last: z.string().nullable(),
  unparsed: z.number().int().nonnegative(),
});
export type LogFileStats = z.infer<typeof logFileStatsSchema>;

export const logFileInfoSchema = z.object({
  path: z.string(),
  format: logFormatSchema,
  encoding: logEncodingSchema,
  bytes: z.number().int().nonnegative(),
  columns: z.array(logColumnSchema),
  /** Of `columns`, those with a value in some record of the whole file; known once the file is indexed. */
  filled: z.array(logColumnSchema).optional(),
  /** Minutes added to this file's times in merged views (IME logs carry no zone). */
  offsetMinutes: z.number(),
});
export type LogFileInfo = z.infer<typeof logFileInfoSchema>;

export const logSessionInfoSchema = z.object({
  id: z.string(),
  files: z.array(logFileInfoSchema),
  /** Inputs that were refused or skipped (unsafe zip entries, unreadable files), one sentence each. */
  problems: z.array(z.string()),
});
export type LogSessionInfo = z.infer<typeof logSessionInfoSchema>;

/**
 * Something the technician chose in main (the Open dialog, the recent list, a file association, the command
 * line), as the renderer sees it: an opaque handle minted in main, and a label to show. The renderer opens it
 * by handle; it cannot turn a path of its own into one.
 */
export const logHandleSchema = z.string().regex(/^[A-Za-z0-9_-]{24}$/);
export const logGrantSchema = z.object({ handle: logHandleSchema, label: z.string() });
export type LogGrant = z.infer<typeof logGrantSchema>;

/** File names a typed or dropped path may have to open without main's confirmation (docs/logs-open-rule.md). */
export const logLikeExtensions = ['.log', '.lo_', '.txt', '.json', '.evtx', '.zip'] as const;

export const logProgressSchema = z.object({
  phase: z.enum(['extract', 'index', 'filter', 'merge', 'explain']),
  /** File index in the session, when the phase is per file. */
  file: z.number().int().optional(),
  bytesDone: z.number(),
  bytesTotal: z.number(),
  records: z.number().int(),
  matches: z.number().int().optional(),
  done: z.boolean(),
  /** Index done: the file's columns with a value in some record (LogFileInfo.filled). */
  columns: z.array(logColumnSchema).optional(),
  /** Indexing or following stopped: what the technician is told (a sentence, never a stack). */
  error: z.string().max(2000).optional(),
});
export type LogProgress = z.infer<typeof logProgressSchema>;

/** The longest find or filter pattern (V8 refuses a literal of ~40,000 characters as too large). */
export const MAX_PATTERN_CHARS = 4096;

export const logTextQuerySchema = z.object({
  pattern: z.string().min(1).max(MAX_PATTERN_CHARS),
  regex: z.boolean().default(false),
  caseSensitive: z.boolean().default(false),
});
export type LogTextQuery = z.infer<typeof logTextQuerySchema>;

export const logFilterSpecSchema = z.object({
  levels: z.array(logLevelSchema).optional(),
  components: z.array(z.string()).optional(),
  threads: z.array(z.string()).optional(),
  /** Inclusive bounds in ms, on the same clock as `LogRecord.timeMs`. */
  fromMs: z.number().optional(),
  toMs: z.number().optional(),
  /** Only records inside one of these spans (inclusive, ms): e.g. while one user was signed in. */
  timeRanges: z.array(z.object({ fromMs: z.number(), toMs: z.number() })).max(10_000).optional(),
  text: logTextQuerySchema.optional(),
  /** Only these files of the session. */
  files: z.array(z.number().int()).optional(),
  /** Include / exclude records like one the technician right-clicked (common/like-this.ts). */
  like: z.array(likeTermSchema).max(50).optional(),
});
export type LogFilterSpec = z.input<typeof logFilterSpecSchema>;

export const logFilterResultSchema = z.object({
  viewId: z.string(),
  matches: z.number().int(),
  scannedRecords: z.number().int(),
});
export type LogFilterResult = z.infer<typeof logFilterResultSchema>;

/** A find step: the match reached (view position, 1-based rank) or nulls when none lies that way, and how many the view holds. */
export const logFindResultSchema = z.object({
  total: z.number().int().nonnegative(),
  position: z.number().int().nonnegative().nullable(),
  rank: z.number().int().positive().nullable(),
});
export type LogFindResult = z.infer<typeof logFindResultSchema>;

export const histogramBucketSchema = z.object({
  startMs: z.number(),
  endMs: z.number(),
  records: z.number().int(),
  errors: z.number().int(),
  warnings: z.number().int(),
  /** View position of the bucket's first record: where a click jumps. */
  firstPosition: z.number().int(),
});
export type HistogramBucket = z.infer<typeof histogramBucketSchema>;

export const errorCodeInfoSchema = z.object({
  code: z.string(), // 0x80070005
  name: z.string(),
  meaning: z.string(),
  kind: z.enum(['hresult', 'win32', 'intune', 'ws1']),
});
export type ErrorCodeInfo = z.infer<typeof errorCodeInfoSchema>;

export const reassignmentVerdicts = [
  'reassigned',
  'already_assigned',
  'identifier_mismatch',
  'user_not_found',
  'checkout_restricted',
  'group_assignment_prompt',
  'workgroup_prompt',
  'http_error',
  'timeout',
  'prompt_dismissed',
  'unknown',
] as const;
export const reassignmentVerdictSchema = z.enum(reassignmentVerdicts);
export type ReassignmentVerdict = z.infer<typeof reassignmentVerdictSchema>;

export const reassignmentAttemptSchema = z.object({
  file: z.string(),
  firstRecord: z.number().int(),
  lastRecord: z.number().int(),
  start: z.string().nullable(),
  end: z.string().nullable(),
  durationMs: z.number().nullable(),
  windowsUser: z.string().nullable(),
  previousUser: z.string().nullable(),
  joinType: z.string().nullable(),
  identifier: z.object({ attribute: z.string(), value: z.string() }).nullable(),
  uemUser: z.string().nullable(),
  retries: z.number().int(),
  prompted: z.boolean(),
  outcome: z.enum(['reassigned', 'already_assigned', 'failed', 'unknown']),
  reassignedTo: z.string().nullable(),
  reason: reassignmentVerdictSchema,
  /** Plain-language sentence for the technician. */
  verdict: z.string(),
  /** Lines that no pattern recognised (kept, never fatal). */
  unrecognised: z.number().int(),
  /** The attempt's lines in order, each with the step it was read as, or 'unrecognised' (the first 200). */
  steps: z.array(z.object({ record: z.number().int(), kind: z.string(), text: z.string() })).default([]),
});
export type ReassignmentAttempt = z.infer<typeof reassignmentAttemptSchema>;

export const win32AppAttemptSchema = z.object({
  file: z.string(),
  appId: z.string(),
  firstRecord: z.number().int(),
  start: z.string().nullable(),
  errors: z.number().int(),
  errorCodes: z.array(z.string()),
  lastError: z.string().nullable(),
});
export type Win32AppAttempt = z.infer<typeof win32AppAttemptSchema>;
