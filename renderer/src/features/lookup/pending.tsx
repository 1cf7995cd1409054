// Pending changes (from the jobs journal, via lookupPendingChanges): the badge a card, a list row and a grid
// row show after a change, and the check that keeps a fix from being offered again while it is pending.
import { create } from 'zustand';
import type { Device, PendingChange } from '../../../../electron/common/device.ts';
import { call } from '../../api.ts';

interface PendingState {
  changes: PendingChange[];
  load(): Promise<void>;
}

export const usePending = create<PendingState>((set) => ({
  changes: [],
  load: async () => {
    const changes = await call('lookupPendingChanges').catch(() => null);
    if (changes) set({ changes });
  },
}));

export function pendingOf(changes: PendingChange[], d: Device): PendingChange[] {
  return changes.filter((c) => c.deviceKey === d.key);
}

/** True while a change with this action is waiting on the device: its fix is not offered again. */
export function isPending(changes: PendingChange[], d: Device, actionId: string): boolean {
  return changes.some((c) => c.deviceKey === d.key && c.actionId === actionId && c.state === 'waiting');
}

const time = (iso: string) => new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** "pending: Change to Multiuser, sent 14:02 by anna" / "done: …" / "not confirmed: …". */
export function pendingText(c: PendingChange): string {
  const state = c.state === 'waiting' ? 'pending' : c.state === 'confirmed' ? 'done' : 'not confirmed';
  return `${state}: ${c.label}, sent ${time(c.sentAt)} by ${c.by}`;
}

export function PendingBadges({ device }: { device: Device }) {
  const changes = usePending((s) => s.changes);
  const mine = pendingOf(changes, device);
  if (mine.length === 0) return null;
  return (
    <>
      {mine.map((c) => (
        <span key={`${c.actionId}-${c.sentAt}`} className={`badge pending-badge pending-${c.state}`} title={c.state === 'waiting' ? `Waiting until the device reports the new state (at the latest ${new Date(c.until).toLocaleString()}).` : undefined}>
          {pendingText(c)}
        </span>
      ))}
    </>
  );
}
