// The device card's diagnostics panel: requests in flight (status, time waiting), past bundles (open in
// the log viewer, expiry), "Collect diagnostics" (Intune, Windows), download progress, and errors in
// plain sentences, and what the last bundle opened here says (dsregcmd join state, PRT, diagnosis).
// Workspace ONE says whether the tenant offers a device-log request.
import { useEffect, useMemo, useState } from 'react';
import type { BundleFacts } from '../../../../electron/common/bundle-facts.ts';
import type { Device } from '../../../../electron/common/device.ts';
import type { DiagnosticsRequest } from '../../../../electron/common/diagnostics.ts';
import { call } from '../../api.ts';
import { useApp } from '../../app/store.ts';
import { when } from '../../ui/format.ts';
import { useLogs } from '../logs/store.ts';
import { absentReason, bytesLabel, elapsed, expiry, sizeLabel, statusLabel } from './labels.ts';
import { emptyEntry, targetKey, useDiagnostics } from './store.ts';
import './diagnostics.css';

/** Re-renders every second while something is in flight, for the elapsed times. */
function useTicking(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, [active]);
  return now;
}

function Progress({ bytes, total }: { bytes: number; total: number | null }) {
  return (
    <span className="diag-progress">
      <progress value={total ? bytes : undefined} max={total ?? undefined} aria-label="Download progress" />
      <span>{total ? `${bytesLabel(bytes)} of ${bytesLabel(total)}` : `${bytesLabel(bytes)} so far`}</span>
    </span>
  );
}

export function DeviceDiagnostics({ device }: { device: Device }) {
  // Keyed by device: another card starts with fresh state.
  return <DiagnosticsPanel key={`${device.intune?.id ?? ''}|${device.ws1?.uuid ?? ''}`} device={device} />;
}

/** What the last bundle opened from this card says (dsregcmd /status), in the card's words. */
function BundleFactsNote({ facts }: { facts: BundleFacts }) {
  const d = facts.dsregcmd;
  if (!d) return <p className="muted diag-facts">The last bundle opened here holds no dsregcmd output, so it says nothing about the join state.</p>;
  const prt = d.azureAdPrt === null ? 'no word on the user’s sign-in token (PRT)' : d.azureAdPrt ? 'the signed-in user has a sign-in token (PRT)' : 'the signed-in user has no sign-in token (PRT)';
  return (
    <section className="diag-facts" aria-label="What the bundle says">
      <h4>What the last bundle says (dsregcmd)</h4>
      <p>
        {d.joinState}; {prt}.
      </p>
      {d.diagnosis.length > 0 && (
        <ul>
          {d.diagnosis.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      )}
    </section>
  );
}

function DiagnosticsPanel({ device }: { device: Device }) {
  const reason = absentReason(device.intune);
  const intuneId = reason ? null : (device.intune?.id ?? null);
  const ws1Uuid = device.ws1?.uuid ?? null;
  const target = useMemo(() => ({ intuneId, ws1Uuid }), [intuneId, ws1Uuid]);
  const s = useDiagnostics((d) => d.byKey[targetKey(target)]) ?? emptyEntry;
  const { load, collect, stop, setOpening, setError, readFacts, onProgress } = useDiagnostics.getState();
  useEffect(() => {
    void load(target);
  }, [load, target]);
  useEffect(() => window.helpdesk.onDiagnosticsProgress(onProgress), [onProgress]);
  const setArea = useApp((a) => a.setArea);
  const openFrom = useLogs((l) => l.openFrom);
  const requests = s.view?.intune?.requests ?? [];
  const inFlight = requests.filter((r) => r.status === 'pending');
  const now = useTicking(inFlight.length > 0 || Object.keys(s.downloads).length > 0);
  const unavailable = reason ?? s.view?.intune?.unavailable ?? null;

  const open = async (r: DiagnosticsRequest) => {
    if (!intuneId) return;
    setOpening(target, r.id);
    setError(target, null);
    const before = useLogs.getState().session;
    try {
      // Download (with progress on this card) first; the viewer opens once the zip is here.
      await openFrom(`Opening the diagnostics of ${device.name}…`, () => call('diagnosticsOpen', { intuneId, requestId: r.id }), device.name);
      const after = useLogs.getState();
      if (after.session && after.session !== before) {
        void readFacts(target, after.session.id);
        setArea('logs');
      } else setError(target, after.error ?? 'The diagnostics could not be opened.');
    } finally {
      setOpening(target, null);
      void load(target);
    }
  };

  return (
    <section className="device-diagnostics" aria-label="Diagnostics">
      <div className="diag-head">
        <h3>Diagnostics</h3>
        {unavailable ? (
          <span className="diag-absent" title={unavailable}>
            Collect diagnostics is not available here
          </span>
        ) : (
          <span className="diag-actions">
            {inFlight.some((r) => r.watching) && (
              <button type="button" onClick={() => void stop(target)}>
                Stop waiting
              </button>
            )}
            <button type="button" className="primary" disabled={s.collecting} onClick={() => void collect(target)} title="Intune asks the device to upload its logs; this takes a few minutes on a real device.">
              {s.collecting ? 'Asking Intune…' : 'Collect diagnostics (Intune)'}
            </button>
          </span>
        )}
      </div>
      {unavailable && <p className="muted diag-reason">{unavailable}</p>}
      {(s.error ?? s.view?.intune?.problem) && (
        <p className="diag-error" role="alert">
          {s.error ?? s.view?.intune?.problem}
        </p>
      )}
      {!unavailable && s.view?.intune && requests.length === 0 && <p className="muted">No diagnostics collected in the last 28 days.</p>}
      {requests.length > 0 && (
        <table className="diag-requests" aria-label="Diagnostics requests">
          <thead>
            <tr>
              <th scope="col">Status</th>
              <th scope="col">Requested</th>
              <th scope="col">Uploaded</th>
              <th scope="col">Size</th>
              <th scope="col">Kept until</th>
              <th scope="col">
                <span className="visually-hidden">Action</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {requests.map((r) => {
              const dl = s.downloads[r.id];
              return (
                <tr key={r.id} className={`diag-${r.status}`}>
                  <td>
                    {statusLabel[r.status]}
                    {r.status === 'pending' && <span className="muted"> · {elapsed(r.requestedAt, now)}</span>}
                    {r.errorCode !== null && <span className="muted"> · error {r.errorCode}</span>}
                  </td>
                  <td>{when(r.requestedAt)}</td>
                  <td>{when(r.receivedAt)}</td>
                  <td>{sizeLabel(r.sizeKB)}</td>
                  <td>
                    {when(r.expiresAt)} <span className="muted">({expiry(r.expiresAt, now)})</span>
                  </td>
                  <td>
                    {dl ? (
                      <Progress bytes={dl.bytes} total={dl.total} />
                    ) : r.status === 'completed' ? (
                      <button type="button" disabled={s.opening !== null} onClick={() => void open(r)}>
                        {s.opening === r.id ? 'Opening…' : r.downloaded ? 'Open in log viewer' : 'Download and open'}
                      </button>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {s.facts && <BundleFactsNote facts={s.facts} />}
      {s.view?.ws1 && <p className={s.view.ws1.offered ? 'diag-ws1' : 'muted diag-ws1'}>{s.view.ws1.message}</p>}
    </section>
  );
}
