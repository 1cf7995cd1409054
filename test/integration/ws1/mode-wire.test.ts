// The tenant's API description on real HTTP: "Test connection" reads the demo tenant's and keeps it per
// tenant in the data folder; a mode change follows it (organization group, count) and is accepted; a tenant
// without a readable description gets the best-known shape, is told so, and a refused call is not re-sent.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDemoTenant, type DemoTenant } from '../../../electron/services/demo/index.ts';
import { createHttpExecutor } from '../../../electron/services/jobs/http-executor.ts';
import { ws1StaticAuth } from '../../../electron/services/lookup/connect.ts';
import { testWs1Connection } from '../../../electron/services/profiles/test-connection.ts';
import { profileSecretKey } from '../../../electron/services/profiles/secret-keys.ts';
import { apiTrace } from '../../../electron/services/net/api-trace.ts';
import { Ws1WireBook } from '../../../electron/services/ws1/wire-book.ts';
import type { Ws1Profile } from '../../../electron/common/profiles.ts';
import { MemoryKeychain } from '../../unit/secrets/fakes.ts';

let demo: DemoTenant;
let dir: string;
before(async () => {
  demo = await startDemoTenant({ deviceCount: 40 });
  dir = mkdtempSync(join(tmpdir(), 'sdh-wire-'));
});
after(async () => {
  await demo.stop();
  rmSync(dir, { recursive: true, force: true });
});

const headers = () => ws1StaticAuth({ basic: `${demo.ws1.basicUser}:${demo.ws1.basicPassword}`, tenantCode: demo.ws1.tenantCode });

test('Test connection reads the description and keeps it per tenant; the Tenants line says verified with the date', async () => {
  const secrets = new MemoryKeychain();
  const profile: Ws1Profile = { kind: 'ws1', id: 'w', name: 'Demo', apiHost: 'as1506.awmdm.com', auth: { method: 'basic', username: demo.ws1.basicUser } };
  await secrets.set(profileSecretKey(profile, 'password'), demo.ws1.basicPassword);
  await secrets.set(profileSecretKey(profile, 'apiKey'), demo.ws1.tenantCode);
  const file = join(dir, 'ws1-wire.json');
  const wires = new Ws1WireBook(file, () => new Date('2026-12-01T09:30:00Z'));
  const report = await testWs1Connection(profile, { secrets, apiBaseUrl: demo.ws1Url, wires });
  assert.equal(report.ok, true, report.message);
  const check = report.checks.find((c) => c.step === 'API description (mode changes)');
  assert.equal(check?.detail, "Mode changes: verified against this tenant's API description, 2026-12-01 (/api/help/Docs/mdmv3)");
  const saved = JSON.parse(readFileSync(file, 'utf8')) as { tenants: Record<string, { body: { actionKey: string }; userMode: { path: string } }> };
  const kept = saved.tenants[new URL(demo.ws1Url).origin];
  assert.equal(kept.body.actionKey, 'action_type');
  assert.equal(kept.userMode.path, 'windowsInfo.windowsUserMode');
  assert.equal(new Ws1WireBook(file).peek(demo.ws1Url)?.verified, true, 'read back by the next run');
});

test('a change follows the learned shape, one call per organization group, and reads the nested mode back', async () => {
  const wires = new Ws1WireBook(null);
  const modeWire = () => wires.forChange({ baseUrl: demo.ws1Url, authHeaders: headers() });
  const executor = createHttpExecutor({ ws1: { url: demo.ws1Url, getHeaders: headers(), modeWire } });
  const single = demo.data.ws1Devices.filter((d) => d.userMode === 'SingleUser' || d.userMode === 'MultiUserCapable');
  const groups = new Set(single.map((d) => d.locationGroupUuid));
  assert.ok(single.length >= 2 && groups.size >= 2, 'the demo tenant spreads these devices over several organization groups');
  const before = demo.counters.requests.ws1;
  const out = await executor.ws1Action('ws1.changeToMultiuser', single.map((d) => d.uuid), AbortSignal.timeout(10_000));
  assert.equal(out.kind, 'ok');
  assert.deepEqual(out.kind === 'ok' && [...out.accepted].sort(), single.map((d) => d.uuid).sort());
  assert.ok(demo.counters.requests.ws1 - before >= groups.size, 'one POST per group (plus the description and the group reads)');
  const state = await executor.readState({ key: 'k', name: 'n', ws1: { uuid: single[0].uuid, userMode: 'singleUser' } }, AbortSignal.timeout(5_000));
  assert.deepEqual(state, { kind: 'ok', state: { ws1UserMode: 'singleUser', ws1PendingAction: 'ws1.changeToMultiuser' } });
  const trace = apiTrace.text();
  assert.match(trace, /\tPOST\t\/api\/mdm\/devices\/action\t200\t/);
  assert.match(trace, /\tGET\t\/api\/help\/Docs\/mdmv3\t200\t/);
});

test('without a readable description: best-known shape, said in the preview line, refused with 400 and not re-sent', async () => {
  // a tenant whose help pages are missing: the demo tenant behind a proxy that hides /api/help
  const hidden: typeof fetch = (input, init) => (String(input).includes('/api/help') ? Promise.resolve(new Response('<html>404</html>', { status: 404, headers: { 'content-type': 'text/html' } })) : fetch(input, init));
  const wires = new Ws1WireBook(null);
  const wire = await wires.forChange({ baseUrl: demo.ws1Url, authHeaders: headers(), fetch: hidden });
  assert.equal(wire.verified, false);
  const learned = await wires.learn({ baseUrl: demo.ws1Url, authHeaders: headers(), fetch: hidden });
  assert.match(learned.problem ?? '', /could not be read: it answered HTTP 404/);
  const executor = createHttpExecutor({ ws1: { url: demo.ws1Url, getHeaders: headers(), modeWire: async () => wire }, fetch: hidden });
  const d = demo.data.ws1Devices.find((x) => x.userMode === 'MultiUser')!;
  const calls = demo.counters.actionCalls('CHANGE_TO_SINGLEUSER', d.uuid);
  const out = await executor.ws1Action('ws1.changeToSingleuser', [d.uuid], AbortSignal.timeout(10_000));
  assert.equal(out.kind, 'failed', 'a 400 is final: the job does not send it again');
  assert.equal(demo.counters.actionCalls('CHANGE_TO_SINGLEUSER', d.uuid), calls, 'the simulator took nothing');
});
