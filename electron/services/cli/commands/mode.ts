// `sdh mode plan|run|resume|undo|jobs|audit`: mode changes from the command line, through the same job
// engine as the app. Devices come from the lookup (env endpoints like `sdh lookup`, else the demo tenant).
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { AppError } from '../../../common/errors.ts';
import { actionText, defaultGuardRails, type Job, type JobCounts, type JobProgress, type JobStep, type ModeGoal, type Preview, type TargetResolution, type UserRef } from '../../../common/jobs.ts';
import { loadAuditKey } from '../../audit/audit-key.ts';
import { auditToCsv, stateText } from '../../audit/csv.ts';
import { osTechnician } from '../../audit/technician.ts';
import { openSecretStore } from '../../secrets/open.ts';
import { openDatabase } from '../../cache/db.ts';
import { syncWs1 } from '../../cache/sync.ts';
import { startDemoTenant } from '../../demo/index.ts';
import { GraphClient } from '../../graph/client.ts';
import { waitText, type ServiceWait } from '../../graph/patience.ts';
import { JobEngine } from '../../jobs/engine.ts';
import { createHttpExecutor } from '../../jobs/http-executor.ts';
import { pollByReadState } from '../../jobs/pending.ts';
import { resolveExactInputs, resolveQuery } from '../../jobs/bulk-targets.ts';
import { csvInputs } from '../../jobs/targets.ts';
import { createLookup, ws1StaticAuth, type LookupConnection } from '../../lookup/connect.ts';
import { parseArgs, stringFlag, type ParsedArgs } from '../args.ts';
import { UsageError, type CliGroup, type CliIo } from '../command.ts';
import { help } from './help.ts';
import { connectionFromEnv, dataDir } from './lookup.ts';

/** What the commands need; the default opens the journal in the data folder and a lookup connection. */
export interface ModeContext {
  engine: JobEngine;
  /** Every device each input names (exact name or serial), or every result of one search (`query`); `neverChoose`: account patterns for automatic user goals. */
  resolve(inputs: string[], match: 'exact' | 'query', goal: ModeGoal, signal: AbortSignal, neverChoose?: string[]): Promise<TargetResolution[]>;
  /** A directory user by UPN, for `--to user:UPN`. */
  resolveUser(upn: string, signal: AbortSignal): Promise<UserRef | null>;
  close(): Promise<void>;
}

export interface ModeRunOptions {
  /** A staged start above this many devices for this run (only stricter than the default). */
  stageAbove?: number;
}

export type OpenModeContext = (io: CliIo, onProgress: (p: JobProgress) => void, options?: ModeRunOptions) => Promise<ModeContext>;

/** `--never-choose a,b` → patterns; `--stage-above N` → at most the default threshold (a run may be stricter, never laxer). */
function runOptions(p: ParsedArgs): { neverChoose?: string[]; run: ModeRunOptions } {
  const never = stringFlag(p, 'never-choose');
  const stage = stringFlag(p, 'stage-above');
  const n = stage === undefined ? undefined : Number(stage);
  if (n !== undefined && (!Number.isInteger(n) || n < 1 || n > defaultGuardRails.stageAbove)) throw new UsageError(`--stage-above needs a whole number from 1 to ${defaultGuardRails.stageAbove}`);
  return { neverChoose: never?.split(',').map((s) => s.trim()).filter(Boolean), run: n === undefined ? {} : { stageAbove: n } };
}

export function parseGoal(to: string | undefined): ModeGoal {
  if (!to) throw new UsageError('--to is required');
  const [kind, arg] = [to.split(':')[0].toLowerCase(), to.slice(to.indexOf(':') + 1)];
  if (kind === 'multiuser' || kind === 'singleuser' || kind === 'migrate' || kind === 'shared') return { kind };
  if (kind === 'user' && to.includes(':') && arg.includes('@')) return { kind: 'user', upn: arg };
  if (kind === 'last-user') return { kind: 'lastSignedIn' };
  if (kind === 'sync') return { kind: 'sync' };
  if (kind === 'frequent-user') {
    const days = to.includes(':') ? Number(arg) : 30;
    if (!Number.isInteger(days) || days < 1 || days > 365) throw new UsageError('frequent-user:DAYS needs 1..365 days');
    return { kind: 'mostFrequent', days };
  }
  throw new UsageError(`--to ${to}: use multiuser, singleuser, migrate, shared, user:UPN, last-user, frequent-user[:DAYS] or sync`);
}

