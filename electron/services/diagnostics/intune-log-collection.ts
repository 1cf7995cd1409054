// Intune's Collect diagnostics over Graph beta (docs/wire-facts.md, "Intune diagnostics"):
// createDeviceLogCollectionRequest, the device's logCollectionRequests, and createDownloadUrl, which
// answers a pre-signed storage URL. Creating needs the ReadWrite scope; listing and the URL need only Read.
import { AppError } from '../../common/errors.ts';
import type { DiagnosticsRequest, DiagnosticsStatus } from '../../common/diagnostics.ts';
import { ResilientHttp, unexpectedStatus, type HttpDeps, type HttpResponse } from '../graph/http.ts';

export type RawRecord = Record<string, unknown>;

export interface IntuneLogCollectionOptions extends HttpDeps {
  /** Graph root without version (https://graph.microsoft.com or a simulator). */
  baseUrl: string;
  getToken: (need: 'read' | 'write') => Promise<string>;
}

/** The body Microsoft's example and public scripts send: the predefined template. */
export const collectionRequestBody = { templateType: { '@odata.type': '#microsoft.graph.deviceLogCollectionRequest', templateType: 'predefined' } };

const forbidden = {
  read: 'Intune refused to list the diagnostics: the account needs DeviceManagementManagedDevices.Read.All and an Intune role with "Managed devices: Read".',
  write:
    'Intune refused to collect diagnostics: the account needs DeviceManagementManagedDevices.ReadWrite.All and an Intune role with "Remote tasks: Collect diagnostics" (Help Desk Operator has it).',
};

const statuses: readonly DiagnosticsStatus[] = ['pending', 'completed', 'failed'];
const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v : null);
const time = (v: unknown): string | null => {
  const s = text(v);
  return s && !Number.isNaN(Date.parse(s)) ? new Date(Date.parse(s)).toISOString() : null;
};

/** One deviceLogCollectionResponse as the card shows it (downloaded / watching are filled in later). */
export function toDiagnosticsRequest(r: RawRecord): DiagnosticsRequest {
  const status = statuses.find((s) => s === r.status) ?? 'unknown';
  const size = typeof r.sizeInKB === 'number' && r.sizeInKB > 0 ? r.sizeInKB : null;
  const code = typeof r.errorCode === 'number' && r.errorCode !== 0 ? r.errorCode : null;
  return {
    id: String(r.id ?? ''),
    status,
    requestedAt: time(r.requestedDateTimeUTC),
    receivedAt: time(r.receivedDateTimeUTC),
    expiresAt: time(r.expirationDateTimeUTC),
    sizeKB: size,
    initiatedBy: text(r.initiatedByUserPrincipalName),
    errorCode: code,
    downloaded: false,
    watching: false,
  };
}

function parse(r: HttpResponse, what: string): RawRecord {
  try {
    const v: unknown = JSON.parse(r.text);
    if (v && typeof v === 'object' && !Array.isArray(v)) return v as RawRecord;
  } catch {
    // below
  }
  throw new AppError('internal', `Intune sent an unreadable answer for ${what}.`, r.text.slice(0, 300));
}

/** The Graph error message (`error.message`), for a 400 the technician should read. */
const graphMessage = (r: HttpResponse): string | null => {
  try {
    const m = (JSON.parse(r.text) as { error?: { message?: unknown } }).error?.message;
    return typeof m === 'string' ? m.slice(0, 300) : null;
  } catch {
    return null;
  }
};

export class IntuneLogCollection {
  private readonly http: ResilientHttp;
  private readonly base: string;

  constructor(private readonly options: IntuneLogCollectionOptions) {
    this.base = options.baseUrl.replace(/\/+$/, '');
    this.http = new ResilientHttp({ label: 'Intune', forbidden: () => forbidden.read }, options);
  }

  private device(id: string): string {
    return `${this.base}/beta/deviceManagement/managedDevices/${encodeURIComponent(id)}`;
  }

  private async send(method: 'GET' | 'POST', url: string, need: 'read' | 'write', signal?: AbortSignal, body?: string): Promise<HttpResponse> {
    return this.http.send({
      method,
      url,
      body,
      signal,
      forbidden: forbidden[need],
      headers: async () => ({
        Authorization: `Bearer ${await this.options.getToken(need)}`,
        Accept: 'application/json',
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      }),
    });
  }

  /** Asks the device for a new diagnostics upload; the answer is the pending request. */
  async request(deviceId: string, signal?: AbortSignal): Promise<DiagnosticsRequest> {
    const r = await this.send('POST', `${this.device(deviceId)}/createDeviceLogCollectionRequest`, 'write', signal, JSON.stringify(collectionRequestBody));
    if (r.status === 400) throw new AppError('not_allowed', `Intune did not start the collection: ${graphMessage(r) ?? 'it refused the request'}.`, r.text.slice(0, 300));
    if (r.status < 200 || r.status >= 300) throw unexpectedStatus('Intune', r, 'the diagnostics request');
    const body = parse(r, 'the diagnostics request');
    // Microsoft's example wraps the entity in `value`; an OData action answer may also be the entity itself.
    const entity = body.value && typeof body.value === 'object' ? (body.value as RawRecord) : body;
    return toDiagnosticsRequest(entity);
  }

  /** Every request Intune keeps for the device (28 days, at most 10), newest first. */
  async list(deviceId: string, signal?: AbortSignal): Promise<DiagnosticsRequest[]> {
    const r = await this.send('GET', `${this.device(deviceId)}/logCollectionRequests`, 'read', signal);
    if (r.status !== 200) throw unexpectedStatus('Intune', r, "the device's diagnostics");
    const value = parse(r, "the device's diagnostics").value;
    const rows = (Array.isArray(value) ? (value as RawRecord[]) : []).map(toDiagnosticsRequest).filter((x) => x.id);
    return rows.sort((a, b) => (b.requestedAt ?? '').localeCompare(a.requestedAt ?? ''));
  }

  /** A short-lived pre-signed URL of the uploaded zip (fetched without any credential). */
  async downloadUrl(deviceId: string, requestId: string, signal?: AbortSignal): Promise<string> {
    const r = await this.send('POST', `${this.device(deviceId)}/logCollectionRequests/${encodeURIComponent(requestId)}/createDownloadUrl`, 'read', signal);
    if (r.status === 400) throw new AppError('not_allowed', `Intune has no download for these diagnostics yet: ${graphMessage(r) ?? 'it refused the request'}.`, r.text.slice(0, 300));
    if (r.status !== 200) throw unexpectedStatus('Intune', r, 'the diagnostics download');
    const url = parse(r, 'the diagnostics download').value;
    if (typeof url !== 'string' || !url) throw new AppError('internal', 'Intune answered no download address for these diagnostics.', r.text.slice(0, 300));
    return url;
  }
}
