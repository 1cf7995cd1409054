// IPC fuzz, in two parts. Valid but hostile: for every channel, arguments generated FROM ITS SCHEMA
// (test/support/zod-arbitrary.ts: boundary sizes, unicode, path- and URL-like strings, ids of other
// sessions, jobs and profiles, huge counts) reach the real router and services of the browser preview
// (demo-only), beside a "real tenant" profile that must never be touched. Every answer must match its
// result schema or be a typed error, carry no token, secret or file content, and name no path of the app's
// own folders the renderer did not give. Malformed: random values from good and bad senders get typed errors.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { adminPortalOrigins, isAllowedExternalUrl } from '../../../electron/common/app.ts';
import { appErrorSchema, errorCodes, type Result } from '../../../electron/common/errors.ts';
import { channelNames, contract, type ChannelName } from '../../../electron/common/ipc/contract.ts';
import type { TenantProfile } from '../../../electron/common/profiles.ts';
import type { AppServices } from '../../../electron/services/app-services.ts';
import { profileSecretKey } from '../../../electron/services/profiles/secret-keys.ts';
import { appFrame as app, startPreviewServices } from '../../support/preview-services.ts';
import { arbitraryOf, type HostilePools } from '../../support/zod-arbitrary.ts';
import { MemoryKeychain } from '../secrets/fakes.ts';

const RUNS = Number(process.env.SDH_FUZZ_RUNS ?? 25);
/** A cache sync of the whole demo tenant takes many seconds: each one is cancelled at its first progress event. */
const cancelledEarly: Partial<Record<ChannelName, ChannelName>> = { cacheSync: 'cacheSyncCancel' };
const KEY_CANARY = 'PRIVATE-KEY-CANARY-7f3a';
const REAL_SECRET = 'real-tenant-secret-CANARY-1234';
const line = '2026-11-23 08:00:00.000 +01:00 [ERR] User switch failed: HTTP 500 (a 0x87D1041C)\n';

let root: string;
let dataDir: string;
let services: AppServices;
let realTenant: Server;
const realRequests: string[] = [];
const events: string[] = [];
const opened: string[] = [];
const eventWaiters = new Set<(name: string) => void>();
/** Resolves at the next event of one of these kinds. */
function nextEvent(names: readonly string[]): { event: Promise<void>; stop(): void } {
  let waiter: (name: string) => void = () => {};
  const event = new Promise<void>((resolve) => {
    waiter = (name) => names.includes(name) && resolve();
    eventWaiters.add(waiter);
  });
  return { event, stop: () => eventWaiters.delete(waiter) };
}
let pools: { ids: string[] } & HostilePools;
let openLiveSession: () => Promise<string>;
let secrets: string[];

