// The audit trail: who changed what, when, before and after, with filters, the hash-chain check and
// CSV export.
import { useEffect, useState } from 'react';
import { stateText } from './PreviewTable.tsx';
import { useChanges } from './store.ts';
import { when } from '../../ui/format.ts';

export function AuditPanel() {
  const { audit, auditFilter, setAuditFilter, loadAudit, verifyAudit, verification, exportAudit } = useChanges();
  const [csv, setCsv] = useState<string | null>(null);
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
        <button type="button" onClick={() => void exportAudit().then(setCsv)}>
          Export CSV
        </button>
      </form>
      {verification && (
        <p className={verification.ok ? 'report report-ok' : 'report report-bad'} role="status">
          {verification.ok
            ? `The audit trail is intact: ${verification.entries.toLocaleString()} entries, each linked to the one before.`
            : `The audit trail is broken at entry ${verification.firstBrokenSeq}: ${verification.problem ?? 'an entry was changed or removed'}.`}
        </p>
      )}
      {csv && <textarea className="csv-out" readOnly rows={6} value={csv} aria-label="Exported CSV" />}
      <div className="table-scroll">
        <table>
          <thead>
            <tr>
              <th>When</th>
              <th>Technician</th>
              <th>Device</th>
              <th>Action</th>
              <th>Before</th>
              <th>After</th>
              <th>Result</th>
            </tr>
          </thead>
          <tbody>
            {audit.map((e) => (
              <tr key={e.seq}>
                <td>{when(e.at)}</td>
                <td>{e.technician}</td>
                <td>{e.deviceName}</td>
                <td>{e.action}</td>
                <td>{stateText(e.before ?? undefined)}</td>
                <td>{stateText(e.after ?? undefined)}</td>
                <td title={e.message}>
                  {e.result}
                  {e.requestId ? <span className="muted"> · {e.requestId.slice(0, 8)}</span> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {audit.length === 0 && <p className="muted">No entries.</p>}
      </div>
    </div>
  );
}
