// Waiting for a diagnostics upload: growing waits, throttled reads tolerated (Retry-After honoured by the
// HTTP layer on the same clock), give-up after the window, cancellation at once.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { DiagnosticsRequest } from '../../../electron/common/diagnostics.ts';
import { AppError } from '../../../electron/common/errors.ts';
import { IntuneLogCollection } from '../../../electron/services/diagnostics/intune-log-collection.ts';
import { waitForCollection, type PollTiming } from '../../../electron/services/diagnostics/poll.ts';
import { jsonResponse, recordingClock, scriptedFetch } from './support.ts';

const timing: PollTiming = { firstMs: 1_000, factor: 2, maxMs: 5_000, giveUpMs: 60_000, maxReadFailures: 2 };
const req = (status: DiagnosticsRequest['status'], id = 'r1'): DiagnosticsRequest => ({
  id,
  status,
  requestedAt: null,
  receivedAt: null,
  expiresAt: null,
  sizeKB: null,
  initiatedBy: null,
  errorCode: null,
  downloaded: false,
  watching: false,
});

describe('waitForCollection', () => {
  test('waits longer each time, up to the cap, until the request completes', async () => {
    const clock = recordingClock();
    const answers = ['pending', 'pending', 'pending', 'pending', 'completed'] as const;
    const seen: string[] = [];
    const done = await waitForCollection({ list: async () => [req(answers[seen.length])], requestId: 'r1', clock, timing, signal: new AbortController().signal, onStatus: (r) => seen.push(r.status) });
    assert.equal(done.status, 'completed');
    assert.deepEqual(clock.sleeps, [1_000, 2_000, 4_000, 5_000, 5_000]);
    assert.deepEqual(seen, ['pending', 'pending', 'pending', 'pending', 'completed']);
  });

  test('a failed upload ends the wait with the failed request', async () => {
    const done = await waitForCollection({ list: async () => [req('failed')], requestId: 'r1', clock: recordingClock(), timing, signal: new AbortController().signal });
    assert.equal(done.status, 'failed');
  });

  test('throttled reads are waited out, and too many in a row end in the error', async () => {
    let calls = 0;
    const throttled = new AppError('throttled', 'Intune is throttling requests; try again in a minute.');
    const ok = await waitForCollection({
      list: async () => {
        calls++;
        if (calls <= 2) throw throttled;
        return [req('completed')];
      },
      requestId: 'r1',
      clock: recordingClock(),
      timing,
      signal: new AbortController().signal,
    });
    assert.equal(ok.status, 'completed');
    await assert.rejects(
      waitForCollection({ list: async () => Promise.reject(throttled), requestId: 'r1', clock: recordingClock(), timing, signal: new AbortController().signal }),
      (e: unknown) => e instanceof AppError && e.code === 'throttled',
    );
  });

  test('Retry-After on a throttled list is honoured on the same clock before the read is tried again', async () => {
    const clock = recordingClock();
    const { fetch, seen } = scriptedFetch([
      () => new Response('{"error":{"code":"TooManyRequests"}}', { status: 429, headers: { 'retry-after': '7' } }),
      () => jsonResponse(200, { value: [{ id: 'r1', status: 'completed' }] }),
    ]);
    const client = new IntuneLogCollection({ baseUrl: 'https://graph.example', getToken: async () => 'tok', fetch, sleep: (ms, s) => clock.sleep(ms, s) });
    const done = await waitForCollection({ list: (s) => client.list('dev-1', s), requestId: 'r1', clock, timing, signal: new AbortController().signal });
    assert.equal(done.status, 'completed');
    assert.deepEqual(clock.sleeps, [1_000, 7_000], 'first poll wait, then the 7 s Retry-After');
    assert.equal(seen.length, 2);
  });

  test('a device that never uploads times out after the window', async () => {
    const clock = recordingClock();
    await assert.rejects(
      waitForCollection({ list: async () => [req('pending')], requestId: 'r1', clock, timing, signal: new AbortController().signal }),
      (e: unknown) => e instanceof AppError && e.code === 'timeout' && /offline/.test(e.message),
    );
    assert.ok(clock.sleeps.reduce((a, b) => a + b, 0) >= timing.giveUpMs);
  });

  test('a request Intune no longer lists ends the wait as not found', async () => {
    await assert.rejects(
      waitForCollection({ list: async () => [req('pending', 'other')], requestId: 'r1', clock: recordingClock(), timing, signal: new AbortController().signal }),
      (e: unknown) => e instanceof AppError && e.code === 'not_found',
    );
  });

  test('cancelling stops the wait at once, during a sleep or a read', async () => {
    const stop = new AbortController();
    let reads = 0;
    const p = waitForCollection({
      list: async () => {
        reads++;
        if (reads === 2) stop.abort();
        return [req('pending')];
      },
      requestId: 'r1',
      clock: recordingClock(),
      timing,
      signal: stop.signal,
    });
    await assert.rejects(p, (e: unknown) => e instanceof AppError && e.code === 'cancelled');
    assert.equal(reads, 2);
  });
});
