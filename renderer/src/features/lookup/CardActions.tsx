// The card's actions: every one that applies, each with the platform it acts on; those that do not apply
// are not offered, and a short list says why (also on hover).
import type { CardAction, Device } from '../../../../electron/common/device.ts';
import { useApp } from '../../app/store.ts';
import { isPending, usePending } from './pending.tsx';

export function CardActions({ device, onCopy, onOpen }: { device: Device; onCopy(): void; onOpen(url: string | null): void }) {
  const setArea = useApp((s) => s.setArea);
  const requestChange = useApp((s) => s.requestChange);
  const changes = usePending((s) => s.changes);
  const actions = device.actions ?? [];
  const run = (a: CardAction) => {
    if (a.id === 'copy') return onCopy();
    if (a.id === 'openPortal') return onOpen(device.intune?.portalUrl ?? null);
    if (a.id === 'openConsole') return onOpen(device.ws1?.consoleUrl ?? null);
    // Sync is a job of its own (sent once, audited, no undo): the Changes area previews it for this device.
    requestChange({ actionId: a.id, deviceKey: device.key, deviceName: device.serial ?? device.name, params: a.params });
    setArea('changes');
  };
  // A diagnosis fix already offers its action (with its own wording) just above: no second button for it.
  const fixes = new Set<string>(device.diagnoses.flatMap((d) => (d.fix && d.fix.actionId !== 'intune.assignPrimaryUser' ? [d.fix.actionId] : [])));
  const offered = actions.filter((a) => a.available && !fixes.has(a.id) && !isPending(changes, device, a.id));
  const pending = actions.filter((a) => a.available && isPending(changes, device, a.id));
  const notOffered = actions.filter((a) => !a.available);
  if (actions.length === 0) return null;
  return (
    <section aria-label="Actions" className="card-actions-list">
      <h3>Actions</h3>
      <div className="action-buttons">
        {offered.map((a) => (
          <button key={`${a.id}-${a.label}`} type="button" onClick={() => run(a)} title={a.id === 'intune.syncDevice' ? 'Acts on Intune: asks the device to check in now (no undo)' : `Acts on ${a.platform}`}>
            <span className="badge action-platform">{a.platform}</span> {a.label}
          </button>
        ))}
      </div>
      {pending.length > 0 && <p className="muted">Not offered again while pending: {pending.map((a) => a.label).join(', ')}.</p>}
      {notOffered.length > 0 && (
        <details className="not-offered">
          <summary className="muted">Not offered for this device ({notOffered.length})</summary>
          <ul>
            {notOffered.map((a) => (
              <li key={`${a.id}-${a.label}`} title={a.reason ?? undefined}>
                <span className="badge action-platform">{a.platform}</span> {a.label}: <span className="muted">{a.reason}</span>
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
