// Windows user-mode transitions (v3 devices/action). Accepted changes stay pending until the device
// "consumes" them `consumeDelayMs` later; pending changes settle lazily against the injected clock.
import type { Ws1Device, Ws1UserMode } from '../model.ts';

export const modeActions = ['MIGRATE_TO_MULTIUSER', 'CHANGE_TO_MULTIUSER', 'CHANGE_TO_SINGLEUSER', 'STEP_UP_TO_HUB_MANAGED'] as const;
export type ModeAction = (typeof modeActions)[number];

/** Which current modes each action applies to, and the mode the device reports afterwards. */
export const modeTransitions: Record<ModeAction, { from: readonly Ws1UserMode[]; to: Ws1UserMode } | null> = {
  MIGRATE_TO_MULTIUSER: { from: ['SingleUserLegacy'], to: 'MultiUser' },
  CHANGE_TO_MULTIUSER: { from: ['SingleUser', 'MultiUserCapable'], to: 'MultiUser' },
  CHANGE_TO_SINGLEUSER: { from: ['MultiUser'], to: 'SingleUser' },
  STEP_UP_TO_HUB_MANAGED: null, // not a user-mode change; the demo tenant does not simulate it
};

interface Pending {
  device: Ws1Device;
  action: ModeAction;
  to: Ws1UserMode;
  due: number;
}

export class ModeChanges {
  private readonly pending = new Map<string, Pending>();

  constructor(
    private readonly now: () => number,
    private readonly consumeDelayMs: number,
  ) {}

  /** Applies every change whose delay has passed. Call before reading device records. */
  settle(): void {
    if (this.pending.size === 0) return;
    const now = this.now();
    for (const [uuid, p] of this.pending) {
      if (now >= p.due) {
        p.device.userMode = p.to;
        this.pending.delete(uuid);
      }
    }
  }

  pendingFor(uuid: string): Ws1UserMode | null {
    this.settle();
    return this.pending.get(uuid)?.to ?? null;
  }

  /** The action still waiting for the device, as the v2 record reports it. */
  pendingActionFor(uuid: string): ModeAction | null {
    this.settle();
    return this.pending.get(uuid)?.action ?? null;
  }

  /** Accepts the change or says why not, as a sentence for the technician. */
  request(action: ModeAction, device: Ws1Device | undefined): { ok: true } | { ok: false; reason: string } {
    this.settle();
    if (!device) return { ok: false, reason: 'Device not found.' };
    if (device.platform !== 'WinRT') return { ok: false, reason: 'User modes apply to Windows devices only.' };
    const t = modeTransitions[action];
    if (!t) return { ok: false, reason: `${action} is not a user-mode change.` };
    const waiting = this.pending.get(device.uuid);
    if (waiting) return { ok: false, reason: `A change to ${waiting.to} is already pending on this device.` };
    if (!t.from.includes(device.userMode)) {
      const hint = (Object.keys(modeTransitions) as ModeAction[]).find((a) => modeTransitions[a]?.from.includes(device.userMode));
      return { ok: false, reason: `${action} does not apply to a device in ${device.userMode} mode${hint ? `; use ${hint}` : ''}.` };
    }
    this.pending.set(device.uuid, { device, action, to: t.to, due: this.now() + this.consumeDelayMs });
    return { ok: true };
  }
}
