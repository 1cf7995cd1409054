// The single source of truth for every IPC channel between renderer and main.
// Each key is a channel: the preload exposes exactly one function of that name on `window.helpdesk`,
// main registers exactly one handler (invoke) or emitter (event) for it, and both validate with these schemas.
import { z } from 'zod';
import { appErrorSchema } from '../errors.ts';
import { event, invoke, noArg, type Channel, type EventChannel, type InvokeChannel } from './channel.ts';
import { appInfoSchema, externalUrlSchema, themeSchema } from '../app.ts';
import { bundleFactsSchema } from '../bundle-facts.ts';
import {
  errorCodeInfoSchema,
  histogramBucketSchema,
  logFileStatsSchema,
  logFilterResultSchema,
  logFilterSpecSchema,
  logFindResultSchema,
  logTextQuerySchema,
  logGrantSchema,
  logHandleSchema,
  logProgressSchema,
  logRecordSchema,
  logSessionInfoSchema,
  logsLayoutSchema,
  reassignmentAttemptSchema,
} from '../logs.ts';
import { deviceSchema, deviceSourceSchema, historySightingSchema, lookupPartialSchema, lookupRequestSchema, pendingChangeSchema, userDevicesRequestSchema, userDevicesSchema } from '../device.ts';
import { bookmarksSchema, savedSetSchema, savedSetsSchema } from '../logs-marks.ts';
import { imeTimelineSchema, stepPatternsInfoSchema, userSessionSchema } from '../logs-insight.ts';
import {
  auditEntrySchema,
  auditFilterSchema,
  auditVerificationSchema,
  jobCountsSchema,
  jobIdSchema,
  reasonSchema,
  jobProgressSchema,
  jobSchema,
  modeGoalSchema,
  previewSchema,
  userRefSchema,
  stepStatusSchema,
} from '../jobs.ts';
import { diagnosticsIdSchema, diagnosticsProgressSchema, diagnosticsRequestSchema, diagnosticsViewSchema } from '../diagnostics.ts';
import { connectionReportSchema, profileDraftSchema, profileIdSchema, profileViewSchema, signedInAccountSchema } from '../profiles.ts';

const sessionId = z.string().uuid();
const taskId = z.string().min(1).max(64);
const position = z.number().int().nonnegative().max(2 ** 40);
const viewId = z.string().max(64).optional();
const direction = z.enum(['next', 'previous']);
/** logsMarkText's limits: a screen of rows and the detail pane's message, never a file. */
export const MARK_TEXTS = 500;
export const MARK_TEXT_CHARS = 65_536;
export const MARK_TOTAL_CHARS = 1_048_576;
const exportedSchema = z.object({ savedTo: z.string().nullable(), text: z.string().nullable() });