before(async () => {
  root = mkdtempSync(join(tmpdir(), 'sdh-fuzz-'));
  dataDir = join(root, 'data');
  mkdirSync(dataDir);
  // A real tenant on this machine: a profile points at it, the browser preview must never reach it.
  realTenant = createServer((req, res) => {
    realRequests.push(`${req.method} ${req.url}`);
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"Devices":[],"Total":0}');
  });
  await new Promise<void>((r) => realTenant.listen(0, '127.0.0.1', r));
  const realHost = `127.0.0.1:${(realTenant.address() as AddressInfo).port}`;
  const real: TenantProfile[] = [
    { kind: 'ws1', id: 'real', name: 'Real UEM', apiHost: realHost, auth: { method: 'basic', username: 'admin' } },
    { kind: 'intune', id: 'real-intune', name: 'Real Intune', tenant: 'contoso.onmicrosoft.com', clientId: '0b6f4a3e-1d2c-4e5f-8a9b-0c1d2e3f4a5b', cloud: 'global' },
  ];
  writeFileSync(join(dataDir, 'profiles.json'), JSON.stringify({ version: 1, profiles: real }));
  writeFileSync(join(dataDir, 'settings.json'), JSON.stringify({ activeProfiles: { intune: 'real-intune', ws1: 'real' } }));
  const keychain = new MemoryKeychain();
  await keychain.set(profileSecretKey(real[0], 'password'), REAL_SECRET);
  await keychain.set(profileSecretKey(real[0], 'apiKey'), `${REAL_SECRET}-key`);

  // Files: a chosen log, a private key, a log-named symlink to it, a folder holding both.
  const files = join(root, 'files');
  mkdirSync(join(files, 'folder'), { recursive: true });
  writeFileSync(join(files, 'folder', 'DeviceReassignment-20261123.log'), line);
  writeFileSync(join(files, 'id_rsa'), `${KEY_CANARY}\n`);
  symlinkSync(join(files, 'id_rsa'), join(files, 'folder', 'innocent.log'));

  services = await startPreviewServices(dataDir, { secretStore: keychain, openExternal: async (url) => void opened.push(url) });
  services.router.subscribe((name, payload) => {
    events.push(`${name} ${JSON.stringify(payload)}`);
    for (const w of [...eventWaiters]) w(name);
  });

  // Ids that exist: an open log session, a closed one, a planned job.
  const call = async (channel: string, arg?: unknown) => {
    const r = (await services.router.invoke(channel, arg, app)) as Result<Record<string, unknown>>;
    assert.ok(r.ok, `${channel}: ${JSON.stringify(r)}`);
    return r.value;
  };
  const logFile = join(files, 'folder', 'DeviceReassignment-20261123.log');
  openLiveSession = async () => (await call('logsOpenPaths', { paths: [logFile] })).id as string;
  const live = await openLiveSession();
  const closed = (await call('logsOpenDemo', {})).id as string;
  await call('logsClose', { session: closed });
  const plan = await call('jobsPlan', { goal: { kind: 'multiuser' }, inputs: ['WS1-LEG-001'], match: 'exact' });
  const d = services.demo;
  secrets = [d.graphToken, d.ws1.basicPassword, d.ws1.tenantCode, d.ws1.clientSecret, Buffer.from(`${d.ws1.basicUser}:${d.ws1.basicPassword}`).toString('base64'), REAL_SECRET, KEY_CANARY];
  pools = {
    ids: [live, closed, String((plan as { planId: string }).planId), logFile, 'real', 'real-intune', 'demo', '00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff', 'req-1'],
    paths: [
      '/',
      '/etc/passwd',
      join(homedir(), '.ssh', 'id_rsa'),
      '~/.ssh/id_rsa',
      '\\\\fileserver\\share\\IntuneManagementExtension.log',
      '//fileserver/share/x.log',
      '\\\\?\\C:\\Windows\\Logs\\CBS\\CBS.log',
      'C:\\Windows\\System32\\config\\SAM',
      '../../../../etc/passwd',
      join(files, 'id_rsa'),
      join(files, 'folder'),
      join(files, 'folder', 'innocent.log'),
      join(files, 'folder', 'DeviceReassignment-20261123.log'),
      `${join(files, 'folder', 'DeviceReassignment-20261123.log')}.zip!/../../id_rsa`,
      join(dataDir, 'settings.json'),
      join(dataDir, 'profiles.json'),
      join(dataDir, 'helpdesk.db'),
      join(dataDir, 'logs', 'main.log'),
    ],
    urls: [
      ...adminPortalOrigins.map((o) => `${o}/#view/../../evil?u=javascript:alert(1)`),
      'https://cn1506.awmdm.com/AirWatch/#/devices',
      'https://intune.microsoft.com.evil.example/',
      'https://user:pw@intune.microsoft.com/',
      'https://intune.microsoft.com:444/',
      'javascript:alert(1)',
      'file:///etc/passwd',
      `http://${realHost}/api/mdm/devices`,
      'chrome-extension://abc/x.html',
    ],
    strings: [
      '',
      ' ',
      'WS1-LEG-001',
      'FLOOR-LAG-001',
      'nils.moreau',
      '*',
      '%',
      "'; DROP TABLE devices;--",
      '" OR 1=1 --',
      '(a+)+$',
      '(?<x>a)\\k<x>',
      '[',
      '\u0000',
      '\u202eexe.gol',
      'İıßﬁ𝔘𝔫𝔦😀👩‍👩‍👧',
      '\ud800',
      '<img src=x onerror=alert(1)>',
      '${jndi:ldap://x}',
      '{{7*7}}',
      '__proto__',
      'constructor',
      'CON',
      'x'.repeat(5000),
    ],
  };
});

