// Collect diagnostics for the connected tenant: request, watch until uploaded, download into the app's
// data folder (diagnostics/<tenant scope>/<request id>.zip), and say how far each step got. One watch and
// one download per request at a time; cancelling a device stops its watch and download.
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../../common/errors.ts';
import type { DiagnosticsProgress, DiagnosticsRequest } from '../../common/diagnostics.ts';
import { systemClock, type Clock } from '../jobs/clock.ts';
import type { TenantConnection } from '../tenant/connection.ts';
import { downloadBundle } from './download.ts';
import { IntuneLogCollection } from './intune-log-collection.ts';
import { demoPollTiming, realPollTiming, waitForCollection, type PollTiming } from './poll.ts';

export interface DiagnosticsServiceOptions {
  current: () => TenantConnection;
  dataDir: string;
  onProgress: (p: DiagnosticsProgress) => void;
  clock?: Clock;
  fetch?: typeof fetch;
  /** Poll timing per tenant mode; the demo compresses minutes to seconds. */
  timing?: (mode: TenantConnection['mode']) => PollTiming;
  /** Largest zip the app downloads. Default 1 GiB. */
  maxBytes?: number;
}

const DEFAULT_MAX_BYTES = 1024 * 1024 * 1024;
const safe = (s: string) => s.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 200);

export class DiagnosticsService {
  private readonly clients = new WeakMap<TenantConnection, IntuneLogCollection>();
  private readonly watches = new Map<string, { device: string; stop: AbortController }>();
  private readonly downloads = new Map<string, { device: string; stop: AbortController; done: Promise<string> }>();
  private readonly clock: Clock;
  private readonly closed = new AbortController();

  constructor(private readonly o: DiagnosticsServiceOptions) {
    this.clock = o.clock ?? systemClock;
  }

  private client(): IntuneLogCollection {
    const conn = this.o.current();
    const graph = conn.graph;
    if (!graph) throw new AppError('not_allowed', 'No Intune tenant is connected: connect one on the Tenants screen to collect diagnostics.');
    let c = this.clients.get(conn);
    if (!c) {
      c = new IntuneLogCollection({ baseUrl: graph.baseUrl, getToken: (need) => graph.getToken(need), fetch: this.o.fetch, sleep: (ms, signal) => this.clock.sleep(ms, signal) });
      this.clients.set(conn, c);
    }
    return c;
  }

  /** Where a request's zip lives once downloaded. */
  bundlePath(requestId: string): string {
    return join(this.o.dataDir, 'diagnostics', safe(this.o.current().scope), `${safe(requestId)}.zip`);
  }

  private decorate(r: DiagnosticsRequest): DiagnosticsRequest {
    return { ...r, downloaded: existsSync(this.bundlePath(r.id)), watching: this.watches.has(r.id) };
  }

  /** The device's requests; pending ones nobody watches yet are watched from now on. */
  async list(deviceId: string, signal?: AbortSignal): Promise<DiagnosticsRequest[]> {
    const rows = await this.client().list(deviceId, signal);
    for (const r of rows) if (r.status === 'pending') this.watch(deviceId, r.id);
    return rows.map((r) => this.decorate(r));
  }

  /** Asks Intune for a new upload and watches it. */
  async collect(deviceId: string, signal?: AbortSignal): Promise<DiagnosticsRequest> {
    const r = await this.client().request(deviceId, signal);
    if (!r.id) throw new AppError('internal', 'Intune accepted the diagnostics request but gave it no id.');
    this.o.onProgress({ intuneId: deviceId, requestId: r.id, phase: 'requested' });
    if (r.status === 'pending') this.watch(deviceId, r.id);
    return this.decorate(r);
  }

