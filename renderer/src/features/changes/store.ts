// Mode changes as the technician drives them: a plan (preview) → typed confirmation → a running job with
// live progress; the jobs list with pause, resume, cancel, retry and undo; the audit trail.
import { create } from 'zustand';
import type { AuditEntry, AuditFilter, JobProgress, JobStep, ModeGoal, Preview, StepStatus, UserRef } from '../../../../electron/common/jobs.ts';
import type { ResultOf } from '../../../../electron/common/ipc/contract.ts';
import { call } from '../../api.ts';

export type GoalChoice = 'multiuser' | 'migrate' | 'singleuser' | 'shared' | 'user' | 'lastSignedIn' | 'mostFrequent' | 'sync';

export const goalChoices: { value: GoalChoice; label: string; platform: 'Workspace ONE' | 'Intune' }[] = [
  { value: 'multiuser', label: 'Change to Multiuser (or migrate a legacy device)', platform: 'Workspace ONE' },
  { value: 'migrate', label: 'Migrate Single user (Legacy) to Multiuser', platform: 'Workspace ONE' },
  { value: 'singleuser', label: 'Change to Single user', platform: 'Workspace ONE' },
  { value: 'shared', label: 'Make shared (remove the primary user)', platform: 'Intune' },
  { value: 'user', label: 'Assign a primary user…', platform: 'Intune' },
  { value: 'lastSignedIn', label: 'Assign the last signed-in user', platform: 'Intune' },
  { value: 'mostFrequent', label: 'Assign the most frequent user of the last N days', platform: 'Intune' },
  { value: 'sync', label: 'Sync (ask the devices to check in now; no undo)', platform: 'Intune' },
];

export interface PlanForm {
  goal: GoalChoice;
  upn: string;
  days: number;
  targets: string;
  match: 'exact' | 'query';
  syncAfter: boolean;
  user: UserRef | null;
}

type JobRow = ResultOf<'jobsList'>[number];

interface ChangesState {
  tab: 'new' | 'jobs' | 'audit';
  form: PlanForm;
  preview: Preview | null;
  /** Set when the preview is a retry or an undo of a job: it then replaces the form. */
  followUp: { kind: 'retry' | 'undo'; of: string } | null;
  confirmation: string;
  /** Why: asked for above the tenant's threshold, recorded in the audit. */
  reason: string;
  jobs: JobRow[];
  progress: Record<string, JobProgress>;
  /** The devices of an opened job (its first rows, or only its failed ones). */
  jobDevices: Record<string, { rows: JobStep[]; only: StepStatus[] | null; total: number }>;
  audit: AuditEntry[];
  auditFilter: AuditFilter;
  verification: ResultOf<'auditVerify'> | null;
  busy: string | null;
  /** While a preview is prepared: what it waits for ("Intune asked us to slow down; continuing in 14 s"). */
  planWait: string | null;
  planning: boolean;
  error: string | null;
  notice: string | null;
  setTab(tab: ChangesState['tab']): void;
  setForm(patch: Partial<PlanForm>): void;
  plan(): Promise<void>;
  onPlanProgress(text: string): void;
  cancelPlan(): Promise<void>;
  setConfirmation(v: string): void;
  setReason(v: string): void;
  start(): Promise<void>;
  discardPreview(): Promise<void>;
  openPlan(planId: string): Promise<void>;
  discardPlan(planId: string): Promise<void>;
  loadJobs(): Promise<void>;
  loadJobDevices(jobId: string, only: StepStatus[] | null): Promise<void>;
  onProgress(p: JobProgress): void;
  act(kind: 'pause' | 'resume' | 'cancel', jobId: string): Promise<void>;
  planFollowUp(kind: 'retry' | 'undo', jobId: string): Promise<void>;
  setAuditFilter(f: AuditFilter): void;
  loadAudit(): Promise<void>;
  verifyAudit(): Promise<void>;
  exportAudit(): Promise<string | null>;
}

function goalOf(f: PlanForm): ModeGoal {
  if (f.goal === 'user') return { kind: 'user', upn: f.upn.trim() };
  if (f.goal === 'mostFrequent') return { kind: 'mostFrequent', days: f.days };
  return { kind: f.goal };
}

