// Collect diagnostics (beta): createDeviceLogCollectionRequest, logCollectionRequests, createDownloadUrl,
// and the pre-signed download URL served by the simulator itself. Requests stay `pending` for
// `logCollectionDelayMs`, are kept 28 days, at most 10 per device.
import { json, type SimResponse } from '../http.ts';
import type { IntuneDevice } from '../model.ts';
import type { GraphContext } from './simulator.ts';
import type { GraphVersion } from './records.ts';
import { graphErrors } from './errors.ts';

interface LogRequest {
  id: string;
  managedDeviceId: string;
  requestedAt: number;
}

const LOG_REQUESTS_MAX = 10;
const LOG_RETENTION_MS = 28 * 86_400_000;
const SIGNED_IN_TECH = 'helpdesk.tech@contoso.com';

export class LogCollections {
  private readonly requests = new Map<string, LogRequest[]>();
  private readonly downloads = new Map<string, LogRequest>();
  private next = 1;

  constructor(
    private readonly ctx: GraphContext,
    private readonly context: (version: GraphVersion, what: string) => string,
  ) {}

  list(device: IntuneDevice): Record<string, unknown>[] {
    return this.requestsOf(device).map((r) => this.logRequestRecord(r));
  }

  private requestsOf(device: IntuneDevice): LogRequest[] {
    const now = this.ctx.now();
    const list = (this.requests.get(device.id) ?? []).filter((r) => now - r.requestedAt < LOG_RETENTION_MS);
    this.requests.set(device.id, list);
    return list;
  }

  create(device: IntuneDevice): SimResponse {
    if (device.operatingSystem !== 'Windows') return graphErrors.badRequest('Collect diagnostics is only available for Windows devices.');
    const list = this.requestsOf(device);
    if (list.length >= LOG_REQUESTS_MAX) return graphErrors.badRequest(`This device already has ${LOG_REQUESTS_MAX} diagnostics collections; delete one before requesting another.`);
    this.ctx.counters.countAction('createDeviceLogCollectionRequest', device.id);
    const seq = String(this.next++).padStart(12, '0');
    const r: LogRequest = { id: `${device.id}_${seq.slice(0, 8)}-0000-4000-8000-${seq}`, managedDeviceId: device.id, requestedAt: this.ctx.now() };
    list.push(r);
    return json(201, { '@odata.context': this.context('beta', 'deviceLogCollectionResponse/$entity'), ...this.logRequestRecord(r) });
  }

  private logRequestRecord(r: LogRequest): Record<string, unknown> {
    const done = this.ctx.now() >= r.requestedAt + this.ctx.logCollectionDelayMs;
    const iso = (ms: number) => new Date(ms).toISOString();
    return {
      id: r.id,
      managedDeviceId: r.managedDeviceId,
      status: done ? 'completed' : 'pending',
      errorCode: 0,
      requestedDateTimeUTC: iso(r.requestedAt),
      receivedDateTimeUTC: done ? iso(r.requestedAt + this.ctx.logCollectionDelayMs) : null,
      initiatedByUserPrincipalName: SIGNED_IN_TECH,
      expirationDateTimeUTC: iso(r.requestedAt + LOG_RETENTION_MS),
      sizeInKB: done ? 180 : 0,
      enrolledByUser: this.ctx.data.intuneById.get(r.managedDeviceId)?.enrolledByUserPrincipalName ?? null,
    };
  }

  createDownloadUrl(device: IntuneDevice, requestId: string): SimResponse {
    const r = this.requestsOf(device).find((x) => x.id === requestId);
    if (!r) return graphErrors.notFound(`deviceLogCollectionResponse '${requestId}'`);
    if (this.ctx.now() < r.requestedAt + this.ctx.logCollectionDelayMs) return graphErrors.badRequest('The diagnostics are not uploaded yet; try again when the request is completed.');
    const token = r.id.replace(/[^\w-]/g, '-');
    this.downloads.set(token, r);
    return json(200, { '@odata.context': this.context('beta', 'Edm.String'), value: `${this.ctx.baseUrl()}/demo-downloads/${token}.zip` });
  }

  download(token: string): SimResponse {
    const r = this.downloads.get(token);
    const device = r ? this.ctx.data.intuneById.get(r.managedDeviceId) : undefined;
    if (!device) return { status: 404, headers: { 'content-type': 'application/xml' }, body: '<?xml version="1.0" encoding="utf-8"?><Error><Code>BlobNotFound</Code><Message>The specified blob does not exist.</Message></Error>' };
    return { status: 200, headers: { 'content-type': 'application/zip', 'content-disposition': `attachment; filename="DiagLogs-${device.deviceName}.zip"` }, body: this.ctx.buildZip(device) };
  }
}
