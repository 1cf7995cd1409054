import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lookupPartialSchema, type IntuneSide, type LookupPartial, type Ws1Side } from '../../../electron/common/device.ts';
import { AppError } from '../../../electron/common/errors.ts';
import { openDatabase } from '../../../electron/services/cache/db.ts';
import { DeviceCache } from '../../../electron/services/cache/device-cache.ts';
import { LookupService, type KeptResult, type PlatformSearch } from '../../../electron/services/lookup/service.ts';
import { NOW, intuneSide, ws1Side } from './fixtures.ts';
import { within } from '../../support/wait.ts';

/** A platform search answering `found` once `answer` resolves (default: at once), or failing with `fail`. */
function fake<T>(found: T[], bySerial: T[] = [], answer: () => Promise<unknown> = async () => {}, fail?: AppError): PlatformSearch<T> & { serialCalls: string[][] } {
  const serialCalls: string[][] = [];
  return {
    serialCalls,
    search: async () => {
      await answer();
      if (fail) throw fail;
      return found;
    },
    bySerials: async (serials) => {
      serialCalls.push(serials);
      return bySerial.filter((x) => serials.includes((x as { serial: string }).serial));
    },
  };
}

test('streams cache, then each source as it answers; merges both platforms by serial', async () => {
  const cache = new DeviceCache(openDatabase(':memory:'), 't');
  cache.upsert([intuneSide({ id: 'cached', name: 'PC-OLD', serial: 'OLD', freshness: { fetchedAt: '2026-11-01T00:00:00Z', fromCache: false } })], []);
  cache.markSynced('intune', 'full', '2026-11-01T00:00:00Z');
  // Intune answers first, WS1 once Intune's results have been streamed: the order is set, not raced
  let intuneStreamed = () => {};
  const afterIntune = new Promise<void>((r) => (intuneStreamed = r));
  const intune = fake<IntuneSide>([intuneSide({ id: 'i1', name: 'PC-1', serial: 'S1' })]);
  const ws1 = fake<Ws1Side>([ws1Side({ id: 'w1', name: 'PC-1', serial: 'S1' }), ws1Side({ id: 'w2', name: 'PC-2', serial: 'S2' })], [], () => within(afterIntune, 'Intune results to be streamed'));
  const parts: LookupPartial[] = [];
  const onPartial = (p: LookupPartial) => (parts.push(p), p.source === 'intune' && intuneStreamed());
  const final = await new LookupService({ intune, ws1, cache, now: () => NOW }).search({ query: 'pc' }, { requestId: 'r1', onPartial });
  for (const p of parts) lookupPartialSchema.parse(p);
  assert.deepEqual(parts.map((p) => [p.source, p.done, p.pending.join(',')]), [['cache', false, 'intune,ws1'], ['intune', false, 'ws1'], ['ws1', true, '']]);
  assert.equal(parts[0].devices[0].intune?.freshness.fromCache, true);
  assert.equal(parts[0].cacheAge.intune, '2026-11-01T00:00:00Z');
  assert.equal(final.offline, false);
  assert.equal(final.devices.length, 3);
  const both = final.devices.find((d) => d.serial === 'S1');
  assert.ok(both?.intune && both.ws1, 'one card with both sides');
  assert.deepEqual(intune.serialCalls, [['S2']], 'the WS1-only card is looked up in Intune by serial');
});

test('one source failing is reported while the other source\'s results stay', async () => {
  const fail = new AppError('forbidden', 'Workspace ONE refused access.');
  const s = new LookupService({ intune: fake([intuneSide()]), ws1: fake<Ws1Side>([], [], undefined, fail), now: () => NOW });
  const r = await s.search({ query: 'anna.berg' });
  assert.equal(r.devices.length, 1);
  assert.deepEqual(r.errors, [{ source: 'ws1', error: { code: 'forbidden', message: 'Workspace ONE refused access.' } }]);
  assert.equal(r.offline, false);
});

test('results are re-checked locally: a lax server filter does not leak non-matches', async () => {
  const s = new LookupService({ intune: fake([intuneSide({ id: 'a', name: 'LAB-1' }), intuneSide({ id: 'b', name: 'XLAB-2', serial: 'Q' })]), now: () => NOW });
  const r = await s.search({ query: 'lab-1' });
  assert.deepEqual(r.devices.map((d) => d.intune?.id), ['a']);
});

test('network down: the cache still answers and says it is offline; --offline never calls out', async () => {
  const cache = new DeviceCache(openDatabase(':memory:'), 't');
  cache.upsert([intuneSide()], [ws1Side()]);
  const down = new AppError('unavailable', 'Intune cannot be reached (network).');
  const net = new LookupService({ intune: fake<IntuneSide>([], [], undefined, down), ws1: fake<Ws1Side>([], [], undefined, new AppError('timeout', 't')), cache, now: () => NOW });
  const r = await net.search({ query: 'anna.berg' });
  assert.equal(r.offline, true);
  assert.equal(r.devices.length, 2);
  assert.equal(r.errors.length, 2);
  const intune = fake<IntuneSide>([]);
  const off = await new LookupService({ intune, cache, now: () => NOW }).search({ query: 'anna', offline: true });
  assert.equal(off.offline, true);
  assert.equal(off.done, true);
  assert.equal(off.devices.length, 2);
  assert.deepEqual(intune.serialCalls, []);
});

test('live results are written to the cache for later offline searches', async () => {
  const cache = new DeviceCache(openDatabase(':memory:'), 't');
  await new LookupService({ intune: fake([intuneSide({ id: 'live', name: 'LIVE-PC' })]), cache, now: () => NOW }).search({ query: 'live' });
  assert.deepEqual(cache.search('live-pc').intune.map((x) => x.id), ['live']);
});

test('a limited search counts every match, and its kept result hands out any later page, diagnosed, and every target', async () => {
  const cache = new DeviceCache(openDatabase(':memory:'), 't');
  cache.upsert(
    Array.from({ length: 5 }, (_, k) => intuneSide({ id: `i${k}`, name: `PC-${k}`, serial: `S${k}` })),
    [],
  );
  let kept: KeptResult | null = null;
  const final = await new LookupService({ cache, now: () => NOW }).search({ query: 'PC-', limit: 2 }, { requestId: 'r', keep: (r) => (kept = r) });
  assert.equal(final.total, 5);
  assert.equal(final.devices.length, 2);
  const r = kept as KeptResult | null;
  assert.ok(r);
  assert.equal(r.total, 5);
  const rest = r.page(2, 10);
  assert.equal(rest.length, 3);
  assert.ok(rest.every((d) => Array.isArray(d.actions)), 'a later page is diagnosed like the first');
  assert.deepEqual([...final.devices, ...rest].map((d) => d.key), [...new Set([...final.devices, ...rest].map((d) => d.key))], 'pages do not overlap');
  assert.deepEqual(r.targets().sort(), ['S0', 'S1', 'S2', 'S3', 'S4']);
});
