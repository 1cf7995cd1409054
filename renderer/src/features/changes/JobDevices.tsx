// A job opened to its devices: per device the outcome in words, the error sentence or note, and when.
import type { JobStep } from '../../../../electron/common/jobs.ts';
import { when } from '../../ui/format.ts';
import { skipLabel, stateText } from './PreviewTable.tsx';
import { useChanges } from './store.ts';

/** One device's outcome in plain words. */
export function outcomeWords(s: JobStep): string {
  switch (s.status) {
    case 'succeeded':
      if (s.pending?.state === 'waiting') return 'pending on the device';
      if (s.pending?.state === 'confirmed') return 'done (the device reports it)';
      if (s.pending?.state === 'gaveUp') return 'accepted, never reported by the device';
      return 'done';
    case 'failed':
      return 'failed';
    case 'skipped':
      return `skipped: ${skipLabel[s.skipReason ?? ''] ?? s.skipReason ?? ''}`;
    case 'planned':
      return 'not run yet';
    case 'inFlight':
      return 'in flight (checked on resume)';
    case 'cancelled':
      return 'cancelled';
  }
}

export function JobDevices({ jobId }: { jobId: string }) {
  const { jobDevices, loadJobDevices } = useChanges();
  const d = jobDevices[jobId];
  if (!d) return <p className="muted">Reading the devices…</p>;
  return (
    <div className="job-devices">
      <p className="muted">
        {d.only ? 'Only the failed devices' : 'Every device'}
        {d.rows.length < d.total && !d.only ? ` (the first ${d.rows.length.toLocaleString()} of ${d.total.toLocaleString()})` : ''}.{' '}
        <button type="button" className="link" onClick={() => void loadJobDevices(jobId, d.only ? null : ['failed'])}>
          {d.only ? 'Show every device' : 'Show only the failed ones'}
        </button>
      </p>
      <div className="table-scroll">
        <table aria-label="Devices of the job">
          <thead>
            <tr>
              <th>Device</th>
              <th>Outcome</th>
              <th>Before</th>
              <th>After</th>
              <th>Error or note</th>
              <th>When</th>
            </tr>
          </thead>
          <tbody>
            {d.rows.map((s) => (
              <tr key={s.index} className={s.status === 'failed' ? 'failed' : s.status === 'skipped' ? 'skipped' : undefined}>
                <td>{s.deviceName ?? s.input}</td>
                <td>{outcomeWords(s)}</td>
                <td>{stateText(s.before)}</td>
                <td>{s.status === 'succeeded' ? stateText(s.after) : '—'}</td>
                <td>{s.error?.message ?? s.note ?? ''}</td>
                <td>{when(s.finishedAt ?? null)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {d.rows.length === 0 && <p className="muted">No devices {d.only ? 'failed' : 'in this job'}.</p>}
    </div>
  );
}
