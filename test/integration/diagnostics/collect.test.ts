// Collect diagnostics against the demo tenant's Graph simulator, end to end in main: request → pending →
// completed → createDownloadUrl → download (no token: the simulator's pre-signed URL refuses one) → opened
// in the log viewer with records. One clock drives the simulator and the poll, so nothing sleeps.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DiagnosticsProgress } from '../../../electron/common/diagnostics.ts';
import { startDemoTenant, type DemoTenant } from '../../../electron/services/demo/index.ts';
import { openDatabase, type Db } from '../../../electron/services/cache/db.ts';
import { demoDeviceBundle } from '../../../electron/services/diagnostics/demo-bundle.ts';
import { DiagnosticsService } from '../../../electron/services/diagnostics/service.ts';
import { Ws1DeviceLogs, ws1NotOffered } from '../../../electron/services/diagnostics/ws1-device-log.ts';
import { diagnosticsHandlers } from '../../../electron/services/handlers/diagnostics-handlers.ts';
import { logsHandlers } from '../../../electron/services/handlers/logs-handlers.ts';
import { LogsService } from '../../../electron/services/logs/service.ts';
import { apiTrace } from '../../../electron/services/net/api-trace.ts';
import { SettingsStore } from '../../../electron/services/settings/settings-store.ts';
import { demoConnection } from '../../../electron/services/tenant/connection.ts';
import { recordingClock } from '../../unit/diagnostics/support.ts';

const DELAY_MS = 20_000;

