// The demo tenant's "open this device's logs": the newest completed Collect-diagnostics request of the
// device, downloaded through the same flow as on a real tenant. A device the demo's Intune does not hold
// (Workspace ONE only) has no Intune request: its generated bundle is written directly.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../../common/errors.ts';
import type { DemoTenant } from '../demo/index.ts';
import type { DiagnosticsService } from './service.ts';

/** The device whose logs a newcomer sees first: Multiuser, reassignment failing with retries. */
export const DEMO_LOG_DEVICE = 'FLOOR-LAG-001';

export async function demoDeviceBundle(demo: DemoTenant, service: DiagnosticsService, dir: string, device = DEMO_LOG_DEVICE): Promise<string> {
  const key = device.toLowerCase();
  const intune = demo.data.intuneDevices.find((d) => d.deviceName.toLowerCase() === key || d.serialNumber.toLowerCase() === key || d.id === device);
  if (intune && intune.operatingSystem === 'Windows') {
    const done = (await service.list(intune.id)).find((r) => r.status === 'completed');
    if (done) return service.download(intune.id, done.id);
  }
  const zip = demo.deviceLogs(device);
  if (!zip) throw new AppError('not_found', `The demo tenant has no device called ${device}.`);
  await mkdir(dir, { recursive: true });
  const file = join(dir, `${device.replace(/[^A-Za-z0-9._-]/g, '_')}-diagnostics.zip`);
  await writeFile(file, zip);
  return file;
}