after(async () => {
  await services?.dispose();
  await new Promise((r) => realTenant?.close(r));
  rmSync(root, { recursive: true, force: true });
});

/** Every string anywhere in a value (what the renderer gave). */
function stringsIn(v: unknown, out: string[] = []): string[] {
  if (typeof v === 'string') out.push(v);
  else if (v && typeof v === 'object') for (const x of Object.values(v)) stringsIn(x, out);
  return out;
}

describe('valid, hostile arguments generated from each channel schema', () => {
  const counts = new Map<ChannelName, { valid: number; ok: number; refused: number; codes: Record<string, number> }>();
  after(() => {
    const rows = [...counts].map(([c, n]) => `${c.padEnd(20)} ${String(n.valid).padStart(4)} valid calls (${n.ok} answered, ${n.refused} typed errors${n.refused ? `: ${Object.entries(n.codes).map(([k, v]) => `${v} ${k}`).join(', ')}` : ''})`);
    const total = [...counts.values()].reduce((a, n) => a + n.valid, 0);
    console.log(`# ipc-fuzz: valid hostile calls per channel (seed 20261201, ${RUNS} runs each)\n# ${rows.join('\n# ')}\n# total ${total} valid calls over ${counts.size} channels`);
  });

  for (const channel of channelNames) {
    test(channel, async () => {
      const def = contract[channel];
      const schema = def.kind === 'invoke' ? def.arg : def.payload;
      const n = { valid: 0, ok: 0, refused: 0, codes: {} as Record<string, number> };
      // Sessions may be closed or evicted by the channels before: the live id is made fresh.
      pools.ids[0] = await openLiveSession();
      counts.set(channel, n);
      await fc.assert(
        fc.asyncProperty(arbitraryOf(schema, pools), async (arg) => {
          assert.ok(schema.safeParse(arg).success, 'the generator made an invalid argument');
          n.valid++;
          const progress = nextEvent(['onCacheSyncProgress']);
          const answer = services.router.invoke(channel, arg, app);
          const cancel = cancelledEarly[channel];
          if (cancel) {
            await Promise.race([progress.event, answer]);
            await services.router.invoke(cancel, undefined, app);
          }
          progress.stop();
          const res = await answer;
          if (def.kind === 'event') {
            assert.equal(!res.ok && res.error.code, 'unknown_channel', 'events cannot be invoked');
            n.refused++;
            n.codes.unknown_channel = (n.codes.unknown_channel ?? 0) + 1;
            return;
          }
          if (res.ok) {
            n.ok++;
            assert.ok(def.result.safeParse(res.value).success, 'the answer does not match the result schema');
          } else {
            n.refused++;
            n.codes[res.error.code] = (n.codes[res.error.code] ?? 0) + 1;
            assert.ok(appErrorSchema.safeParse(res.error).success, 'the error is not a typed error value');
            assert.ok((errorCodes as readonly string[]).includes(res.error.code));
            assert.ok(!['internal', 'bad_result'].includes(res.error.code), `${res.error.code}: ${res.error.message}`);
          }
          let text = JSON.stringify(res);
          for (const s of secrets) assert.ok(!text.includes(s), `the answer carries a secret or file content: ${text.slice(0, 300)}`);
          // Paths of the app's own folder appear only when the renderer gave them, or as the demo bundle main wrote for it.
          for (const given of stringsIn(arg).filter((s) => s.length >= 3).sort((a, b) => b.length - a.length)) text = text.split(JSON.stringify(given).slice(1, -1)).join('');
          text = text.split(join(dataDir, 'tmp', 'demo-logs')).join('');
          assert.ok(!text.includes(dataDir), `the answer names a path of the app's own folder: ${text.slice(0, 300)}`);
        }),
        { numRuns: RUNS, seed: 20261201, endOnFailure: true },
      );
    });
  }

  test('afterwards: main is up, still on the demo tenant, the real tenant was never reached, nothing leaked', async () => {
    const info = await services.router.invoke('getAppInfo', undefined, app);
    assert.ok(info.ok && (info.value as { tenant: { mode: string } }).tenant.mode === 'demo');
    assert.deepEqual(realRequests, []);
    const list = await services.router.invoke('profilesList', undefined, app);
    assert.ok(list.ok && (list.value as { profiles: unknown[] }).profiles.length === 0, 'the preview lists no real profile');
    for (const e of events) for (const s of secrets) assert.ok(!e.includes(s), `an event carries a secret: ${e.slice(0, 200)}`);
    assert.deepEqual(opened.filter((u) => !isAllowedExternalUrl(u)), []);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });
});

