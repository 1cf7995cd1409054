// The support trace: the last 500 platform calls (method, path without query values, status, duration,
// request id), in memory only. Nothing else is kept: no header, body, token, secret, query value, and no
// path segment that looks like a user name (contains @ or \), so the text can be pasted into a ticket.

export interface ApiTraceEntry {
  at: string;
  service: string;
  method: string;
  /** Path with the query's names only (`?user=&page=`) and user-like segments replaced by `{user}`. */
  path: string;
  /** null when no answer came (network error, timeout, cancelled). */
  status: number | null;
  durationMs: number;
  requestId: string | null;
}

const LIMIT = 500;
const requestIdHeaders = ['request-id', 'client-request-id', 'x-ms-request-id', 'x-request-id', 'activityid', 'x-correlation-id'];

/** `https://h/api/x/a@b.c/y?user=anna&page=0` → `/api/x/{user}/y?user=&page=`. */
export function tracePath(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return '(unreadable URL)';
  }
  const path = u.pathname
    .split('/')
    .map((seg) => {
      const s = safeDecode(seg);
      if (/[@\\]/.test(s)) return '{user}';
      if (/^users\(.*\)$/i.test(s) || /'/.test(s)) return '{value}';
      return seg;
    })
    .join('/');
  const names = [...new Set([...u.searchParams.keys()])];
  return names.length ? `${path}?${names.map((n) => `${encodeURIComponent(n)}=`).join('&')}` : path;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Only an id-shaped value (letters, digits, dashes) is kept as the request id. */
export function traceRequestId(headers: Headers | null | undefined): string | null {
  for (const name of requestIdHeaders) {
    const v = headers?.get(name)?.trim();
    if (v && /^[A-Za-z0-9-]{6,80}$/.test(v)) return v;
  }
  return null;
}

export class ApiTrace {
  private readonly ring: ApiTraceEntry[] = [];

  constructor(private readonly limit = LIMIT) {}

  record(e: { service: string; method: string; url: string; status: number | null; startedMs: number; endedMs?: number; headers?: Headers | null }): void {
    const ended = e.endedMs ?? Date.now();
    this.ring.push({
      at: new Date(e.startedMs).toISOString(),
      service: e.service,
      method: e.method.toUpperCase(),
      path: tracePath(e.url),
      status: e.status,
      durationMs: Math.max(0, Math.round(ended - e.startedMs)),
      requestId: traceRequestId(e.headers),
    });
    if (this.ring.length > this.limit) this.ring.splice(0, this.ring.length - this.limit);
  }

  entries(): ApiTraceEntry[] {
    return [...this.ring];
  }

  clear(): void {
    this.ring.length = 0;
  }

  /** Tab-separated, one call a line, oldest first, with a header line. */
  text(): string {
    const lines = this.ring.map((e) => [e.at, e.service, e.method, e.path, e.status ?? 'no answer', `${e.durationMs} ms`, e.requestId ?? '-'].join('\t'));
    return [`# API trace: last ${this.ring.length} calls (of at most ${this.limit}); no tokens, secrets, query values or user names`, 'time\tservice\tmethod\tpath\tstatus\tduration\trequest-id', ...lines].join('\n');
  }
}

/** The process's one trace: the Graph and Workspace ONE clients and the job executor record into it. */
export const apiTrace = new ApiTrace();
