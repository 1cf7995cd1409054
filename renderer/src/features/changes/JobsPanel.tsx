// Previews not started yet (they expire, or are discarded), apart from the jobs: every job with live
// progress (rate, ETA, 429s), its state in plain words, pause/resume/cancel, its devices with their
// outcome, "Retry failed" and "Undo" only where they apply.
import { useEffect, useState } from 'react';
import { useChanges } from './store.ts';
import { JobDevices } from './JobDevices.tsx';
import { when } from '../../ui/format.ts';

function eta(seconds: number | null): string {
  if (seconds === null) return '';
  if (seconds < 90) return `${Math.round(seconds)} s left`;
  return `${Math.round(seconds / 60)} min left`;
}

type JobRow = ReturnType<typeof useChanges.getState>['jobs'][number];

/** The job's state in plain words. */
export function stateWords(j: JobRow, status: string, failed: number): string {
  if (j.undoneBy) return 'undone';
  if (j.running) return 'running';
  if (status === 'running' || (status === 'paused' && j.pausedBy === 'interrupted')) return 'interrupted — resume';
  if (status === 'paused') return j.pausedBy === 'stage' ? 'paused after its first stage — look at the results, then resume' : 'paused by you';
  if (status === 'finished') return failed ? `finished with ${failed.toLocaleString()} failure${failed === 1 ? '' : 's'}` : 'finished';
  return status;
}

function Plans({ plans }: { plans: JobRow[] }) {
  const { openPlan, discardPlan } = useChanges();
  if (plans.length === 0) return null;
  return (
    <section className="plans" aria-label="Previews not started">
      <h2>Previews not started</h2>
      <ul className="jobs">
        {plans.map((j) => (
          <li key={j.id} className="job job-planned">
            <div className="job-head">
              <strong>{j.goal}</strong>
              <span className="muted">
                {j.total.toLocaleString()} device{j.total === 1 ? '' : 's'} · previewed {when(j.createdAt)} · expires {when(j.expiresAt ?? null)}
              </span>
            </div>
            <div className="job-actions">
              <button type="button" onClick={() => void openPlan(j.id)}>
                Open the preview
              </button>
              <button type="button" onClick={() => void discardPlan(j.id)}>
                Discard
              </button>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}

function JobCard({ j }: { j: JobRow }) {
  const { progress, act, planFollowUp, loadJobDevices } = useChanges();
  const [open, setOpen] = useState(false);
  const p = progress[j.id];
  const c = p?.counts ?? j.counts;
  const status = p?.status ?? j.status;
  const finished = c.succeeded + c.failed + c.skipped + c.cancelled;
  const stopped = !j.running && status !== 'running';
  const resumable = !j.running && (status === 'paused' || status === 'running');
  const done = c.succeeded - c.pending;
  return (
    <li className={`job job-${status}`}>
      <div className="job-head">
        <strong>{j.goal}</strong>
        <span className="muted">
          {j.kind !== 'change' ? `${j.kind} · ` : ''}
          {when(j.createdAt)} · {j.technician} · <span className="job-state">{stateWords(j, status, c.failed)}</span>
          {j.reason ? ` · ${j.reason}` : ''}
        </span>
      </div>
      <progress max={Math.max(1, c.total)} value={finished} aria-label={`Progress of ${j.goal}`} />
      <p className="job-counts">
        {done.toLocaleString()} done{c.pending ? ` · ${c.pending.toLocaleString()} pending on the device` : ''} · {c.failed.toLocaleString()} failed · {c.skipped.toLocaleString()} skipped
        {c.cancelled ? ` · ${c.cancelled.toLocaleString()} cancelled` : ''} of {c.total.toLocaleString()}
        {p && status === 'running' && (
          <span className="muted">
            {' '}
            · {Math.round(p.ratePerMinute)}/min · {eta(p.etaSeconds)}
            {p.throttled ? ` · throttled ${p.throttled}×` : ''}
          </span>
        )}
      </p>
      {p?.message && <p className="muted">{p.message}</p>}
      <div className="job-actions">
        {status === 'running' && j.running && (
          <button type="button" onClick={() => void act('pause', j.id)}>
            Pause
          </button>
        )}
        {resumable && (
          <button type="button" onClick={() => void act('resume', j.id)}>
            Resume
          </button>
        )}
        {(status === 'running' || status === 'paused') && (
          <button type="button" onClick={() => void act('cancel', j.id)}>
            Cancel
          </button>
        )}
        <button
          type="button"
          aria-expanded={open}
          onClick={() => {
            if (!open) void loadJobDevices(j.id, c.failed > 0 && stopped ? ['failed'] : null);
            setOpen(!open);
          }}
        >
          {open ? 'Hide the devices' : 'Devices'}
        </button>
        {c.failed > 0 && stopped && (
          <button type="button" onClick={() => void planFollowUp('retry', j.id)}>
            Retry failed…
          </button>
        )}
        {c.succeeded > 0 && stopped && j.kind !== 'undo' && !j.undoneBy && !j.goal.endsWith('(no undo)') && (status === 'finished' || status === 'cancelled' || status === 'paused') && (
          <button type="button" onClick={() => void planFollowUp('undo', j.id)}>
            Undo…
          </button>
        )}
      </div>
      {open && <JobDevices jobId={j.id} />}
    </li>
  );
}

export function JobsPanel() {
  const { jobs, loadJobs } = useChanges();
  useEffect(() => {
    void loadJobs();
  }, [loadJobs]);
  const plans = jobs.filter((j) => j.status === 'planned');
  const started = jobs.filter((j) => j.status !== 'planned');
  return (
    <div className="jobs-panel">
      <Plans plans={plans} />
      {started.length === 0 ? (
        <p className="muted">No jobs yet. A job appears here once you start it from a preview.</p>
      ) : (
        <ul className="jobs" aria-label="Jobs">
          {started.map((j) => (
            <JobCard key={j.id} j={j} />
          ))}
        </ul>
      )}
    </div>
  );
}
