// A deterministic fleet for the job tests: Intune devices with a primary user, WS1 devices in every mode.
import type { TargetResolution, Ws1UserMode } from '../../../../electron/common/jobs.ts';
import type { FakeTenant } from './fake-tenant.ts';

export interface FleetOptions {
  intune: number;
  ws1: number;
  /** WS1 modes cycled through the WS1 devices. */
  modes?: Ws1UserMode[];
}

/** Adds the fleet to the tenant and returns one resolution per device (as a search or CSV would). */
export function addFleet(tenant: FakeTenant, o: FleetOptions): TargetResolution[] {
  const out: TargetResolution[] = [];
  for (let i = 0; i < o.intune; i++) {
    const key = `SN-I${String(i).padStart(6, '0')}`;
    const user = { id: `user-${i % 97}`, upn: `user${i % 97}@contoso.com` };
    tenant.add({ key, name: `PC-I${i}`, intuneId: `intune-${i}`, primaryUser: user });
    out.push({
      input: key,
      matches: [{ key, name: `PC-I${i}`, serial: key, intune: { id: `intune-${i}`, joinType: 'entraJoined', operatingSystem: 'Windows', primaryUser: user } }],
    });
  }
  const modes = o.modes ?? ['singleUser'];
  for (let i = 0; i < o.ws1; i++) {
    const key = `SN-W${String(i).padStart(6, '0')}`;
    const mode = modes[i % modes.length];
    tenant.add({ key, name: `PC-W${i}`, ws1Uuid: `uuid-${i}`, mode });
    out.push({ input: key, matches: [{ key, name: `PC-W${i}`, serial: key, ws1: { uuid: `uuid-${i}`, userMode: mode } }] });
  }
  return out;
}
