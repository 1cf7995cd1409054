// Downloads a diagnostics zip from the pre-signed storage URL Intune hands out. The URL carries its own
// signature: the request has no Authorization, no tenant header and no cookie, redirects stay on the
// storage host (../net/same-origin-fetch.ts), and only https is accepted (http only on loopback, where the
// demo tenant serves it). The body streams to a `.part` file under a size cap; any failure removes it.
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { once } from 'node:events';
import { AppError } from '../../common/errors.ts';
import { apiTrace } from '../net/api-trace.ts';
import { CrossOriginRedirect, sameOriginFetch } from '../net/same-origin-fetch.ts';

export interface DownloadOptions {
  url: string;
  /** Where the zip ends up; written as `${file}.part` first. */
  file: string;
  maxBytes: number;
  fetch?: typeof fetch;
  signal?: AbortSignal;
  /** Bytes so far and the announced total (null without Content-Length), at most every 256 KiB and at the end. */
  onProgress?: (bytes: number, total: number | null) => void;
}

const loopback = new Set(['127.0.0.1', '[::1]', 'localhost']);
const ZIP_MAGIC = [0x50, 0x4b]; // "PK"
const PROGRESS_STEP = 256 * 1024;

/** True for https, or http on this machine's loopback. */
export function downloadUrlAllowed(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || (u.protocol === 'http:' && loopback.has(u.hostname));
  } catch {
    return false;
  }
}

const mib = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;

/** Resolves with the byte count once `file` holds the whole zip. */
export async function downloadBundle(o: DownloadOptions): Promise<number> {
  if (!downloadUrlAllowed(o.url)) throw new AppError('not_allowed', 'Intune gave a download address that is not https; the app did not fetch it.', new URL(o.url).protocol);
  const part = `${o.file}.part`;
  const started = Date.now();
  let res: Response;
  try {
    res = await sameOriginFetch(o.fetch ?? globalThis.fetch)(o.url, { method: 'GET', headers: { Accept: 'application/zip, application/octet-stream' }, credentials: 'omit', signal: o.signal });
  } catch (err) {
    apiTrace.record({ service: 'Intune storage', method: 'GET', url: o.url, status: null, startedMs: started });
    if (o.signal?.aborted) throw new AppError('cancelled', 'The download was stopped.');
    if (err instanceof CrossOriginRedirect) throw new AppError('not_allowed', `The storage service sent the download on to another host (${err.to.host}); the app did not follow it.`);
    throw new AppError('unavailable', 'The diagnostics could not be downloaded (network).', String(err));
  }
  apiTrace.record({ service: 'Intune storage', method: 'GET', url: o.url, status: res.status, startedMs: started, headers: res.headers });
  if (res.status === 403 || res.status === 404) {
    await res.body?.cancel();
    throw new AppError('not_found', 'The download address has expired or the zip is gone: try again to get a fresh address.', `storage ${res.status}`);
  }
  if (res.status !== 200 || !res.body) {
    await res.body?.cancel();
    throw new AppError('unavailable', `The storage service refused the download (HTTP ${res.status}); try again later.`);
  }
  const announced = Number(res.headers.get('content-length'));
  const total = Number.isFinite(announced) && announced > 0 ? announced : null;
  if (total !== null && total > o.maxBytes) {
    await res.body.cancel();
    throw new AppError('invalid_input', `These diagnostics are ${mib(total)}, more than the ${mib(o.maxBytes)} the app downloads; download them from the Intune admin center instead.`);
  }
  const out = createWriteStream(part, { mode: 0o600 });
  let bytes = 0;
  let reported = 0;
  try {
    const reader = res.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (bytes === 0 && (value[0] !== ZIP_MAGIC[0] || (value.length > 1 && value[1] !== ZIP_MAGIC[1]))) {
        await reader.cancel();
        throw new AppError('invalid_input', 'The storage service did not send a zip (the address may have expired): try again.');
      }
      bytes += value.length;
      if (bytes > o.maxBytes) {
        await reader.cancel();
        throw new AppError('invalid_input', `These diagnostics are larger than the ${mib(o.maxBytes)} the app downloads; download them from the Intune admin center instead.`);
      }
      if (!out.write(value)) await once(out, 'drain');
      if (bytes - reported >= PROGRESS_STEP) {
        reported = bytes;
        o.onProgress?.(bytes, total);
      }
    }
    out.end();
    await once(out, 'finish');
    if (total !== null && bytes !== total) throw new AppError('unavailable', 'The download ended early; try again.');
    await rename(part, o.file);
    o.onProgress?.(bytes, total);
    return bytes;
  } catch (err) {
    // The stream opens its file asynchronously: wait until it is closed, or the file could appear after rm.
    const closed = out.closed ? Promise.resolve() : new Promise<void>((resolve) => out.once('close', () => resolve()));
    out.destroy();
    await closed;
    await rm(part, { force: true });
    if (o.signal?.aborted) throw new AppError('cancelled', 'The download was stopped.');
    if (err instanceof AppError) throw err;
    throw new AppError('unavailable', 'The diagnostics download broke off; try again.', String(err));
  }
}
