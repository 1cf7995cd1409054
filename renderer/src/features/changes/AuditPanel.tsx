// The audit trail, newest first: who changed what on which platform, when, before and after and why,
// with filters, the keyed-chain check and CSV export (a Save dialog in the app, a download in the browser).
import { useEffect } from 'react';
import { actionText, platformLabels } from '../../../../electron/common/jobs.ts';
import { stateText } from './PreviewTable.tsx';
import { useChanges } from './store.ts';
import { when } from '../../ui/format.ts';

export function AuditPanel() {
  const { audit, auditFilter, setAuditFilter, loadAudit, verifyAudit, verification, exportAudit } = useChanges();
  useEffect(() => {
    void loadAudit();
  }, [loadAudit]);
  return (
    <div className="audit">
      <form
        className="audit-filters"
        onSubmit={(e) => {
          e.preventDefault();
          void loadAudit();
        }}
      >
        <input placeholder="Any text" aria-label="Any text" value={auditFilter.text ?? ''} onChange={(e) => setAuditFilter({ ...auditFilter, text: e.target.value || undefined })} />
        <input placeholder="Device" aria-label="Device" value={auditFilter.device ?? ''} onChange={(e) => setAuditFilter({ ...auditFilter, device: e.target.value || undefined })} />
        <input placeholder="Technician" aria-label="Technician" value={auditFilter.technician ?? ''} onChange={(e) => setAuditFilter({ ...auditFilter, technician: e.target.value || undefined })} />
        <select aria-label="Result" value={auditFilter.result ?? ''} onChange={(e) => setAuditFilter({ ...auditFilter, result: (e.target.value || undefined) as typeof auditFilter.result })}>
          <option value="">Any result</option>
          <option value="succeeded">Succeeded</option>
          <option value="failed">Failed</option>
          <option value="confirmed">Confirmed by the device</option>
          <option value="gaveUp">Gave up waiting</option>
        </select>
        <button type="submit">Filter</button>
        <button type="button" onClick={() => void verifyAudit()}>
          Check the chain
        </button>
        <button type="button" onClick={() => void exportAudit().then((csv) => csv && download(csv))}>
          Export CSV…
        </button>
      </form>
      {verification && (
        <p className={verification.ok ? 'report report-ok' : 'report report-bad'} role="status">
          {verification.ok
            ? `The audit trail is intact: ${verification.entries.toLocaleString()} entries, each signed and linked to the one before, up to the last one recorded.${verification.note ? ` ${verification.note}` : ''}`
            : `The audit trail is broken at entry ${verification.firstBrokenSeq}: ${verification.problem ?? 'an entry was changed or removed'}.`}
        </p>
      )}
      <div className="table-scroll">
        <table>
          <thead>
            <tr>
              <th>When</th>
              <th>Technician</th>
              <th>Device</th>
              <th>Platform</th>
              <th>Action</th>
              <th>Before</th>
              <th>After</th>
              <th>Result</th>
              <th>Reason</th>
            </tr>
          </thead>
          <tbody>
            {audit.map((e) => (
              <tr key={e.seq}>
                <td>{when(e.at)}</td>
                <td>{e.technician}</td>
                <td>{e.deviceName}</td>
                <td>{platformLabels[e.platform ?? (e.action.startsWith('ws1.') ? 'ws1' : 'intune')]}</td>
                <td title={e.action}>{actionText(e.action)}</td>
                <td>{stateText(e.before ?? undefined)}</td>
                <td>{stateText(e.after ?? undefined)}</td>
                <td title={e.message}>
                  {resultText[e.result]}
                  {e.requestId ? <span className="muted"> · {e.requestId.slice(0, 8)}</span> : null}
                </td>
                <td>{e.reason ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {audit.length === 0 && <p className="muted">No entries.</p>}
      </div>
    </div>
  );
}

const resultText = { succeeded: 'Succeeded', failed: 'Failed', confirmed: 'Confirmed by the device', gaveUp: 'Gave up waiting' } as const;

/** The browser preview has no Save dialog: the CSV is offered as a download. */
function download(csv: string): void {
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = `audit-${new Date().toISOString().slice(0, 10)}.csv`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