  /** Polls one request until it leaves pending (no-op when already watched). Resolves when the watch ends. */
  watch(deviceId: string, requestId: string): Promise<DiagnosticsRequest | null> {
    if (this.watches.has(requestId)) return Promise.resolve(null);
    const stop = new AbortController();
    this.watches.set(requestId, { device: deviceId, stop });
    const client = this.client();
    const mode = this.o.current().mode;
    const timing = this.o.timing?.(mode) ?? (mode === 'demo' ? demoPollTiming : realPollTiming);
    const signal = AbortSignal.any([stop.signal, this.closed.signal]);
    const report = (p: Omit<DiagnosticsProgress, 'intuneId' | 'requestId'>) => this.o.onProgress({ intuneId: deviceId, requestId, ...p });
    return waitForCollection({ list: (s) => client.list(deviceId, s), requestId, clock: this.clock, timing, signal, onStatus: (r) => r.status === 'pending' && report({ phase: 'pending' }) })
      .then((r) => {
        report(r.status === 'completed' ? { phase: 'completed' } : { phase: 'failed', message: failedSentence(r) });
        return r;
      })
      .catch((err: unknown) => {
        const e = err instanceof AppError ? err : new AppError('internal', 'Waiting for the diagnostics failed.', String(err));
        report(e.code === 'cancelled' ? { phase: 'cancelled' } : { phase: 'error', message: e.message });
        return null;
      })
      .finally(() => {
        if (this.watches.get(requestId)?.stop === stop) this.watches.delete(requestId);
      });
  }

  /** Downloads a completed request's zip once (later calls reuse the file) and resolves with its path. */
  download(deviceId: string, requestId: string): Promise<string> {
    const file = this.bundlePath(requestId);
    if (existsSync(file)) return Promise.resolve(file);
    const running = this.downloads.get(requestId);
    if (running) return running.done;
    const stop = new AbortController();
    const signal = AbortSignal.any([stop.signal, this.closed.signal]);
    const report = (p: Omit<DiagnosticsProgress, 'intuneId' | 'requestId'>) => this.o.onProgress({ intuneId: deviceId, requestId, ...p });
    const done = (async () => {
      const client = this.client();
      const maxBytes = this.o.maxBytes ?? DEFAULT_MAX_BYTES;
      const known = (await client.list(deviceId, signal)).find((r) => r.id === requestId);
      if (!known) throw new AppError('not_found', 'Intune no longer lists these diagnostics (deleted or expired).');
      if (known.status !== 'completed') throw new AppError('not_allowed', known.status === 'pending' ? 'The device has not uploaded these diagnostics yet.' : failedSentence(known));
      if (known.sizeKB !== null && known.sizeKB * 1024 > maxBytes) throw new AppError('invalid_input', `These diagnostics are ${Math.round(known.sizeKB / 1024)} MB, more than the app downloads; use the Intune admin center.`);
      const url = await client.downloadUrl(deviceId, requestId, signal);
      await mkdir(join(this.o.dataDir, 'diagnostics', safe(this.o.current().scope)), { recursive: true, mode: 0o700 });
      report({ phase: 'downloading', bytes: 0, total: known.sizeKB !== null ? Math.round(known.sizeKB * 1024) : null });
      const bytes = await downloadBundle({ url, file, maxBytes, fetch: this.o.fetch, signal, onProgress: (b, total) => report({ phase: 'downloading', bytes: b, total }) });
      report({ phase: 'downloaded', bytes, total: bytes });
      return file;
    })();
    this.downloads.set(requestId, { device: deviceId, stop, done });
    done.then(
      () => this.downloads.delete(requestId),
      (err: unknown) => {
        this.downloads.delete(requestId);
        const e = err instanceof AppError ? err : null;
        report(e?.code === 'cancelled' ? { phase: 'cancelled' } : { phase: 'error', message: e?.message ?? 'The download failed.' });
      },
    );
    return done;
  }

  /** Stops every watch and download of a device. */
  cancel(deviceId: string): void {
    for (const w of [...this.watches.values(), ...this.downloads.values()]) if (w.device === deviceId) w.stop.abort();
  }

  dispose(): void {
    this.closed.abort();
  }
}

function failedSentence(r: DiagnosticsRequest): string {
  return `The device could not upload its diagnostics${r.errorCode !== null ? ` (error ${r.errorCode})` : ''}: check that it is online and on a supported Windows version, then collect again.`;
}
