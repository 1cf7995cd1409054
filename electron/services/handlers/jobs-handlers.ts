// Mode-change jobs: main resolves the devices itself (the renderer never supplies device state), plans,
// runs in the background with progress events, and answers audit queries.
import { AppError } from '../../common/errors.ts';
import type { ModeGoal, Preview, TargetResolution, UserRef } from '../../common/jobs.ts';
import { auditToCsv } from '../audit/csv.ts';
import { GraphClient } from '../graph/client.ts';
import type { JobEngine } from '../jobs/engine.ts';
import { resolveExactInputs, resolveQuery, type ResolveOptions } from '../jobs/bulk-targets.ts';
import { waitText } from '../graph/patience.ts';
import type { Logger } from '../log/logger.ts';
import type { Handlers } from '../router/router.ts';
import type { TenantConnection } from '../tenant/connection.ts';

type JobChannels =
  | 'jobsPlan'
  | 'jobsPlanCancel'
  | 'jobsPreview'
  | 'jobsDiscard'
  | 'jobsStart'
  | 'jobsPause'
  | 'jobsResume'
  | 'jobsCancel'
  | 'jobsRetryFailed'
  | 'jobsPlanUndo'
  | 'jobsList'
  | 'auditQuery'
  | 'auditVerify'
  | 'auditExportCsv';

export interface JobHandlerDeps {
  engine: JobEngine;
  tenant: () => TenantConnection;
  logger: Logger;
  /** The Save dialog, where the host has one. */
  saveFile?: (suggestedName: string, content: string) => Promise<string | null>;
  /** The tenant's never-choose account patterns for the last / most frequent user goals. */
  neverChoose?: () => string[];
  /** What the preview being prepared waits for (onPlanProgress). */
  planProgress?: (text: string) => void;
}

/** Rows sent with a preview; the totals always cover every device. */
const PREVIEW_ROWS = 500;

export function jobsHandlers(d: JobHandlerDeps): Pick<Handlers, JobChannels> {
  // Every input resolves every match (no cap): the preview's count is the true count. Planning waits out a
  // throttling service (saying so through planProgress) and can be stopped with jobsPlanCancel.
  const planning = new Set<AbortController>();
  const resolveTargets = async (inputs: string[], match: 'exact' | 'query', goal: ModeGoal): Promise<TargetResolution[]> => {
    const stop = new AbortController();
    planning.add(stop);
    const o: ResolveOptions = { goal, signal: stop.signal, onWait: (w) => d.planProgress?.(waitText(w)), neverChoose: d.neverChoose?.() };
    try {
      return await (match === 'query' ? resolveQuery(d.tenant().lookup, inputs[0], o) : resolveExactInputs(d.tenant().lookup, inputs, o));
    } finally {
      planning.delete(stop);
    }
  };

  const resolveUser = async (goal: ModeGoal, given: UserRef | null | undefined): Promise<UserRef | null | undefined> => {
    if (goal.kind !== 'user' || given) return given;
    const graph = d.tenant().graph;
    if (!graph) throw new AppError('not_allowed', 'Intune is not connected, so no user can be looked up.');
    const client = new GraphClient({ baseUrl: graph.baseUrl, getToken: () => graph.getToken('read') });
    const u = (await client.searchUsers(goal.upn)).find((x) => x.userPrincipalName?.toLowerCase() === goal.upn.toLowerCase());
    if (!u) throw new AppError('not_found', `No user ${goal.upn} was found in Entra ID.`);
    return { id: u.id, upn: u.userPrincipalName ?? goal.upn };
  };

  const page = (p: Preview): Preview => ({ ...p, rows: p.rows.slice(0, PREVIEW_ROWS) });

  const background = (jobId: string, done: Promise<unknown>) => {
    done.catch((err) => d.logger.error('jobs', `job ${jobId} stopped: ${err instanceof Error ? err.message : String(err)}`));
  };

  const sameTenant = (jobId: string) => {
    const job = d.engine.job(jobId);
    if (!job) throw new AppError('not_found', 'That job no longer exists.');
    if (job.tenant !== d.tenant().scope) throw new AppError('not_allowed', `This job belongs to another tenant (${job.tenant}); connect that tenant to continue it.`);
  };

  return {
    jobsPlan: async ({ goal, inputs, match, syncAfter, user }) => {
      const targets = await resolveTargets(inputs, match, goal);
      return page(d.engine.plan({ goal, targets, syncAfter, user: await resolveUser(goal, user) }));
    },
    jobsPlanCancel: () => {
      for (const stop of planning) stop.abort();
      return null;
    },
    jobsPreview: ({ jobId, offset, limit, only }) => d.engine.preview(jobId, { offset, limit, only }),
    jobsDiscard: ({ planId }) => {
      sameTenant(planId);
      d.engine.discard(planId);
      return null;
    },
    jobsStart: ({ planId, confirmation, reason }) => {
      sameTenant(planId);
      // start() checks the confirmation and reason at once (throwing here), then runs in the background.
      background(planId, d.engine.start(planId, confirmation, undefined, reason));
      return { jobId: planId };
    },
    jobsPause: ({ jobId }) => {
      d.engine.pause(jobId);
      return null;
    },
    jobsResume: ({ jobId }) => {
      sameTenant(jobId);
      background(jobId, d.engine.resume(jobId));
      return null;
    },
    jobsCancel: async ({ jobId }) => {
      await d.engine.cancel(jobId);
      return null;
    },
    jobsRetryFailed: ({ jobId }) => page(d.engine.planRetry(jobId)),
    jobsPlanUndo: ({ jobId }) => page(d.engine.planUndo(jobId)),
    jobsList: () => {
      const plans = new Map(d.engine.plans.list().map((p) => [p.id, p.expiresAt]));
      return d.engine
        .jobs()
        .filter((j) => j.status !== 'planned' || plans.has(j.id))
        .map((j) => ({ ...j, counts: d.engine.journal.counts(j.id), running: d.engine.isRunning(j.id), ...(plans.has(j.id) ? { expiresAt: plans.get(j.id) } : {}) }))
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    },
    auditQuery: (filter) => d.engine.audit.query({ limit: 1000, ...filter }),
    auditVerify: () => d.engine.audit.verify(),
    auditExportCsv: async (filter) => {
      const csv = auditToCsv(d.engine.audit.query(filter));
      if (!d.saveFile) return { savedTo: null, csv };
      return { savedTo: await d.saveFile(`audit-${new Date().toISOString().slice(0, 10)}.csv`, csv), csv: null };
    },
  };
}
