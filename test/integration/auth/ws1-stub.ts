// A tiny Workspace ONE on 127.0.0.1: regional token endpoints (`/<region>/connect/token`, client
// credentials, the client only valid in its home region) and the device search the connection test uses.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Ws1StubOptions {
  clientId: string;
  clientSecret: string;
  homeRegion: string;
  tenantCode: string;
  basic?: { username: string; password: string };
  expiresInS?: number;
  /** What the API answers: ok, a missing admin role, or the console's HTML. */
  api?: 'ok' | 'no-role' | 'console';
}

export interface Ws1Stub {
  url: string;
  tokenUrl(region: string): string;
  issued: string[];
  tokenRequests: number;
  failNext: number;
  options: Ws1StubOptions;
  stop(): Promise<void>;
}

export async function startWs1Stub(options: Ws1StubOptions): Promise<Ws1Stub> {
  const valid = new Set<string>();
  const stub = { issued: [] as string[], tokenRequests: 0, failNext: 0, options } as Ws1Stub;
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const send = (status: number, body: unknown, type = 'application/json') => res.writeHead(status, { 'content-type': type }).end(typeof body === 'string' ? body : JSON.stringify(body));
    const token = /^\/(\w+)\/connect\/token$/.exec(url.pathname);
    if (token && req.method === 'POST') {
      stub.tokenRequests++;
      const form = new URLSearchParams(await read(req));
      if (stub.failNext > 0) {
        stub.failNext--;
        return send(503, { error: 'temporarily_unavailable' });
      }
      if (form.get('grant_type') !== 'client_credentials') return send(400, { error: 'unsupported_grant_type' });
      if (token[1] !== options.homeRegion || form.get('client_id') !== options.clientId || form.get('client_secret') !== options.clientSecret) return send(400, { error: 'invalid_client' });
      const value = `ws1-at-${randomBytes(24).toString('base64url')}`;
      valid.add(value);
      stub.issued.push(value);
      return send(200, { access_token: value, token_type: 'Bearer', expires_in: options.expiresInS ?? 3600, scope: 'api' });
    }
    if (url.pathname === '/api/mdm/devices/search') {
      if (options.api === 'console') return send(200, '<html><body>Workspace ONE UEM console</body></html>', 'text/html');
      const auth = req.headers.authorization ?? '';
      const bearerOk = auth.startsWith('Bearer ') && valid.has(auth.slice(7));
      const basicOk = options.basic && auth === `Basic ${Buffer.from(`${options.basic.username}:${options.basic.password}`).toString('base64')}` && req.headers['aw-tenant-code'] === options.tenantCode;
      if (!bearerOk && !basicOk) return send(401, { errorCode: 1005, message: 'User credentials are invalid.', activityId: 'a1' });
      if (options.api === 'no-role') return send(403, { errorCode: 1013, message: 'Access denied.', activityId: 'a2' });
      return send(200, { Devices: [], Page: 0, PageSize: 1, Total: 0 });
    }
    send(404, '<html>not found</html>', 'text/html');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  stub.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  stub.tokenUrl = (region) => `${stub.url}/${region}/connect/token`;
  stub.stop = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return stub;
}

async function read(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** A 127.0.0.1 port nobody listens on (connection refused), for "wrong host" cases. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
