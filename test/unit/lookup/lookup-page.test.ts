// The list's further pages: main keeps the last few finished searches and hands out pages and targets of them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '../../../electron/common/errors.ts';
import { openDatabase } from '../../../electron/services/cache/db.ts';
import { DeviceCache } from '../../../electron/services/cache/device-cache.ts';
import { lookupHandlers } from '../../../electron/services/handlers/lookup-handlers.ts';
import { LookupService } from '../../../electron/services/lookup/service.ts';
import { NOW, intuneSide } from './fixtures.ts';

test('pages of a finished search come from main; only the last four searches are kept', async () => {
  const cache = new DeviceCache(openDatabase(':memory:'), 't');
  cache.upsert(Array.from({ length: 450 }, (_, k) => intuneSide({ id: `i${k}`, name: `PC-${String(k).padStart(3, '0')}`, serial: `S${k}` })), []);
  const lookup = { service: new LookupService({ cache, now: () => NOW }), cache, intune: null, ws1: null };
  const ctx = { signal: new AbortController().signal };
  const h = lookupHandlers({ lookup: () => lookup, partial: () => {}, syncProgress: () => {} });
  const first = await h.lookupSearch({ requestId: 'q1', query: 'PC-', limit: 200 }, ctx);
  assert.equal(first.total, 450);
  assert.equal(first.devices.length, 200);
  const last = await h.lookupPage({ requestId: 'q1', offset: 400, count: 200 }, ctx);
  assert.equal(last.total, 450);
  assert.equal(last.devices.length, 50);
  assert.ok(!first.devices.some((d) => last.devices.some((x) => x.key === d.key)));
  assert.equal((await h.lookupTargets({ requestId: 'q1' }, ctx)).length, 450);
  for (const id of ['q2', 'q3', 'q4', 'q5']) await h.lookupSearch({ requestId: id, query: 'PC-0', limit: 10 }, ctx);
  await assert.rejects(
    async () => h.lookupPage({ requestId: 'q1', offset: 0, count: 10 }, ctx),
    (e: unknown) => e instanceof AppError && e.code === 'not_found' && /search again/.test(e.message),
  );
  assert.equal((await h.lookupPage({ requestId: 'q5', offset: 0, count: 1000 }, ctx)).devices.length, 100);
  h.dispose();
});
