// Helpers for the demo tenant's wire tests: a steppable clock and small fetch wrappers.
import { startDemoTenant, type DemoTenant, type DemoTenantOptions } from '../../../electron/services/demo/index.ts';

export const T0 = Date.parse('2026-11-20T10:00:00Z');

export interface Clock {
  now: () => number;
  advance(ms: number): void;
}

export function clock(start = T0): Clock {
  let t = start;
  return { now: () => t, advance: (ms) => void (t += ms) };
}

export async function tenant(options: DemoTenantOptions = {}): Promise<{ t: DemoTenant; clock: Clock }> {
  const c = clock();
  const t = await startDemoTenant({ now: c.now, consumeDelayMs: 0, logCollectionDelayMs: 0, ...options });
  return { t, clock: c };
}

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- wire bodies are checked field by field
  json: any;
}

async function answer(res: Response): Promise<Answer> {
  const text = await res.text();
  let json: unknown = undefined;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

export function graph(t: DemoTenant) {
  const headers = { authorization: `Bearer ${t.graphToken}` };
  return {
    get: async (path: string, extra: Record<string, string> = {}) => answer(await fetch(path.startsWith('http') ? path : `${t.graphUrl}${path}`, { headers: { ...headers, ...extra } })),
    send: async (method: string, path: string, body?: unknown) =>
      answer(await fetch(`${t.graphUrl}${path}`, { method, headers: { ...headers, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) })),
    /** Every row of a LIST, following @odata.nextLink. */
    all: async (path: string) => {
      const rows: Record<string, unknown>[] = [];
      let url: string | undefined = `${t.graphUrl}${path}`;
      let pages = 0;
      while (url) {
        const a = await answer(await fetch(url, { headers }));
        if (a.status !== 200) throw new Error(`${a.status} ${a.text}`);
        rows.push(...a.json.value);
        url = a.json['@odata.nextLink'];
        pages++;
      }
      return { rows, pages };
    },
  };
}

export function ws1Basic(t: DemoTenant): Record<string, string> {
  return {
    authorization: `Basic ${Buffer.from(`${t.ws1.basicUser}:${t.ws1.basicPassword}`).toString('base64')}`,
    'aw-tenant-code': t.ws1.tenantCode,
    accept: 'application/json',
  };
}

export function ws1(t: DemoTenant, auth: Record<string, string> = ws1Basic(t)) {
  return {
    get: async (path: string, extra: Record<string, string> = {}) => answer(await fetch(`${t.ws1Url}${path}`, { headers: { ...auth, ...extra } })),
    send: async (method: string, path: string, body?: unknown, extra: Record<string, string> = {}) =>
      answer(await fetch(`${t.ws1Url}${path}`, { method, headers: { ...auth, 'content-type': 'application/json', ...extra }, body: body === undefined ? undefined : JSON.stringify(body) })),
  };
}

/** Asserts Graph's error body shape and returns the code. */
export function graphErrorCode(a: Answer): string {
  const e = a.json?.error;
  if (typeof e?.code !== 'string' || typeof e.message !== 'string' || typeof e.innerError?.['request-id'] !== 'string' || typeof e.innerError?.date !== 'string') {
    throw new Error(`not a Graph error body: ${a.text}`);
  }
  return e.code;
}

/** Asserts WS1's error body shape and returns the errorCode. */
export function ws1ErrorCode(a: Answer): number {
  const b = a.json;
  if (typeof b?.errorCode !== 'number' || typeof b.message !== 'string' || typeof b.activityId !== 'string') throw new Error(`not a WS1 error body: ${a.text}`);
  return b.errorCode;
}
