// The simulators' HTTP plumbing: requests become plain values so `$batch` can dispatch sub-requests
// through the same handler, and servers listen on 127.0.0.1 with a random port.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SimRequest {
  method: string;
  /** Path without the query, percent-decoded. */
  path: string;
  query: URLSearchParams;
  headers: Record<string, string>;
  body: string;
}

export interface SimResponse {
  status: number;
  headers?: Record<string, string>;
  /** A string is sent as is; anything else as JSON; undefined means no body. */
  body?: unknown;
}

/** What a handler can do beyond answering: hang up, or answer late (after `delayMs`, or once `until` settles). */
export type Outcome = SimResponse | { drop: true } | { delayMs: number; until?: Promise<unknown>; then: SimResponse };

export type Handler = (req: SimRequest, signal: AbortSignal) => Promise<Outcome>;

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

const MAX_BODY = 5 * 1024 * 1024;

export function json(status: number, body: unknown, headers: Record<string, string> = {}): SimResponse {
  return { status, body, headers: { 'content-type': 'application/json; charset=utf-8', ...headers } };
}

export async function startServer(handler: Handler): Promise<RunningServer> {
  const closing = new AbortController();
  const server: Server = createServer((req, res) => {
    void serve(req, res, handler, closing.signal);
  });
  server.keepAliveTimeout = 2_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        closing.abort();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function serve(req: IncomingMessage, res: ServerResponse, handler: Handler, closing: AbortSignal): Promise<void> {
  const gone = new AbortController();
  const onClose = () => gone.abort();
  res.on('close', onClose);
  closing.addEventListener('abort', onClose, { once: true });
  try {
    const body = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers[k] = v;
    let outcome = await handler({ method: req.method ?? 'GET', path: safeDecode(url.pathname), query: url.searchParams, headers, body }, gone.signal);
    if ('delayMs' in outcome) {
      const late = outcome.then;
      const arrived = await (outcome.until ? settled(outcome.until, gone.signal) : sleep(outcome.delayMs, gone.signal));
      if (!arrived) return;
      outcome = late;
    }
    if ('drop' in outcome) {
      req.socket.destroy();
      return;
    }
    write(res, outcome);
  } catch (err) {
    if (!res.headersSent && !gone.signal.aborted) write(res, json(500, { error: String(err) }));
  } finally {
    closing.removeEventListener('abort', onClose);
  }
}

function write(res: ServerResponse, r: SimResponse): void {
  if (res.destroyed) return;
  const payload = r.body === undefined ? '' : typeof r.body === 'string' || Buffer.isBuffer(r.body) ? r.body : JSON.stringify(r.body);
  res.writeHead(r.status, { ...r.headers, 'content-length': String(Buffer.byteLength(payload)) });
  res.end(payload);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) req.destroy(new Error('request body too large'));
      else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve(false);
    const t = setTimeout(() => {
      signal.removeEventListener('abort', stop);
      resolve(true);
    }, ms);
    const stop = () => {
      clearTimeout(t);
      resolve(false);
    };
    signal.addEventListener('abort', stop, { once: true });
  });
}

/** True once `p` settles, false if the client hung up (or the server closed) first. */
function settled(p: Promise<unknown>, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const stop = () => resolve(false);
    signal.addEventListener('abort', stop, { once: true });
    const done = () => {
      signal.removeEventListener('abort', stop);
      resolve(true);
    };
    p.then(done, done);
  });
}

function safeDecode(p: string): string {
  try {
    return decodeURIComponent(p);
  } catch {
    return p;
  }
}