async function targetsFrom(p: ParsedArgs, ctx: ModeContext, io: CliIo, goal: ModeGoal, neverChoose?: string[]): Promise<TargetResolution[]> {
  const csv = stringFlag(p, 'devices');
  const query = p.positionals.slice(1).join(' ').trim();
  if (!!csv === !!query) throw new UsageError('give either --devices CSV or a QUERY');
  if (query) return ctx.resolve([query], 'query', goal, io.signal, neverChoose);
  let text: string;
  try {
    text = await readFile(resolve(io.cwd, csv!), 'utf8');
  } catch (err) {
    throw new AppError('invalid_input', `The CSV file ${csv} cannot be read.`, String(err));
  }
  const inputs = csvInputs(text);
  if (!inputs.length) throw new AppError('invalid_input', `The CSV file ${csv} lists no devices.`);
  return ctx.resolve(inputs, 'exact', goal, io.signal, neverChoose);
}

function previewText(p: Preview): string {
  const lines = [`${p.goal} — plan ${p.planId}`];
  for (const r of p.rows) {
    const what = r.status === 'skipped' ? `skipped: ${r.skipReason}${r.note ? ` (${r.note})` : ''}` : `${r.call ?? ''}${r.note ? ` — ${r.note}` : ''}`;
    lines.push(`  ${r.input.padEnd(20)} ${(r.deviceName ?? '—').padEnd(18)} ${(stateText(r.before) || '—').padEnd(34)} ${what}`);
  }
  const skips = Object.entries(p.totals.bySkipReason).map(([k, n]) => `${k} ${n}`).join(', ');
  lines.push(`${p.totals.devices} devices: ${p.totals.toChange} to change, ${p.totals.skipped} skipped${skips ? ` (${skips})` : ''}`);
  return lines.join('\n') + '\n';
}

function summary(job: Job, counts: JobCounts, steps: JobStep[]) {
  const failed = steps.filter((s) => s.status === 'failed').map((s) => ({ input: s.input, device: s.deviceName ?? null, code: s.error?.code, message: s.error?.message }));
  return { job, counts, failed };
}

function printRun(io: CliIo, json: boolean, ctx: ModeContext, jobId: string): number {
  const job = ctx.engine.job(jobId)!;
  const counts = ctx.engine.journal.counts(jobId);
  const s = summary(job, counts, ctx.engine.steps(jobId));
  if (json) io.stdout.write(`${JSON.stringify(s)}\n`);
  else {
    io.stdout.write(`Job ${jobId} ${job.status}: ${counts.succeeded} changed (${counts.succeeded - counts.pending} done, ${counts.pending} pending on the device until it reports its new mode), ${counts.failed} failed, ${counts.skipped} skipped, ${counts.cancelled} cancelled.\n`);
    for (const f of s.failed) io.stdout.write(`  failed ${f.input}: ${f.message}\n`);
  }
  return job.status === 'finished' && counts.failed === 0 ? 0 : 1;
}

