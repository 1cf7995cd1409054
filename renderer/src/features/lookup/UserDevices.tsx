// "Devices this user used": every device a user was seen on within 30, 90 or 180 days (capped by how long the
// history is kept), from our own sign-in history in the local cache only, so it answers offline and after
// Intune has forgotten. Each row opens the device card; the table exports to CSV through the Save dialog.
import { useEffect, useState } from 'react';
import type { Device, UserDevice, UserDeviceSource, UserDevices as Answer } from '../../../../electron/common/device.ts';
import { call } from '../../api.ts';
import { ago, when } from '../../ui/format.ts';
import { DeviceCard } from './DeviceCard.tsx';
import { csvCell } from './grid-model.ts';
import './user-devices.css';

const periods = [30, 90, 180] as const;

export const sourceWords: Record<UserDeviceSource, string> = {
  intuneLive: 'Intune (still reported)',
  history: 'our history (Intune no longer reports it)',
  ws1: 'Workspace ONE',
  signInLog: 'sign-in logs',
};
const platformWords = { intune: 'Intune', ws1: 'Workspace ONE' } as const;

const columns: [string, (d: UserDevice) => string][] = [
  ['Device', (d) => d.deviceName],
  ['Serial', (d) => d.serial ?? ''],
  ['Platforms', (d) => d.platforms.map((p) => platformWords[p]).join(' + ') || 'not in the cache now'],
  ['First seen', (d) => when(d.firstSeen)],
  ['Last seen', (d) => when(d.lastSeen)],
  ['Source', (d) => d.sources.map((s) => sourceWords[s]).join(', ')],
  ['Accounts', (d) => d.upns.join(' ')],
];

export function userDevicesCsv(rows: readonly UserDevice[]): string {
  return [columns.map(([h]) => csvCell(h)).join(','), ...rows.map((d) => columns.map(([, f]) => csvCell(f(d))).join(','))].join('\r\n') + '\r\n';
}

let n = 0;

export function UserDevices({ user, offline, onClose }: { user: string; offline: boolean; onClose(): void }) {
  const [days, setDays] = useState<number>(90);
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState<{ row: UserDevice; device: Device | null; note: string | null } | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    call('lookupUserDevices', { user, days }).then(
      (a) => live && (setAnswer(a), setError(null)),
      (err: Error) => live && setError(err.message),
    );
    return () => {
      live = false;
    };
  }, [user, days]);

  const openCard = async (row: UserDevice) => {
    setOpen({ row, device: null, note: 'Opening the card…' });
    try {
      const r = await call('lookupSearch', { requestId: `user-${++n}`, query: row.query, offline: offline || undefined, limit: 5 });
      const device = r.devices.find((d) => d.serial === row.serial || d.name === row.deviceName) ?? null;
      setOpen({ row, device, note: device ? null : 'Neither platform nor the cache knows this device any more; only our history remembers it.' });
    } catch (err) {
      setOpen({ row, device: null, note: (err as Error).message });
    }
  };
  const exportCsv = async () => {
    if (!answer) return;
    try {
      const name = `devices-of-${user.replace(/[^\w.-]+/g, '_')}-${answer.days}d.csv`;
      const r = await call('lookupExportCsv', { csv: userDevicesCsv(answer.devices), suggestedName: name });
      setMessage(r ? `Saved ${answer.devices.length.toLocaleString()} devices to ${r.path}` : 'Export cancelled.');
    } catch (err) {
      setMessage((err as Error).message);
    }
  };

  const keep = answer?.keepDays ?? 180;
  return (
    <div className="lookup-main user-devices-main">
      <section className="user-devices" aria-label={`Devices ${user} used`}>
        <div className="grid-toolbar">
          <h2>Devices {user} used</h2>
          <span role="group" aria-label="Period" className="view-switch">
            {periods.map((p) => (
              <button key={p} type="button" aria-pressed={days === p} disabled={p > keep} title={p > keep ? `The history is kept ${keep} days (Settings)` : undefined} onClick={() => setDays(p)}>
                {p} days
              </button>
            ))}
          </span>
          <button type="button" disabled={!answer?.devices.length} onClick={() => void exportCsv()}>
            Export to CSV…
          </button>
          <button type="button" onClick={onClose}>
            Back to the results
          </button>
          {message && <span className="muted">{message}</span>}
        </div>
        <p className="muted hint" role="status">
          From this app’s own sign-in history in the local cache only, so it works offline and keeps what Intune forgets (kept {keep} days).
          {answer && ` Intune last synced ${ago(answer.cacheAge.intune)}, Workspace ONE ${ago(answer.cacheAge.ws1)}.`}
        </p>
        {error && (
          <p className="inline-error" role="alert">
            {error}
          </p>
        )}
        {answer && (
          <>
            <p aria-live="polite">
              {answer.devices.length.toLocaleString()} device{answer.devices.length === 1 ? '' : 's'} in the last {answer.days} days
            </p>
            {answer.devices.length > 0 && (
              <table className="user-devices-table">
                <thead>
                  <tr>
                    {columns.slice(0, 6).map(([h]) => (
                      <th key={h} scope="col">
                        {h}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {answer.devices.map((d) => (
                    <tr key={`${d.query}|${d.deviceName}`} className={open?.row === d ? 'selected' : undefined}>
                      <td>
                        <button type="button" className="link" onClick={() => void openCard(d)}>
                          {d.deviceName}
                        </button>
                      </td>
                      {columns.slice(1, 6).map(([h, f]) => (
                        <td key={h}>{f(d)}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </>
        )}
      </section>
      <div className="card-pane">
        {open?.device ? <DeviceCard device={open.device} /> : null}
        {open?.note && <p className="muted">{open.note}</p>}
      </div>
    </div>
  );
}