export const useChanges = create<ChangesState>((set, get) => {
  const attempt = async <T>(label: string, run: () => Promise<T>): Promise<T | null> => {
    set({ busy: label, error: null });
    try {
      return await run();
    } catch (err) {
      set({ error: (err as Error).message });
      return null;
    } finally {
      set({ busy: null });
    }
  };
  return {
    tab: 'new',
    form: { goal: 'multiuser', upn: '', days: 30, targets: '', match: 'exact', syncAfter: false, user: null },
    preview: null,
    followUp: null,
    confirmation: '',
    reason: '',
    jobs: [],
    progress: {},
    jobDevices: {},
    audit: [],
    auditFilter: {},
    verification: null,
    busy: null,
    planWait: null,
    planning: false,
    error: null,
    notice: null,
    setTab: (tab) => set({ tab }),
    setForm: (patch) => set({ form: { ...get().form, ...patch }, preview: null, followUp: null }),
    plan: async () => {
      const f = get().form;
      const inputs = f.match === 'query' ? [f.targets.trim()] : f.targets.split(/[\r\n,;]+/).map((s) => s.trim()).filter(Boolean);
      if (!inputs.length || !inputs[0]) return set({ error: 'Name at least one device (name or serial), or a search.' });
      if (f.goal === 'user' && !f.upn.trim()) return set({ error: 'Type the user to assign (their UPN).' });
      set({ planning: true, planWait: null });
      const preview = await attempt('Finding the devices and preparing the preview…', () =>
        call('jobsPlan', { goal: goalOf(f), inputs, match: f.match, syncAfter: f.syncAfter || undefined, user: f.user }),
      ).finally(() => set({ planning: false, planWait: null }));
      if (preview) set({ preview, followUp: null, confirmation: '' });
    },
    onPlanProgress: (text) => {
      if (get().planning) set({ planWait: text });
    },
    cancelPlan: async () => {
      await call('jobsPlanCancel').catch(() => null);
    },
    setConfirmation: (confirmation) => set({ confirmation }),
    setReason: (reason) => set({ reason }),
    start: async () => {
      const { preview, confirmation, reason } = get();
      if (!preview) return;
      const typed = preview.confirmCount === null ? null : Number(confirmation);
      const started = await attempt('Starting…', () => call('jobsStart', { planId: preview.planId, confirmation: typed, ...(preview.guard?.reasonRequired ? { reason: reason.trim() } : {}) }));
      if (!started) return;
      set({ preview: null, followUp: null, confirmation: '', reason: '', tab: 'jobs', notice: `Started: ${preview.goal}.` });
      await get().loadJobs();
    },
    discardPreview: async () => {
      const p = get().preview;
      set({ preview: null, followUp: null, confirmation: '' });
      // a discarded preview is removed, so it never lingers as a plan that cannot be started
      if (p) await call('jobsDiscard', { planId: p.planId }).catch(() => null);
      await get().loadJobs();
    },
    openPlan: async (planId) => {
      const preview = await attempt('Opening the preview…', () => call('jobsPreview', { jobId: planId, offset: 0, limit: 500 }));
      if (preview) set({ preview, followUp: null, confirmation: '', tab: 'new' });
    },
    discardPlan: async (planId) => {
      await attempt('Discarding…', () => call('jobsDiscard', { planId }));
      if (get().preview?.planId === planId) set({ preview: null, followUp: null });
      await get().loadJobs();
    },
    loadJobs: async () => {
      const jobs = await call('jobsList').catch(() => null);
      if (jobs) set({ jobs });
    },
    loadJobDevices: async (jobId, only) => {
      const p = await attempt('Reading the job\'s devices…', () => call('jobsPreview', { jobId, offset: 0, limit: 500, ...(only ? { only } : {}) }));
      if (p) set({ jobDevices: { ...get().jobDevices, [jobId]: { rows: p.rows, only, total: p.totals.devices } } });
    },
    onProgress: (p) => {
      set({ progress: { ...get().progress, [p.jobId]: p } });
      if (p.status !== 'running') void get().loadJobs();
    },
    act: async (kind, jobId) => {
      const channel = ({ pause: 'jobsPause', resume: 'jobsResume', cancel: 'jobsCancel' } as const)[kind];
      await attempt(`${kind}…`, () => call(channel, { jobId }));
      await get().loadJobs();
    },
    planFollowUp: async (kind, jobId) => {
      const preview = await attempt('Preparing the preview…', () => call(kind === 'retry' ? 'jobsRetryFailed' : 'jobsPlanUndo', { jobId }));
      if (preview) set({ preview, followUp: { kind, of: jobId }, confirmation: '', tab: 'new' });
    },
    setAuditFilter: (auditFilter) => set({ auditFilter }),
    loadAudit: async () => {
      const audit = await attempt('Reading the audit trail…', () => call('auditQuery', get().auditFilter));
      if (audit) set({ audit });
    },
    verifyAudit: async () => {
      const verification = await attempt('Checking the hash chain…', () => call('auditVerify'));
      if (verification) set({ verification });
    },
    exportAudit: async () => {
      const r = await attempt('Exporting…', () => call('auditExportCsv', get().auditFilter));
      if (r?.savedTo) set({ notice: `Saved to ${r.savedTo}` });
      return r?.csv ?? null;
    },
  };
});