test("the browser preview's demo-only refusals: profilesSave, profilesActivate and authSignIn answer not_allowed", async () => {
  const refused = async (channel: string, arg: unknown) => {
    const r = await services.router.invoke(channel, arg, app);
    assert.equal(!r.ok && r.error.code, 'not_allowed', `${channel}: ${JSON.stringify(r)}`);
  };
  await refused('profilesSave', { kind: 'ws1', name: 'Evil', apiHost: 'as1506.awmdm.com', authMethod: 'basic', username: 'admin', secrets: { password: 'pw-123456', apiKey: 'ak-123456' } });
  await refused('profilesActivate', { intune: null, ws1: 'real' });
  await refused('profilesActivate', { intune: 'real-intune', ws1: null });
  await refused('authSignIn', { profileId: 'real-intune', method: 'browser' });
  await refused('authSignIn', { profileId: 'real-intune', method: 'device-code' });
  assert.deepEqual(realRequests, []);
});

test('malformed arguments from good and bad senders get typed errors, and nothing is polluted', async () => {
  const hostile = fc.oneof(
    fc.anything({ maxDepth: 4, withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true, withNullPrototype: true, withSparseArray: true }),
    fc.constantFrom('__proto__', '{"__proto__":{"polluted":1}}', 'javascript:alert(1)', '../../../../etc/passwd', '\u0000', 'x'.repeat(1 << 20), NaN, -0, Infinity),
    fc.constant(JSON.parse('{"__proto__":{"polluted":true}}')),
    fc.constant(Array.from({ length: 10_000 }, (_, i) => i)),
    fc.constant(Object.create(null)),
  );
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...channelNames), hostile, fc.boolean(), async (channel, arg, trusted) => {
      const sender = trusted ? app : { frameUrl: 'https://evil.example/', isMainFrame: true };
      const res = await services.router.invoke(channel, arg, sender);
      assert.ok(res.ok || (errorCodes as readonly string[]).includes(res.error.code));
      if (!trusted) assert.equal(!res.ok && res.error.code, 'forbidden_sender');
      const def = contract[channel];
      if (def.kind === 'event') assert.equal(res.ok, false);
      else if (!def.arg.safeParse(arg).success) assert.equal(!res.ok && res.error.code, trusted ? 'bad_argument' : 'forbidden_sender');
    }),
    { numRuns: 300, seed: 20261123 },
  );
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
  assert.equal((await services.router.invoke('getAppInfo', undefined, app)).ok, true);
});
