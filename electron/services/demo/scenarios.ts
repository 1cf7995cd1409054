// Every shared-device situation the product diagnoses, with stable device names so tests and docs can
// point at one device per scenario. Serial numbers of scenario devices derive from the name only, so
// they do not change with the seed.
export type Presence = 'intune' | 'ws1' | 'both';

export interface ScenarioSpec {
  /** Name prefix; devices are `${prefix}-001`, `${prefix}-002`, ... */
  prefix: string;
  count: number;
  presence: Presence;
  summary: string;
}

export const scenarios = {
  'dem-primary-user': { prefix: 'LAB-DEM', count: 40, presence: 'intune', summary: 'DEM-enrolled lab devices; the DEM account dem.lab01 is the primary user (every tenth not handed out yet: only dem.lab01 signed in)' },
  'dem-near-limit': { prefix: 'CLASS-DEM', count: 990, presence: 'intune', summary: 'dem.classroom has enrolled 990 of its 1,000 devices' },
  'autopilot-self-deploying': { prefix: 'KIOSK-AP', count: 60, presence: 'intune', summary: 'Autopilot self-deploying kiosks, no primary user' },
  'bulk-enrolled': { prefix: 'SHARED-BULK', count: 60, presence: 'intune', summary: 'provisioning-package (bulk) enrollment, no primary user' },
  'user-driven': { prefix: 'PC-UD', count: 80, presence: 'intune', summary: 'Autopilot user-driven Entra join with a person as primary user' },
  'hybrid-joined': { prefix: 'HQ-HY', count: 40, presence: 'intune', summary: 'hybrid Entra joined through Group Policy auto-enrollment' },
  'entra-registered': { prefix: 'BYOD-REG', count: 20, presence: 'intune', summary: 'personal Entra registered devices (primary user cannot change)' },
  'co-managed': { prefix: 'CM-CO', count: 40, presence: 'intune', summary: 'co-managed with Configuration Manager' },
  'shared-account': { prefix: 'RA-SHARED', count: 36, presence: 'intune', summary: 'one shared account remote.assist signed in on every one of these devices' },
  'stale-checkin': { prefix: 'STALE', count: 25, presence: 'both', summary: 'no check-in for 45 to 120 days on either platform' },
  'ipad-user-enrollment': { prefix: 'IPAD-UE', count: 5, presence: 'intune', summary: 'personal iPad from account-driven Apple User Enrollment (no serial reported)' },
  'dual-platform': { prefix: 'MIG-BOTH', count: 40, presence: 'both', summary: 'being migrated: same serial in Intune and Workspace ONE' },
  'ws1-single-user-legacy': { prefix: 'WS1-LEG', count: 60, presence: 'ws1', summary: 'Single user (Legacy): enrolled before the Multiuser prerequisites' },
  'ws1-single-user': { prefix: 'WS1-SU', count: 60, presence: 'ws1', summary: 'Single user on the new framework' },
  'ws1-multiuser-capable': { prefix: 'WS1-MUC', count: 60, presence: 'ws1', summary: 'Multiuser capable: prerequisites met, still single user' },
  'ws1-multiuser': { prefix: 'FLOOR-MU', count: 60, presence: 'ws1', summary: 'Multiuser; reassignment log with successful and retried attempts' },
  'ws1-enrolled-user-lags': { prefix: 'FLOOR-LAG', count: 10, presence: 'ws1', summary: 'Multiuser; enrolled user is still the previous user, reassignment failed' },
  'identifier-mismatch': { prefix: 'FLOOR-GUID', count: 5, presence: 'ws1', summary: 'unique identifier ObjectGUID does not match the UEM user; reassignment fails' },
  'reassignment-user-not-found': { prefix: 'FLOOR-NF', count: 5, presence: 'ws1', summary: 'signed-in user does not exist in UEM' },
  'checkout-restricted': { prefix: 'FLOOR-RES', count: 5, presence: 'ws1', summary: 'helpdesk account excluded by Multiuser checkout restrictions' },
  'workgroup-prompt': { prefix: 'WG-MU', count: 5, presence: 'ws1', summary: 'workgroup device: Hub always prompts for credentials' },
  'group-assignment-prompt': { prefix: 'FLOOR-GRP', count: 3, presence: 'ws1', summary: "Group Assignment Mode 'Prompt User for Organization Group' blocks silent reassignment" },
} as const satisfies Record<string, ScenarioSpec>;

export type ScenarioId = keyof typeof scenarios;
export const scenarioIds = Object.keys(scenarios) as ScenarioId[];

export function scenarioDeviceName(id: ScenarioId, index: number): string {
  const spec: ScenarioSpec = scenarios[id];
  return `${spec.prefix}-${String(index + 1).padStart(spec.count >= 1000 ? 4 : 3, '0')}`;
}

/** A stable, serial-looking string from a device name (FNV-1a, base 36, 10 characters). */
export function serialFromName(name: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193;
  for (let i = 0; i < name.length; i++) {
    a = Math.imul(a ^ name.charCodeAt(i), 0x01000193);
    b = Math.imul(b ^ name.charCodeAt(i), 0x5bd1e995);
  }
  return ((a >>> 0).toString(36) + (b >>> 0).toString(36)).toUpperCase().padEnd(12, '0').slice(0, 10);
}

export interface ScenarioExample {
  deviceName: string;
  /** Empty for the user-enrolled iPad: Apple User Enrollment hides the serial number. */
  serialNumber: string;
  presence: Presence;
  summary: string;
}

/** One device per scenario, the same for every seed. */
export const scenarioExamples = Object.fromEntries(
  scenarioIds.map((id) => {
    const deviceName = scenarioDeviceName(id, 0);
    const spec: ScenarioSpec = scenarios[id];
    const serialNumber = id === 'ipad-user-enrollment' ? '' : serialFromName(deviceName);
    return [id, { deviceName, serialNumber, presence: spec.presence, summary: spec.summary }];
  }),
) as Record<ScenarioId, ScenarioExample>;
