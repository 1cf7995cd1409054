import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TokenBucket, backoffMs, intuneWriteLimit } from '../../../electron/services/jobs/throttle.ts';
import { retryAfterMs } from '../../../electron/services/jobs/http-executor.ts';
import { virtualClock } from './support/virtual-clock.ts';

const signal = new AbortController().signal;

test("at Graph's write limit: never more than 200 calls in any 20 s, and ≥ 95 % of that rate", async () => {
  const clock = virtualClock();
  const bucket = new TokenBucket({ limit: intuneWriteLimit, clock });
  const times: number[] = [];
  for (let i = 0; i < 2000; i++) {
    await bucket.take(signal);
    times.push(clock.now());
  }
  let max = 0;
  for (let i = 0, j = 0; i < times.length; i++) {
    while (times[i] - times[j] >= intuneWriteLimit.windowMs) j++;
    max = Math.max(max, i - j + 1);
  }
  assert.ok(max <= 200, `${max} calls in one window`);
  const perSecond = (times.length - 1) / ((times.at(-1)! - times[0]) / 1000);
  assert.ok(perSecond >= 9.5 && perSecond <= 10, `${perSecond}/s`);
});

test('a 429 blocks every caller until Retry-After and slows the pace; successes bring it back', async () => {
  const clock = virtualClock();
  const bucket = new TokenBucket({ limit: intuneWriteLimit, clock });
  const full = bucket.ratePerSecond;
  await bucket.take(signal);
  const t0 = clock.now();
  bucket.onThrottled(7_000);
  await bucket.take(signal);
  assert.ok(clock.now() - t0 >= 7_000);
  assert.ok(Math.abs(bucket.ratePerSecond - full * 0.8) < 1e-9);
  // creeps back up slowly: a tenth of the way after 20 successes, all of it after about 200
  for (let i = 0; i < 20; i++) bucket.onSuccess();
  assert.ok(bucket.ratePerSecond < full * 0.83);
  for (let i = 0; i < 190; i++) bucket.onSuccess();
  assert.equal(bucket.ratePerSecond, full);
  assert.equal(bucket.throttled, 1);
});

test('the calls in flight when a 429 comes slow the pace once, not once each; a later episode slows it again', () => {
  const clock = virtualClock();
  const bucket = new TokenBucket({ limit: intuneWriteLimit, clock });
  const full = bucket.ratePerSecond;
  for (let i = 0; i < 8; i++) bucket.onThrottled(2_000);
  assert.ok(Math.abs(bucket.ratePerSecond - full * 0.8) < 1e-9);
  clock.advance(2_000);
  bucket.onThrottled(2_000);
  assert.ok(Math.abs(bucket.ratePerSecond - full * 0.64) < 1e-9);
  for (let i = 0; i < 20; i++) {
    clock.advance(2_000);
    bucket.onThrottled(2_000);
  }
  assert.ok(Math.abs(bucket.ratePerSecond - full * 0.25) < 1e-9, 'never below a quarter of the full rate');
  assert.equal(bucket.throttled, 29);
});

test('take() gives up when its signal aborts', async () => {
  const clock = virtualClock();
  const bucket = new TokenBucket({ limit: intuneWriteLimit, clock });
  const ac = new AbortController();
  ac.abort();
  await assert.rejects(bucket.take(ac.signal));
});

test('back-off doubles up to a minute; Retry-After in seconds or as a date', () => {
  assert.deepEqual([1, 2, 3, 10].map((a) => backoffMs(a, 1000, () => 1)), [1000, 2000, 4000, 60000]);
  assert.equal(backoffMs(1, 1000, () => 0), 500);
  assert.equal(retryAfterMs('3'), 3000);
  assert.equal(retryAfterMs(null), undefined);
  assert.equal(retryAfterMs('Mon, 23 Nov 2026 08:00:10 GMT', Date.parse('2026-11-23T08:00:00Z')), 10_000);
  assert.equal(retryAfterMs('soon'), undefined);
});