describe('Collect diagnostics against the demo tenant', () => {
  const clock = recordingClock(Date.parse('2026-12-02T09:00:00Z'));
  const dir = mkdtempSync(join(tmpdir(), 'sdh-diag-int-'));
  const events: DiagnosticsProgress[] = [];
  let demo: DemoTenant;
  let db: Db;
  let service: DiagnosticsService;
  let logs: LogsService;
  let h: ReturnType<typeof diagnosticsHandlers>;
  const ctx = { signal: new AbortController().signal };

  before(async () => {
    demo = await startDemoTenant({ now: clock.now, logCollectionDelayMs: DELAY_MS, deviceCount: 300 });
    db = openDatabase(join(dir, 'helpdesk.db'));
    const conn = demoConnection(demo, db);
    service = new DiagnosticsService({ current: () => conn, dataDir: join(dir, 'data'), clock, onProgress: (p) => events.push(p) });
    logs = new LogsService({ tempDir: join(dir, 'tmp') });
    const lh = logsHandlers({ logs, settings: new SettingsStore(join(dir, 'data')), dialogs: undefined, demoBundle: undefined, progress: () => {} });
    h = diagnosticsHandlers({ service, ws1: new Ws1DeviceLogs(), current: () => conn, openDownloaded: (paths) => lh.openDownloaded(paths) });
  });
  after(async () => {
    service.dispose();
    await logs.dispose();
    db.close();
    await demo.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('request → pending → completed → download → open in the viewer with records', async () => {
    const device = demo.data.intuneDevices.find((d) => d.deviceName === 'MIG-BOTH-001')!;
    const created = await h.diagnosticsCollect({ intuneId: device.id }, ctx);
    assert.equal(created.status, 'pending');
    assert.equal(created.watching, true);
    const watched = await service.watch(device.id, created.id); // already watched: resolves at once
    assert.equal(watched, null);
    // The watch runs on the recording clock: wait (bounded) for its completed event.
    for (let i = 0; i < 1000 && !events.some((e) => e.requestId === created.id && e.phase === 'completed'); i++) await new Promise((r) => setImmediate(r));
    const phases = events.filter((e) => e.requestId === created.id).map((e) => e.phase);
    assert.equal(phases[0], 'requested');
    assert.ok(phases.includes('pending'), phases.join());
    assert.equal(phases.at(-1), 'completed', phases.join());
    assert.ok(clock.now() - Date.parse(created.requestedAt!) >= DELAY_MS);

    const view = await h.diagnosticsList({ intuneId: device.id, ws1Uuid: null }, ctx);
    const row = view.intune!.requests.find((r) => r.id === created.id)!;
    assert.equal(row.status, 'completed');
    assert.equal(row.downloaded, false);
    assert.ok(row.expiresAt && row.receivedAt && row.sizeKB);

    const info = await h.diagnosticsOpen({ intuneId: device.id, requestId: created.id }, ctx);
    await logs.whenIndexed(info.id);
    assert.ok(logs.count(info.id) > 0, 'records in the viewer');
    assert.ok(info.files.some((f) => /AppWorkload\.log$/.test(f.path)), info.files.map((f) => f.path).join());
    const dl = events.filter((e) => e.requestId === created.id && (e.phase === 'downloading' || e.phase === 'downloaded'));
    assert.equal(dl.at(-1)?.phase, 'downloaded');
    assert.ok(dl.at(-1)!.bytes! > 0 && dl.at(-1)!.bytes === dl.at(-1)!.total);
    const again = await h.diagnosticsList({ intuneId: device.id, ws1Uuid: null }, ctx);
    assert.equal(again.intune!.requests.find((r) => r.id === created.id)!.downloaded, true);
    const files = readdirSync(join(dir, 'data', 'diagnostics', 'demo'));
    assert.ok(files.every((f) => f.endsWith('.zip')), `no partial files: ${files.join()}`);
  });

  test('the download URL is fetched without the bearer token (the trace shows the storage call succeeded)', () => {
    const storage = apiTrace.entries().filter((e) => e.service === 'Intune storage');
    assert.ok(storage.length > 0);
    assert.ok(storage.every((e) => e.status === 200 && !e.path.includes('?')), JSON.stringify(storage));
  });

  test("the demo's Device → logs goes through the same flow: the seeded collection opens at once", async () => {
    const file = await demoDeviceBundle(demo, service, join(dir, 'tmp', 'demo-logs'), 'LAB-DEM-001');
    assert.match(file, /diagnostics[/\\]demo[/\\].+\.zip$/);
    // A Workspace ONE-only device has no Intune collection: its generated bundle is written directly.
    assert.match(await demoDeviceBundle(demo, service, join(dir, 'tmp', 'demo-logs'), 'FLOOR-LAG-001'), /demo-logs[/\\]FLOOR-LAG-001-diagnostics\.zip$/);
  });

  test('an iPad has no Intune collection; Workspace ONE says plainly it does not offer one on this tenant', async () => {
    const ipad = demo.data.intuneDevices.find((d) => d.operatingSystem !== 'Windows')!;
    const refused = await Promise.resolve(h.diagnosticsCollect({ intuneId: ipad.id }, ctx)).then(
      () => null,
      (e: Error) => e.message,
    );
    assert.match(String(refused), /only available for Windows/);
    const ws1 = demo.data.ws1Devices[0];
    const view = await h.diagnosticsList({ intuneId: null, ws1Uuid: ws1.uuid }, ctx);
    assert.deepEqual(view.ws1, { offered: false, message: ws1NotOffered });
  });

  test('cancel stops a watch: the device gets a cancelled event and no longer counts as watched', async () => {
    const device = demo.data.intuneDevices.find((d) => d.operatingSystem === 'Windows' && d.deviceName !== 'MIG-BOTH-001')!;
    const created = await h.diagnosticsCollect({ intuneId: device.id }, ctx);
    h.diagnosticsCancel({ intuneId: device.id }, ctx);
    for (let i = 0; i < 1000 && !events.some((e) => e.requestId === created.id && e.phase === 'cancelled'); i++) await new Promise((r) => setImmediate(r));
    assert.ok(events.some((e) => e.requestId === created.id && e.phase === 'cancelled'));
    assert.equal(events.some((e) => e.requestId === created.id && e.phase === 'completed'), false);
  });
});
