// The diagnostics zip download: no credential on the pre-signed URL, https only (http on loopback), the
// size cap before and while reading, a non-zip refused, and nothing left behind after a failure.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppError } from '../../../electron/common/errors.ts';
import { downloadBundle, downloadUrlAllowed } from '../../../electron/services/diagnostics/download.ts';
import { scriptedFetch } from './support.ts';

const zipBytes = (n: number) => {
  const b = Buffer.alloc(n, 0x41);
  b[0] = 0x50;
  b[1] = 0x4b;
  return b;
};
const dir = () => mkdtempSync(join(tmpdir(), 'sdh-diag-dl-'));
const zipResponse = (body: Buffer, headers: Record<string, string> = {}) => new Response(body, { status: 200, headers: { 'content-type': 'application/zip', 'content-length': String(body.length), ...headers } });
/** A body without Content-Length, in chunks. */
const streamed = (chunks: Buffer[]) =>
  new Response(
    new ReadableStream({
      start(c) {
        for (const ch of chunks) c.enqueue(new Uint8Array(ch));
        c.close();
      },
    }),
    { status: 200 },
  );
const code = (c: string, re?: RegExp) => (e: unknown) => e instanceof AppError && e.code === c && (!re || re.test(e.message));

describe('downloadBundle', () => {
  test('fetches the pre-signed URL with no Authorization, tenant header or cookie, and reports progress to the total', async () => {
    const d = dir();
    const body = zipBytes(600 * 1024);
    const { fetch, seen } = scriptedFetch([() => zipResponse(body)]);
    const progress: Array<[number, number | null]> = [];
    const file = join(d, 'r1.zip');
    const n = await downloadBundle({ url: 'https://lgmsapeweu.blob.core.windows.net/x/r1.zip?sv=2023&sig=abc', file, maxBytes: 1 << 20, fetch, onProgress: (b, t) => progress.push([b, t]) });
    assert.equal(n, body.length);
    assert.deepEqual(readFileSync(file), body);
    const headers = new Headers(seen[0].init.headers);
    for (const h of ['authorization', 'aw-tenant-code', 'cookie']) assert.equal(headers.get(h), null, h);
    assert.deepEqual(progress.at(-1), [body.length, body.length]);
    assert.ok(progress.length >= 2, 'progress while reading, not only at the end');
    assert.deepEqual(readdirSync(d), ['r1.zip'], 'no .part left');
  });

  test('an announced size above the cap is refused before anything is written', async () => {
    const d = dir();
    const { fetch } = scriptedFetch([() => zipResponse(zipBytes(2048))]);
    await assert.rejects(downloadBundle({ url: 'https://s.example/r.zip', file: join(d, 'r.zip'), maxBytes: 1024, fetch }), code('invalid_input', /more than/));
    assert.deepEqual(readdirSync(d), []);
  });

  test('a body without Content-Length that grows past the cap stops, and the partial file is removed', async () => {
    const d = dir();
    const { fetch } = scriptedFetch([() => streamed([zipBytes(800), Buffer.alloc(800)])]);
    await assert.rejects(downloadBundle({ url: 'https://s.example/r.zip', file: join(d, 'r.zip'), maxBytes: 1024, fetch }), code('invalid_input', /larger than/));
    assert.deepEqual(readdirSync(d), []);
  });

  test('a body that is not a zip (an expired-URL error page) is refused and removed', async () => {
    const d = dir();
    const { fetch } = scriptedFetch([() => streamed([Buffer.from('<?xml version="1.0"?><Error/>')])]);
    await assert.rejects(downloadBundle({ url: 'https://s.example/r.zip', file: join(d, 'r.zip'), maxBytes: 1024, fetch }), code('invalid_input', /not send a zip/));
    assert.deepEqual(readdirSync(d), []);
  });

  test('403/404 from storage read as an expired address', async () => {
    const { fetch } = scriptedFetch([() => new Response('<Error><Code>AuthenticationFailed</Code></Error>', { status: 403 })]);
    await assert.rejects(downloadBundle({ url: 'https://s.example/r.zip', file: join(dir(), 'r.zip'), maxBytes: 1024, fetch }), code('not_found', /expired/));
  });

  test('plain http is refused unless on loopback, before any request', async () => {
    const { fetch, seen } = scriptedFetch([]);
    await assert.rejects(downloadBundle({ url: 'http://storage.example/r.zip', file: join(dir(), 'r.zip'), maxBytes: 1024, fetch }), code('not_allowed'));
    assert.equal(seen.length, 0);
    assert.equal(downloadUrlAllowed('http://127.0.0.1:4000/demo-downloads/x.zip'), true);
    assert.equal(downloadUrlAllowed('http://10.0.0.1/x.zip'), false);
    assert.equal(downloadUrlAllowed('file:///etc/passwd'), false);
  });

  test('a redirect to another host is not followed', async () => {
    const d = dir();
    const { fetch, seen } = scriptedFetch([() => new Response(null, { status: 302, headers: { location: 'https://elsewhere.example/r.zip' } })]);
    await assert.rejects(downloadBundle({ url: 'https://s.example/r.zip', file: join(d, 'r.zip'), maxBytes: 1024, fetch }), code('not_allowed', /another host/));
    assert.equal(seen.length, 1);
    assert.equal(existsSync(join(d, 'r.zip')), false);
  });

  test('a cancelled download says so and leaves nothing', async () => {
    const d = dir();
    const stop = new AbortController();
    const { fetch } = scriptedFetch([
      () =>
        new Response(
          new ReadableStream({
            pull(c) {
              c.enqueue(new Uint8Array(zipBytes(64)));
              stop.abort();
              c.error(new DOMException('aborted', 'AbortError'));
            },
          }),
          { status: 200 },
        ),
    ]);
    await assert.rejects(downloadBundle({ url: 'https://s.example/r.zip', file: join(d, 'r.zip'), maxBytes: 1024, fetch, signal: stop.signal }), code('cancelled'));
    assert.deepEqual(readdirSync(d), []);
  });
});
