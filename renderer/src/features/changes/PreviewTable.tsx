// The preview: per device the current state, the call that will be made, or why it is skipped; totals;
// for more than a handful of devices the technician types the count to start.
import type { DeviceState, JobStep } from '../../../../electron/common/jobs.ts';
import { userModeLabel } from '../lookup/labels.ts';
import { useChanges } from './store.ts';

export const skipLabel: Record<string, string> = {
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
  const { preview: p, confirmation, setConfirmation, reason, setReason, start, discardPreview, busy } = useChanges();
  if (!p) return null;
  const g = p.guard;
  const ready = p.totals.toChange > 0 && (p.confirmCount === null || Number(confirmation) === p.confirmCount) && (!g?.reasonRequired || reason.trim().length >= 3);
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
      {g && (
        <ul className="guard-rails" aria-label="Guard rails">
          {g.reasonRequired ? (
            <li>More than {g.reasonAbove.toLocaleString()} devices: give a reason; it is recorded in the audit trail with every change.</li>
          ) : (
            <li className="muted">A reason is asked for above {g.reasonAbove.toLocaleString()} devices.</li>
          )}
          {g.firstStage !== null ? (
            <li>
              More than {g.stageAbove.toLocaleString()} devices: the job starts in stages — the first {g.firstStage.toLocaleString()} devices (1 %), then it pauses so you can look at
              the results; resume it to change the rest.
            </li>
          ) : (
            <li className="muted">Above {g.stageAbove.toLocaleString()} devices a job starts in stages (1 % first, then a pause).</li>
          )}
          {g.source && <li className="muted">These limits are {g.source}.</li>}
        </ul>
      )}
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
        {g?.reasonRequired && (
          <label>
            Reason <input aria-label="Reason" value={reason} maxLength={500} placeholder="e.g. Floor 3 becomes hot desks" onChange={(e) => setReason(e.target.value)} />
          </label>
        )}
        <button type="button" className="primary" disabled={!ready || Boolean(busy)} onClick={() => void start()}>
          {g?.firstStage != null ? `Start the first ${g.firstStage.toLocaleString()} of` : 'Start: change'} {p.totals.toChange.toLocaleString()} device{p.totals.toChange === 1 ? '' : 's'}
        </button>
        <button type="button" onClick={() => void discardPreview()}>
          Discard
        </button>
      </div>
    </section>
  );
}