export function createModeGroup(open: OpenModeContext): CliGroup {
  return {
    name: 'mode',
    ...help.mode,
    async run(args, io) {
      const p = parseArgs(args, { values: ['to', 'devices', 'job', 'device', 'reason', 'never-choose', 'stage-above'], switches: ['sync', 'yes', 'verify', 'csv'] });
      const [cmd, arg] = p.positionals;
      const json = p.flags.has('json');
      if (!['plan', 'run', 'resume', 'undo', 'jobs', 'pending', 'audit'].includes(cmd ?? '')) throw new UsageError('mode needs plan, run, resume, undo, jobs, pending or audit');
      let last = 0;
      const onProgress = (g: JobProgress) => {
        if (json || Date.now() - last < 1000) return;
        last = Date.now();
        const c = g.counts;
        io.stderr.write(`${g.jobId}: ${c.succeeded + c.failed + c.skipped + c.cancelled}/${c.total} done, ${c.failed} failed, ${g.ratePerMinute}/min, ETA ${g.etaSeconds ?? '?'} s, ${g.throttled} throttled\n`);
      };
      const options = runOptions(p);
      const ctx = await open(io, onProgress, options.run);
      try {
        if (cmd === 'plan' || cmd === 'run') {
          const goal = parseGoal(stringFlag(p, 'to'));
          const targets = await targetsFrom(p, ctx, io, goal, options.neverChoose);
          const user = goal.kind === 'user' ? await ctx.resolveUser(goal.upn, io.signal) : undefined;
          const preview = ctx.engine.plan({ goal, targets, syncAfter: p.flags.has('sync'), user });
          if (cmd === 'plan') {
            io.stdout.write(json ? `${JSON.stringify(preview)}\n` : previewText(preview));
            return 0;
          }
          if (!p.flags.has('yes')) throw new UsageError(`add --yes to change ${preview.totals.toChange} devices (plan ${preview.planId} is saved)`);
          if (!json) io.stderr.write(previewText(preview));
          await ctx.engine.start(preview.planId, preview.confirmCount, io.signal, stringFlag(p, 'reason'));
          return printRun(io, json, ctx, preview.planId);
        }
        if (cmd === 'resume') {
          if (!arg) throw new UsageError('mode resume needs a JOB id');
          await ctx.engine.resume(arg, io.signal);
          return printRun(io, json, ctx, arg);
        }
        if (cmd === 'undo') {
          if (!arg) throw new UsageError('mode undo needs a JOB id');
          const preview = ctx.engine.planUndo(arg);
          if (!p.flags.has('yes')) {
            io.stdout.write(json ? `${JSON.stringify(preview)}\n` : `${previewText(preview)}Run it: sdh mode undo ${arg} --yes\n`);
            return 0;
          }
          if (!json) io.stderr.write(previewText(preview));
          await ctx.engine.start(preview.planId, preview.confirmCount, io.signal, stringFlag(p, 'reason'));
          return printRun(io, json, ctx, preview.planId);
        }
        if (cmd === 'jobs') {
          const jobs = ctx.engine.jobs().map((j) => ({ ...j, counts: ctx.engine.journal.counts(j.id) }));
          if (json) io.stdout.write(`${JSON.stringify({ jobs })}\n`);
          else for (const j of jobs) io.stdout.write(`${j.id}  ${j.status.padEnd(9)} ${j.createdAt}  ${j.counts.succeeded}/${j.total} changed, ${j.counts.failed} failed  ${j.goal}\n`);
          return 0;
        }
        if (cmd === 'pending') {
          const r = await ctx.engine.pendingTracker(pollByReadState(ctx.engine.executor)).sweep(io.signal);
          io.stdout.write(json ? `${JSON.stringify(r)}\n` : `${r.confirmed} confirmed, ${r.gaveUp} given up, ${r.waiting} still pending.\n`);
          return 0;
        }
        // audit
        if (p.flags.has('verify')) {
          const v = ctx.engine.audit.verify();
          io.stdout.write(json ? `${JSON.stringify(v)}\n` : v.ok ? `Audit trail intact: ${v.entries} entries.${v.note ? ` ${v.note}` : ''}\n` : `Audit trail BROKEN at entry ${v.firstBrokenSeq}: ${v.problem}\n`);
          return v.ok ? 0 : 1;
        }
        const entries = ctx.engine.audit.query({ jobId: stringFlag(p, 'job'), device: stringFlag(p, 'device') });
        if (p.flags.has('csv')) io.stdout.write(auditToCsv(entries));
        else if (json) io.stdout.write(`${JSON.stringify({ entries })}\n`);
        else for (const e of entries) io.stdout.write(`${e.seq} ${e.at} ${e.technician} ${e.deviceName} ${actionText(e.action)} ${e.result} ${stateText(e.before)} → ${stateText(e.after)}${e.reason ? ` (${e.reason})` : ''}\n`);
        return 0;
      } finally {
        await ctx.close();
      }
    },
  };
}