export const contract = {
  getAppInfo: invoke('Version, platform, and whether the demo tenant or a real one is connected.', noArg, appInfoSchema),
  getTheme: invoke('The theme the technician chose (system follows the OS).', noArg, themeSchema),
  setTheme: invoke('Remember the chosen theme.', themeSchema, z.null()),
  getLogsLayout: invoke("The logs viewer's layout the technician left: column widths per format and wrap.", noArg, logsLayoutSchema),
  setLogsLayout: invoke("Remember the logs viewer's layout (column widths per format, wrap).", logsLayoutSchema, z.null()),
  openExternal: invoke(
    'Open an admin-portal link in the OS browser; refused unless its origin is on the allowlist.',
    externalUrlSchema,
    z.null(),
  ),
  // Tenants, sign-in and secrets (nothing here ever carries a token or a saved secret back)
  profilesList: invoke(
    'Saved tenant profiles (no secrets), which are in use, and where secrets are kept.',
    noArg,
    z.object({
      profiles: z.array(profileViewSchema),
      active: z.object({ intune: profileIdSchema.nullable(), ws1: profileIdSchema.nullable() }),
      secretStorage: z.object({ kind: z.enum(['keychain', 'session']), message: z.string() }),
      realTenantsAllowed: z.boolean(),
    }),
  ),
  profilesSave: invoke(
    'Validate and save a profile from the setup form; its secrets go to the keychain and never come back.',
    profileDraftSchema,
    z.discriminatedUnion('ok', [
      z.object({ ok: z.literal(true), view: profileViewSchema }),
      z.object({ ok: z.literal(false), problems: z.array(z.object({ field: z.string(), message: z.string() })) }),
    ]),
  ),
  profilesRemove: invoke('Delete a profile, its secrets and its token cache.', z.object({ id: profileIdSchema }), z.null()),
  profilesTest: invoke('Try the profile and say exactly what is missing (scope, role, host, region, ...).', z.object({ id: profileIdSchema }), connectionReportSchema),
  ws1ModeWireStatus: invoke(
    "How the connected Workspace ONE tenant's mode changes are shaped: verified against its API description (and when), or not verified.",
    noArg,
    z.object({ connected: z.boolean(), verified: z.boolean(), line: z.string() }),
  ),
  supportApiTrace: invoke(
    'The last 500 platform calls as text for a support ticket: method, path without query values, status, duration, request id; no tokens, secrets or user names.',
    noArg,
    z.object({ text: z.string(), calls: z.number().int().nonnegative() }),
  ),
  profilesActivate: invoke(
    'Use these profiles (null: none of that kind); with none, the app returns to the demo tenant.',
    z.object({ intune: profileIdSchema.nullable(), ws1: profileIdSchema.nullable() }),
    appInfoSchema,
  ),
  authSignIn: invoke(
    'Sign in to an Intune profile through the system browser, or with a device code (shown through onDeviceCode).',
    z.object({ profileId: profileIdSchema, method: z.enum(['browser', 'device-code']) }),
    signedInAccountSchema,
  ),
  authCancel: invoke('Stop a sign-in that is waiting for the browser or the device code.', z.object({ profileId: profileIdSchema }), z.null()),
  authAccounts: invoke('Accounts signed in to an Intune profile, and which one is used.', z.object({ profileId: profileIdSchema }), z.object({ accounts: z.array(signedInAccountSchema), current: z.string().nullable() })),
  authSelectAccount: invoke('Use this signed-in account for the profile.', z.object({ profileId: profileIdSchema, homeAccountId: z.string().max(400) }), z.null()),
  authSignOut: invoke('Sign out of an Intune profile (one account, or all).', z.object({ profileId: profileIdSchema, homeAccountId: z.string().max(400).optional() }), z.null()),
  onDeviceCode: event(
    'A device-code sign-in is waiting: show the code and the address to enter it at.',
    z.object({ profileId: z.string(), userCode: z.string(), verificationUri: z.string(), message: z.string(), expiresAt: z.string() }),
  ),

  // Lookup
  lookupSearch: invoke(
    'Search both platforms (and the cache) for a device name, serial or user; partial results stream as onLookupResults with the same requestId; resolves with the final result.',
    lookupRequestSchema.extend({ requestId: z.string().min(1).max(64) }),
    lookupPartialSchema,
  ),
  lookupCancel: invoke('Stop a running search.', z.object({ requestId: z.string().min(1).max(64) }), z.null()),
  lookupPage: invoke(
    'Rows offset.. of a finished search (the list scrolls past its first page), diagnosed; the last few searches are kept.',
    z.object({ requestId: z.string().min(1).max(64), offset: z.number().int().min(0).max(10_000_000), count: z.number().int().min(1).max(1000) }),
    z.object({ devices: z.array(deviceSchema), total: z.number().int().min(0) }),
  ),
  lookupTargets: invoke('Serial (else name) of every device a finished search matched, for "Change these N devices…".', z.object({ requestId: z.string().min(1).max(64) }), z.array(z.string())),
  lookupUserDevices: invoke(
    'Every device a user (UPN or DOMAIN\\user) was seen on within a period, from our sign-in history in the local cache only (works offline).',
    userDevicesRequestSchema,
    userDevicesSchema,
  ),
  cacheSync: invoke(
    'Sync the offline cache from both platforms (full, or only what changed); progress streams as onCacheSyncProgress.',
    z.object({ kind: z.enum(['full', 'incremental']) }),
    z.array(z.object({ source: deviceSourceSchema, stored: z.number().int(), removed: z.number().int(), at: z.string() })),
  ),
  cacheSyncCancel: invoke('Stop a running cache sync (what was stored so far stays).', noArg, z.null()),
  cacheStatus: invoke('When each source was last synced into the offline cache.', noArg, z.object({ intune: z.string().nullable(), ws1: z.string().nullable() })),
  lookupPendingChanges: invoke('Changes sent to devices that are still pending (or settled within the last day), for the cards\' badges.', noArg, z.array(pendingChangeSchema)),
  lookupSignInHistory: invoke(
    'Our own sign-in history of one device (kept in the local cache, 180 days by default): who was seen on it, from which source, first and last seen.',
    z.object({ serial: z.string().max(128).nullable(), intuneId: z.string().max(128).nullable(), ws1Id: z.string().max(128).nullable() }),
    z.array(historySightingSchema),
  ),
  lookupExportCsv: invoke(
    'Save the chosen devices of the grid as CSV through a Save dialog; null when the technician cancels.',
    z.object({ csv: z.string().max(64 * 1024 * 1024), suggestedName: z.string().max(128) }),
    z.object({ path: z.string() }).nullable(),
  ),
  onLookupResults: event('A step of a running search: the ranked cards so far, errors per source, what is still pending.', lookupPartialSchema),
  onCacheSyncProgress: event(
    'Progress of a cache sync.',
    z.object({ source: deviceSourceSchema, kind: z.enum(['full', 'incremental']), phase: z.enum(['list', 'details', 'done']), done: z.number(), total: z.number().nullable() }),
  ),

  // Mode changes
  jobsPlan: invoke(
    'Preview a mode change: main finds the devices itself (exact names or serials, or every result of one search) and says per device what it will do or why not.',
    z.object({
      goal: modeGoalSchema,
      inputs: z.array(z.string().trim().min(1).max(256)).min(1).max(10_000),
      match: z.enum(['exact', 'query']),
      syncAfter: z.boolean().optional(),
      user: userRefSchema.nullable().optional(),
    }),
    previewSchema,
  ),
  jobsPlanCancel: invoke('Stop the preview being prepared (its jobsPlan call then fails as cancelled).', noArg, z.null()),
  onPlanProgress: event(
    'What the preview being prepared is waiting for, e.g. "Intune asked us to slow down; continuing in 14 s".',
    z.object({ text: z.string().max(300) }),
  ),
  jobsPreview: invoke(
    'A page of a planned or finished job\'s rows (its devices with their outcome; `only` keeps some statuses, e.g. failed), with the totals.',
    z.object({ jobId: jobIdSchema, offset: z.number().int().min(0), limit: z.number().int().min(1).max(1000), only: z.array(stepStatusSchema).max(6).optional() }),
    previewSchema,
  ),
  jobsDiscard: invoke('Remove a preview that was not started (previews also expire after 24 hours).', z.object({ planId: jobIdSchema }), z.null()),
  jobsStart: invoke(
    'Start a planned job; for more than a handful of devices the technician must have typed the count, and above the tenant\'s threshold given a reason. Progress streams as onJobProgress.',
    z.object({ planId: jobIdSchema, confirmation: z.number().int().nullable(), reason: reasonSchema.optional() }),
    z.object({ jobId: jobIdSchema }),
  ),
  jobsPause: invoke('Pause a running job (it can be resumed).', z.object({ jobId: jobIdSchema }), z.null()),
  jobsResume: invoke('Resume a paused or interrupted job where it stopped.', z.object({ jobId: jobIdSchema }), z.null()),
  jobsCancel: invoke('Cancel what has not run yet; changes made stay (undo them).', z.object({ jobId: jobIdSchema }), z.null()),
  jobsRetryFailed: invoke('Preview a new job with only the failed devices.', z.object({ jobId: jobIdSchema }), previewSchema),
  jobsPlanUndo: invoke('Preview a job that restores every changed device to its recorded before-state.', z.object({ jobId: jobIdSchema }), previewSchema),
  jobsList: invoke(
    'Every job, newest first, with its counts; unfinished ones can be resumed. Previews not started yet come too, with their expiry (shown apart).',
    noArg,
    z.array(jobSchema.extend({ counts: jobCountsSchema, running: z.boolean(), expiresAt: z.string().optional() })),
  ),
  auditQuery: invoke('Audit entries matching a filter, newest first.', auditFilterSchema, z.array(auditEntrySchema)),
  auditVerify: invoke('Check the audit hash chain and say where it is broken, if anywhere.', noArg, auditVerificationSchema),
  auditExportCsv: invoke(
    'Export matching audit entries as CSV: saved through the Save dialog in the desktop app, returned as text elsewhere.',
    auditFilterSchema,
    z.object({ savedTo: z.string().nullable(), csv: z.string().nullable() }),
  ),
  onJobProgress: event('Progress of a running job: counts, rate, ETA, 429s seen.', jobProgressSchema),

  // Logs viewer
  logsOpenDialog: invoke(
    'Ask main to show the Open dialog (files, a folder, or zips) and open what the technician picks; null when cancelled.',
    z.object({ kind: z.enum(['files', 'folder']) }),
    logSessionInfoSchema.nullable(),
  ),
  logsOpenPaths: invoke(
    'Open paths the technician typed: files named like logs (.log, .lo_, .txt, .json, .zip) open at once; anything else only after main asks (desktop app), else refused naming the rule.',
    z.object({ paths: z.array(z.string().min(1).max(4096)).min(1).max(64) }),
    logSessionInfoSchema,
  ),
  logsOpenDropped: invoke(
    'Open files dropped onto the app, under the same rule as typed paths. The page passes the dropped File objects; the preload turns them into paths (webUtils), so main receives only paths.',
    z.object({ paths: z.array(z.string().min(1).max(4096)).min(1).max(64) }),
    logSessionInfoSchema,
  ),
  logsOpenHandles: invoke(
    'Open what the technician chose earlier through main (recent list, file association, command line), by the handles main minted.',
    z.object({ handles: z.array(logHandleSchema).min(1).max(64) }),
    logSessionInfoSchema,
  ),
  logsPendingOpen: invoke('Logs the OS asked the app to open (command line, file association, a second launch) not yet opened, as handles; taking them clears the list.', noArg, z.array(logGrantSchema)),
  logsOpenDemo: invoke("Open the demo tenant's Collect-diagnostics bundle for a device (demo tenant only).", z.object({ device: z.string().max(64).optional() }), logSessionInfoSchema),
  logsRecent: invoke('Recently opened logs, newest first, as handles with their paths as labels.', noArg, z.array(logGrantSchema)),
  logsWindow: invoke(
    'Records at view positions [first, first + count).',
    z.object({ session: sessionId, first: position, count: z.number().int().min(1).max(2000), viewId }),
    z.object({ total: z.number().int(), records: z.array(logRecordSchema) }),
  ),
  logsCount: invoke('How many records a view has now (grows while indexing).', z.object({ session: sessionId, viewId }), z.number().int()),
  logsDetail: invoke('One record with its whole message, for the detail pane.', z.object({ session: sessionId, position, viewId }), logRecordSchema.nullable()),
  logsFilter: invoke(
    'Filter a session by level, component, thread, time and text; counts stream as onLogsProgress; cancel with logsCancel.',
    z.object({ session: sessionId, task: taskId, spec: logFilterSpecSchema }),
    logFilterResultSchema,
  ),
  logsFind: invoke(
    'The next or previous matching record from a position (F3 / Shift+F3), or null.',
    z.object({ session: sessionId, task: taskId, spec: logFilterSpecSchema, from: position, direction, viewId }),
    position.nullable(),
  ),
  logsFindMatch: invoke(
    'Find as CMTrace and klogg do: the next (previous) match after (before) a position (-1: from the start), its rank and how many matches the view holds ("3 of 41"); every match is counted once per pattern and view, on the log workers; cancel with logsCancel.',
    z.object({ session: sessionId, task: taskId, text: logTextQuerySchema, from: z.number().int().min(-1).max(2 ** 40), direction, viewId }),
    logFindResultSchema,
  ),
  logsMarkText: invoke(
    'Where the find pattern matches in the texts on screen (row messages, the detail pane), found on a log worker as find itself is: [start, end) spans in UTF-16 code units per text, empty matches left out, at most 500 a text. A pattern only the backtracking engine runs gets a short time budget (timeout error); cancel with logsCancel.',
    z.object({
      task: taskId,
      text: logTextQuerySchema,
      texts: z
        .array(z.string().max(MARK_TEXT_CHARS))
        .max(MARK_TEXTS)
        .refine((texts) => texts.reduce((n, t) => n + t.length, 0) <= MARK_TOTAL_CHARS, { message: `At most ${MARK_TOTAL_CHARS} characters in all.` }),
    }),
    z.array(z.array(z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative()]))),
  ),
  logsNextError: invoke(
    'The next or previous error record from a position (-1: from the start), or null.',
    z.object({ session: sessionId, from: z.number().int().min(-1).max(2 ** 40), direction, viewId }),
    position.nullable(),
  ),
  logsLocate: invoke(
    "Where a file's record is in a view (an explainer attempt in a merged view), or the first record that carries a time; null when the view does not hold it.",
    z.object({ session: sessionId, viewId, target: z.union([z.object({ file: z.number().int().nonnegative(), index: position }), z.literal('first-timed')]) }),
    position.nullable(),
  ),
  logsNearestHit: invoke(
    "The filter result's record nearest to a position among all records, with both positions (the search pane follows the full view); null when the result is empty.",
    z.object({ session: sessionId, viewId: z.string().min(1).max(64), position }),
    z.object({ position, basePosition: position }).nullable(),
  ),
  logsCancel: invoke('Cancel a running filter or find.', z.object({ task: taskId }), z.null()),
  logsHistogram: invoke(
    'Records and errors over time, in buckets that know where they start.',
    z.object({ session: sessionId, buckets: z.number().int().min(1).max(1000), viewId }),
    z.array(histogramBucketSchema),
  ),
  logsStats: invoke('Per-file format, encoding, record and level counts, first and last time.', z.object({ session: sessionId }), z.array(logFileStatsSchema)),
  logsExplain: invoke('Reassignment attempts found in the session, each explained.', z.object({ session: sessionId }), z.array(reassignmentAttemptSchema)),
  logsBundleFacts: invoke(
    "What the session's diagnostics-bundle files say about the device: dsregcmd join state, PRT, ids and diagnosis lines (null when it has no dsregcmd output).",
    z.object({ session: sessionId }),
    bundleFactsSchema,
  ),
  logsSetOffset: invoke(
    "Shift one file's times by some minutes in the merged view (IME logs carry no zone).",
    z.object({ session: sessionId, file: z.number().int().nonnegative(), minutes: z.number().int().min(-24 * 60).max(24 * 60) }),
    z.null(),
  ),
  logsFollow: invoke(
    'Tail mode: follow files that grow, rotate or are truncated; new records are announced through onLogsProgress.',
    z.object({ session: sessionId, follow: z.boolean() }),
    z.null(),
  ),
  logsClose: invoke('Close a session and free its index.', z.object({ session: sessionId }), z.null()),
  logsImeTimeline: invoke(
    'The IME timeline: Win32 app, script and remediation runs with steps, results and codes; names for GUIDs from the logs, then the connected tenant (with notes).',
    z.object({ session: sessionId }),
    imeTimelineSchema,
  ),
  logsPositionOf: invoke("Where a file's record sits among all the session's records (for a click on a timeline row or step).", z.object({ session: sessionId, file: z.number().int().nonnegative(), record: z.number().int().nonnegative() }), position.nullable()),
  logsUserSessions: invoke('Who was signed in when, from every file of the session that says so.', z.object({ session: sessionId }), z.array(userSessionSchema)),
  logsStepPatterns: invoke('The reassignment step patterns in use: shipped, and the extra file loaded from Settings.', noArg, stepPatternsInfoSchema),
  logsStepPatternsLoad: invoke(
    "Load an extra reassignment step pattern file (its text, validated in main; a bad file changes nothing and says why).",
    z.object({ name: z.string().min(1).max(260), text: z.string().max(1 << 20) }),
    stepPatternsInfoSchema,
  ),
  logsStepPatternsClear: invoke('Forget the extra reassignment step pattern file.', noArg, stepPatternsInfoSchema),
  logsBookmarks: invoke('The bookmarks of the session\'s files, each with its place in the view (null: not shown there, or made when the file had another size).', z.object({ session: sessionId, viewId }), bookmarksSchema),
  logsBookmarkToggle: invoke(
    'Bookmark a file record, or remove its bookmark (kept by main per file path and size); answers with the bookmarks as logsBookmarks does.',
    z.object({ session: sessionId, viewId, file: z.number().int().nonnegative(), index: position }),
    bookmarksSchema,
  ),
  logsBookmarksExport: invoke('The session\'s bookmarks as text: saved through the Save dialog in the desktop app, returned as text elsewhere.', z.object({ session: sessionId }), exportedSchema),
  logsSavedSets: invoke('The saved sets of filters and highlight rules, by name.', noArg, savedSetsSchema),
  logsSavedSetsExport: invoke('Every saved set as one JSON file: through the Save dialog in the desktop app, returned as text elsewhere.', noArg, exportedSchema),
  logsSavedSetSave: invoke('Save a named set of filters and highlight rules (replaces the set of that name); list them again with logsSavedSets.', savedSetSchema, z.null()),
  logsSavedSetRemove: invoke('Delete a saved set.', z.object({ name: z.string().min(1).max(80) }), z.null()),
  logsSavedSetsImport: invoke(
    'Import saved sets from a JSON file the technician opened (its text, validated in main: all of it or nothing, a bad file says why); answers how many were imported.',
    z.object({ name: z.string().min(1).max(260), text: z.string().max(4 << 20) }),
    z.object({ imported: z.number().int() }),
  ),
  logsErrorCodes: invoke('HRESULT, Win32 and Intune codes found in a message, explained.', z.object({ text: z.string().max(1 << 20) }), z.array(errorCodeInfoSchema)),
  logsLookupCode: invoke(
    'One code the technician typed: HRESULT (0x87D1041C), signed decimal (-2016345060), Win32 (5) or Intune; null when unknown.',
    z.object({ code: z.string().min(1).max(64) }),
    errorCodeInfoSchema.nullable(),
  ),
  onLogsProgress: event(
    'Indexing, merge and filter progress of a log session.',
    z.object({ session: z.string(), task: z.string().nullable(), progress: logProgressSchema }),
  ),
  onLogsOpenRequest: event('The OS asked the app to open logs (file association, command line, a second launch): take them with logsPendingOpen.', z.object({ pending: z.number().int() })),
  // Collect diagnostics from a device card (Intune; Workspace ONE where the tenant describes it)
  diagnosticsList: invoke(
    "A device's Collect-diagnostics requests in Intune (status, times, size, expiry, downloaded) and whether Workspace ONE offers a device-log request on this tenant.",
    z.object({ intuneId: diagnosticsIdSchema.nullable(), ws1Uuid: z.string().max(100).nullable() }),
    diagnosticsViewSchema,
  ),
  diagnosticsCollect: invoke('Ask Intune for a new diagnostics upload from a Windows device; main watches it until it is uploaded.', z.object({ intuneId: diagnosticsIdSchema }), diagnosticsRequestSchema),
  diagnosticsOpen: invoke(
    'Open a completed diagnostics zip in the log viewer, downloading it into the app data folder first when needed (progress as onDiagnosticsProgress).',
    z.object({ intuneId: diagnosticsIdSchema, requestId: diagnosticsIdSchema }),
    logSessionInfoSchema,
  ),
  diagnosticsCancel: invoke("Stop watching and downloading a device's diagnostics (the request stays in Intune).", z.object({ intuneId: diagnosticsIdSchema }), z.null()),
  onDiagnosticsProgress: event('A diagnostics request changed state, or its download made progress (bytes of total).', diagnosticsProgressSchema),
  onNotice: event(
    'A message from main for the status bar (tenant started, a background task failed, ...).',
    z.object({ level: z.enum(['info', 'warning', 'error']), message: z.string(), error: appErrorSchema.optional() }),
  ),
} satisfies Record<string, Channel>;

export type Contract = typeof contract;
export type ChannelName = keyof Contract;

export type InvokeName = { [K in ChannelName]: Contract[K] extends InvokeChannel ? K : never }[ChannelName];
export type EventName = { [K in ChannelName]: Contract[K] extends EventChannel ? K : never }[ChannelName];

export type ArgOf<K extends InvokeName> = z.input<Contract[K]['arg']>;
export type ResultOf<K extends InvokeName> = z.output<Contract[K]['result']>;
export type PayloadOf<K extends EventName> = z.output<Contract[K]['payload']>;

export const channelNames = Object.keys(contract) as ChannelName[];
export const invokeNames = channelNames.filter((n) => contract[n].kind === 'invoke') as InvokeName[];
export const eventNames = channelNames.filter((n) => contract[n].kind === 'event') as EventName[];
