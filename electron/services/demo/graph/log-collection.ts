// Collect diagnostics (beta): createDeviceLogCollectionRequest, logCollectionRequests, createDownloadUrl,
// and the pre-signed download URL served by the simulator itself. Requests stay `pending` for
// `logCollectionDelayMs`, are kept 28 days, at most 10 per device. Each Windows device starts with one
// completed collection from the day before (so the demo's logs open at once, through the same flow).
// Like a pre-signed storage URL, the download refuses a request that also carries an Authorization header.
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
/** How long before the first look the seeded collection of a Windows device was requested. */
const EARLIER_COLLECTION_MS = 26 * 3_600_000;

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
    if (!this.requests.has(device.id) && device.operatingSystem === 'Windows') this.requests.set(device.id, [this.newRequest(device, now - EARLIER_COLLECTION_MS)]);
    const list = (this.requests.get(device.id) ?? []).filter((r) => now - r.requestedAt < LOG_RETENTION_MS);
    this.requests.set(device.id, list);
    return list;
  }

  create(device: IntuneDevice): SimResponse {
    if (device.operatingSystem !== 'Windows') return graphErrors.badRequest('Collect diagnostics is only available for Windows devices.');
    const list = this.requestsOf(device);
    if (list.length >= LOG_REQUESTS_MAX) return graphErrors.badRequest(`This device already has ${LOG_REQUESTS_MAX} diagnostics collections; delete one before requesting another.`);
    this.ctx.counters.countAction('createDeviceLogCollectionRequest', device.id);
    const r = this.newRequest(device, this.ctx.now());
    list.push(r);
    // As Microsoft's example answers: 200 with the entity in `value`.
    return json(200, { '@odata.context': this.context('beta', 'microsoft.graph.deviceLogCollectionResponse'), value: this.logRequestRecord(r) });
  }

  private newRequest(device: IntuneDevice, requestedAt: number): LogRequest {
    const seq = String(this.next++).padStart(12, '0');
    return { id: `${device.id}_${seq.slice(0, 8)}-0000-4000-8000-${seq}`, managedDeviceId: device.id, requestedAt };
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

  download(token: string, authorization: string | undefined): SimResponse {
    if (authorization) return { status: 400, headers: { 'content-type': 'application/xml' }, body: '<?xml version="1.0" encoding="utf-8"?><Error><Code>InvalidAuthenticationInfo</Code><Message>A pre-signed URL takes no Authorization header.</Message></Error>' };
    const r = this.downloads.get(token);
    const device = r ? this.ctx.data.intuneById.get(r.managedDeviceId) : undefined;
    if (!device) return { status: 404, headers: { 'content-type': 'application/xml' }, body: '<?xml version="1.0" encoding="utf-8"?><Error><Code>BlobNotFound</Code><Message>The specified blob does not exist.</Message></Error>' };
    return { status: 200, headers: { 'content-type': 'application/zip', 'content-disposition': `attachment; filename="DiagLogs-${device.deviceName}.zip"` }, body: this.ctx.buildZip(device) };
  }
}