/** The default context: endpoints from the environment (like `sdh lookup`), else the demo tenant in-process. */
export const openDefaultModeContext: OpenModeContext = async (io, onProgress, options = {}) => {
  let conn = connectionFromEnv(io.env);
  let stop = async () => {};
  if (!conn) {
    // No signed-in profile in the CLI yet: the demo tenant (fresh per process, so undo acts on a new tenant).
    const t = await startDemoTenant();
    conn = {
      scope: 'demo',
      graph: { baseUrl: t.graphUrl, getToken: async () => t.graphToken, portal: null },
      ws1: { baseUrl: t.ws1Url, authHeaders: ws1StaticAuth({ basic: `${t.ws1.basicUser}:${t.ws1.basicPassword}`, tenantCode: t.ws1.tenantCode }) },
    } satisfies LookupConnection;
    stop = () => t.stop();
  }
  const c = conn;
  // The lookup's cache, as `sdh lookup` keeps it: WS1 v1 cannot search by name, its cache answers those.
  const db = openDatabase(join(dataDir(io.env), 'helpdesk.sqlite'));
  const lookup = createLookup(c, { db });
  let ws1Synced = false;
  const graph = c.graph ? new GraphClient({ baseUrl: c.graph.baseUrl, getToken: c.graph.getToken }) : null;
  const engine = new JobEngine({
    dataDir: dataDir(io.env),
    // the app's key (keychain), so the app and the CLI check the same chain; a session key without one
    audit: { key: await loadAuditKey(await openSecretStore({ probeTimeoutMs: 2_000 })) },
    executor: createHttpExecutor({
      // the CLI's connection holds one token (from the environment, or the demo's), whatever the call needs
      graph: c.graph && { url: c.graph.baseUrl, getToken: () => c.graph!.getToken() },
      ws1: c.ws1 && { url: c.ws1.baseUrl, getHeaders: c.ws1.authHeaders },
    }),
    identity: () => ({ technician: io.env.SDH_TECHNICIAN || osTechnician(io.env), tenant: c.scope }),
    onProgress,
    ...(options.stageAbove ? { guardRails: () => ({ ...defaultGuardRails, stageAbove: options.stageAbove!, reasonAbove: Math.min(defaultGuardRails.reasonAbove, options.stageAbove!), source: `--stage-above ${options.stageAbove}` }) } : {}),
  });
  let lastWait = 0;
  const onWait = (w: ServiceWait) => {
    if (Date.now() - lastWait < 2_000) return; // several calls wait at once: one line is enough
    lastWait = Date.now();
    io.stderr.write(`${waitText(w)}\n`);
  };
  return {
    engine,
    resolve: async (inputs, match, goal, signal, neverChoose) => {
      const age = lookup.cache?.cacheAge().ws1;
      if (!ws1Synced && lookup.ws1 && lookup.cache && (!age || Date.now() - Date.parse(age) > 3_600_000)) {
        ws1Synced = true;
        await syncWs1(lookup.cache, lookup.ws1, { kind: age ? 'incremental' : 'full', signal }).catch(() => {}); // the search reports the source's error
      }
      const o = { goal, signal, onWait, neverChoose };
      return match === 'query' ? resolveQuery(lookup, inputs[0], o) : resolveExactInputs(lookup, inputs, o);
    },
    resolveUser: async (upn, signal) => {
      if (!graph) throw new AppError('not_allowed', 'Intune is not connected, so no user can be looked up.');
      const u = (await graph.searchUsers(upn, signal)).find((x) => x.userPrincipalName?.toLowerCase() === upn.toLowerCase());
      return u ? { id: u.id, upn: u.userPrincipalName ?? upn } : null;
    },
    close: async () => {
      await engine.close();
      db.close();
      await stop();
    },
  };
};

export const modeGroup = createModeGroup(openDefaultModeContext);
