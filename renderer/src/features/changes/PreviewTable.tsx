// The preview: per device the current state, the call that will be made, or why it is skipped; totals;
// for more than a handful of devices the technician types the count to start.
import type { DeviceState, JobStep } from '../../../../electron/common/jobs.ts';
import { userModeLabel } from '../lookup/labels.ts';
import { useChanges } from './store.ts';

const skipLabel: Record<string, string> = {
  notFound: 'Not found',
  ambiguous: 'More than one device matches',
  notOnPlatform: 'Not on that platform',
  entraRegistered: 'Entra registered: primary user cannot be changed',
  appleUserEnrollment: 'Apple User Enrollment: primary user cannot be changed',
  alreadyInMode: 'Already so',
  modeUnknown: 'User mode unknown',
  noSuitableUser: 'No suitable user',
  notWindows: 'Not a Windows device',
  duplicate: 'Listed twice',
};

export function stateText(s: DeviceState | undefined): string {
  if (!s) return '—';
  const parts: string[] = [];
  if (s.ws1UserMode) parts.push(userModeLabel[s.ws1UserMode]);
  if (s.primaryUser !== undefined) parts.push(s.primaryUser ? `primary ${s.primaryUser.upn ?? s.primaryUser.id}` : 'shared (no primary user)');
  if (s.ws1PendingAction) parts.push(`pending ${s.ws1PendingAction}`);
  return parts.join(' · ') || '—';
}

function Row({ step }: { step: JobStep }) {
  return (
    <tr className={step.skipReason ? 'skipped' : undefined}>
      <td>{step.deviceName ?? step.input}</td>
      <td>{stateText(step.before)}</td>
      <td>{step.skipReason ? <span className="muted">{skipLabel[step.skipReason] ?? step.skipReason}</span> : <code>{step.call}</code>}</td>
      <td>{step.note ?? ''}</td>
    </tr>
  );
}

export function PreviewTable() {
  const { preview: p, confirmation, setConfirmation, start, discardPreview, busy } = useChanges();
  if (!p) return null;
  const ready = p.totals.toChange > 0 && (p.confirmCount === null || Number(confirmation) === p.confirmCount);
  return (
    <section className="preview" aria-label="Preview">
      <h2>Preview: {p.goal}</h2>
      <p>
        <strong>{p.totals.toChange.toLocaleString()}</strong> of {p.totals.devices.toLocaleString()} devices will change
        {p.totals.skipped ? `, ${p.totals.skipped.toLocaleString()} skipped` : ''}.{' '}
        {Object.entries(p.totals.bySkipReason).map(([r, n]) => (
          <span key={r} className="chip">
            {skipLabel[r] ?? r}: {n}
          </span>
        ))}
      </p>
      <div className="table-scroll">
        <table>
          <thead>
            <tr>
              <th>Device</th>
              <th>Now</th>
              <th>Call, or why not</th>
              <th>Note</th>
            </tr>
          </thead>
          <tbody>
            {p.rows.map((r) => (
              <Row key={r.index} step={r} />
            ))}
          </tbody>
        </table>
      </div>
      {p.rows.length < p.totals.devices && <p className="muted">The first {p.rows.length.toLocaleString()} rows are shown; the totals cover every device.</p>}
      <div className="form-actions">
        {p.confirmCount !== null && (
          <label>
            Type <strong>{p.confirmCount}</strong> to confirm{' '}
            <input inputMode="numeric" aria-label="Confirmation count" value={confirmation} onChange={(e) => setConfirmation(e.target.value)} />
          </label>
        )}
        <button type="button" className="primary" disabled={!ready || Boolean(busy)} onClick={() => void start()}>
          Start: change {p.totals.toChange.toLocaleString()} device{p.totals.toChange === 1 ? '' : 's'}
        </button>
        <button type="button" onClick={discardPreview}>
          Discard
        </button>
      </div>
    </section>
  );
}
