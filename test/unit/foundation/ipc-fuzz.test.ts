// Every channel gets malformed arguments (random JSON-like values, hostile strings, huge and deep
// values, prototype tricks) from good and bad senders: main answers each with a typed value and stays up.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { channelNames, contract } from '../../../electron/common/ipc/contract.ts';
import { errorCodes } from '../../../electron/common/errors.ts';
import { createAppServices } from '../../../electron/services/app-services.ts';
import { silentLogger } from '../../../electron/services/log/logger.ts';

const services = await createAppServices({
  host: 'test',
  version: '0.0.0',
  platform: 'linux',
  dataDir: mkdtempSync(join(tmpdir(), 'sdh-fuzz-')),
  trustedOrigins: ['app://helpdesk'],
  logger: silentLogger,
  tenantPolicy: 'demo-only',
  openExternal: async () => {},
});
const app = { frameUrl: 'app://helpdesk/index.html', isMainFrame: true };

const hostile = fc.oneof(
  fc.anything({ maxDepth: 4, withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true, withNullPrototype: true, withSparseArray: true }),
  fc.constantFrom('__proto__', '{"__proto__":{"polluted":1}}', 'javascript:alert(1)', '../../../../etc/passwd', '\u0000', 'x'.repeat(1 << 20), NaN, -0, Infinity),
  fc.constant(JSON.parse('{"__proto__":{"polluted":true}}')),
  fc.constant(Array.from({ length: 10_000 }, (_, i) => i)),
  fc.constant(Object.create(null)),
);

test('every channel answers malformed arguments with a typed value, and nothing is polluted', async () => {
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...channelNames), hostile, fc.boolean(), async (channel, arg, trusted) => {
      const sender = trusted ? app : { frameUrl: 'https://evil.example/', isMainFrame: true };
      const res = await services.router.invoke(channel, arg, sender);
      assert.equal(typeof res.ok, 'boolean');
      if (!res.ok) assert.ok((errorCodes as readonly string[]).includes(res.error.code));
      if (!trusted) assert.equal(!res.ok && res.error.code, 'forbidden_sender');
      if (contract[channel].kind === 'event') assert.equal(res.ok, false);
      if (res.ok) assert.equal(contract[channel].kind === 'invoke' && contract[channel].arg.safeParse(arg).success, true);
    }),
    { numRuns: 400, seed: 20261123 },
  );
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
  // Still serving after the storm.
  assert.equal((await services.router.invoke('getAppInfo', undefined, app)).ok, true);
  await services.dispose();
});
