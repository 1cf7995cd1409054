// Every job with live progress (rate, ETA, 429s), pause/resume/cancel, retry the failed ones, undo.
import { useEffect } from 'react';
import { useChanges } from './store.ts';
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
  if (status === 'running' || (status === 'paused' && j.pausedBy === 'interrupted')) return 'interrupted — resume to continue';
  if (status === 'paused') return j.pausedBy === 'stage' ? 'paused after its first stage — look at the results, then resume' : 'paused by you';
  if (status === 'finished') return failed ? `finished with ${failed.toLocaleString()} failure${failed === 1 ? '' : 's'}` : 'finished';
  return status;
}

export function JobsPanel() {
  const { jobs, progress, loadJobs, act, planFollowUp } = useChanges();
  useEffect(() => {
    void loadJobs();
  }, [loadJobs]);
  if (jobs.length === 0) return <p className="muted">No jobs yet. A job appears here once you start it from a preview.</p>;
  return (
    <ul className="jobs" aria-label="Jobs">
      {jobs.map((j) => {
        const p = progress[j.id];
        const c = p?.counts ?? j.counts;
        const status = p?.status ?? j.status;
        const done = c.succeeded + c.failed + c.skipped + c.cancelled;
        const resumable = !j.running && (status === 'paused' || status === 'running');
        return (
          <li key={j.id} className={`job job-${status}`}>
            <div className="job-head">
              <strong>{j.goal}</strong>
              <span className="muted">
                {j.kind !== 'change' ? `${j.kind} · ` : ''}
                {when(j.createdAt)} · {j.technician} · {stateWords(j, status, c.failed)}
                {j.reason ? ` · ${j.reason}` : ''}
              </span>
            </div>
            <progress max={Math.max(1, c.total)} value={done} aria-label={`Progress of ${j.goal}`} />
            <p className="job-counts">
              {c.succeeded.toLocaleString()} changed · {c.failed.toLocaleString()} failed · {c.skipped.toLocaleString()} skipped
              {c.pending ? ` · ${c.pending.toLocaleString()} pending on the device` : ''}
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
              {c.failed > 0 && !j.running && (
                <button type="button" onClick={() => void planFollowUp('retry', j.id)}>
                  Retry the failed ones…
                </button>
              )}
              {c.succeeded > 0 && !j.running && j.kind !== 'undo' && !j.undoneBy && (status === 'finished' || status === 'cancelled' || status === 'paused') && (
                <button type="button" onClick={() => void planFollowUp('undo', j.id)}>
                  Undo…
                </button>
              )}
            </div>
          </li>
        );
      })}
    </ul>
  );
}
