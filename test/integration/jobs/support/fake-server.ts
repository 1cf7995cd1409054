// The fake tenant over HTTP on 127.0.0.1 (Graph and WS1 wire shapes), so a job can run in a child process
// that gets killed while the tenant — and its per-device call counts — lives on in the test process.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FakeAnswer, FakeTenant } from '../../../unit/jobs/support/fake-tenant.ts';

export const graphToken = 'fake-graph-token';
export const ws1TenantCode = 'fake-tenant-code';

const ws1ModeNames: Record<string, string> = { singleUserLegacy: 'SingleUserLegacy', singleUser: 'SingleUser', multiUserCapable: 'MultiUserCapable', multiUser: 'MultiUser' };
const actionNames: Record<string, string> = { 'ws1.changeToMultiuser': 'CHANGE_TO_MULTIUSER', 'ws1.migrateToMultiuser': 'MIGRATE_TO_MULTIUSER', 'ws1.changeToSingleuser': 'CHANGE_TO_SINGLEUSER' };

/** A changing call: an Intune primary-user write or a WS1 mode-change batch. */
export type ChangingCall = 'intuneWrite' | 'ws1Action';

/**
 * Decides how a changing call is answered: `apply` makes the tenant act and gives its answer. A hook may
 * hold the call, apply it and lose the answer, or drop it unapplied (answer `lost`).
 */
export type ChangingCallHook = (call: ChangingCall, apply: () => FakeAnswer) => Promise<FakeAnswer>;

/** The connection is lost: no answer at all. */
export const lost: FakeAnswer = { status: 0, drop: true };

export interface FakeServer {
  url: string;
  requests: number;
  close(): Promise<void>;
}

export async function serveFakeTenant(tenant: FakeTenant, o: { latencyMs?: () => number; onChangingCall?: ChangingCallHook } = {}): Promise<FakeServer> {
  const changing: ChangingCallHook = o.onChangingCall ?? (async (_call, apply) => apply());
  let requests = 0;
  let seq = 0;
  const send = (res: ServerResponse, a: FakeAnswer) => {
    if (a.drop) {
      res.socket?.destroy();
      return;
    }
    const headers: Record<string, string> = { 'request-id': `req-${++seq}`, 'content-type': 'application/json' };
    if (a.retryAfterSec !== undefined) headers['retry-after'] = String(a.retryAfterSec);
    res.writeHead(a.status, headers).end(a.body === undefined ? undefined : JSON.stringify(a.body));
  };
  const body = (req: IncomingMessage) =>
    new Promise<string>((resolve) => {
      let s = '';
      req.on('data', (c: Buffer) => (s += c.toString()));
      req.on('end', () => resolve(s));
    });

  const server = createServer(async (req, res) => {
    requests++;
    const text = await body(req);
    const wait = o.latencyMs?.() ?? 0;
    if (wait) await new Promise((r) => setTimeout(r, wait));
    const url = new URL(req.url ?? '/', 'http://x');
    const path = decodeURIComponent(url.pathname);
    let m: RegExpMatchArray | null;
    if (path.startsWith('/beta/')) {
      if (req.headers.authorization !== `Bearer ${graphToken}`) return send(res, { status: 401, body: { error: { code: 'InvalidAuthenticationToken', message: 'No token.' } } });
      if ((m = path.match(/^\/beta\/deviceManagement\/managedDevices\('([^']+)'\)\/users\/\$ref$/))) {
        const id = m[1];
        if (req.method === 'DELETE') return send(res, await changing('intuneWrite', () => tenant.setPrimaryUser(id, null)));
        const ref = (JSON.parse(text) as { '@odata.id': string })['@odata.id'];
        return send(res, await changing('intuneWrite', () => tenant.setPrimaryUser(id, { id: ref.split('/').pop()! })));
      }
      if ((m = path.match(/^\/beta\/deviceManagement\/managedDevices\/([^/]+)\/users$/)) && req.method === 'GET') {
        const d = tenant.byIntune.get(m[1]);
        if (!d) return send(res, { status: 404 });
        const u = tenant.state(d).primaryUser;
        return send(res, { status: 200, body: { value: u ? [{ id: u.id, userPrincipalName: u.upn }] : [] } });
      }
      if ((m = path.match(/^\/beta\/deviceManagement\/managedDevices\/([^/]+)\/syncDevice$/))) return send(res, tenant.sync(m[1]));
    }
    if (path.startsWith('/api/')) {
      if (req.headers['aw-tenant-code'] !== ws1TenantCode) return send(res, { status: 401, body: { errorCode: 1005, message: 'Unauthorized', activityId: 'x' } });
      if (path === '/api/mdm/devices/action' && req.method === 'POST') {
        if (req.headers.accept !== 'application/json;version=3') return send(res, { status: 400, body: { errorCode: 400, message: 'version 3 only' } });
        const b = JSON.parse(text) as { action: string; device_uuids: string[] };
        if (b.device_uuids.length > 100) return send(res, { status: 400, body: { errorCode: 400, message: 'at most 100 devices' } });
        return send(res, await changing('ws1Action', () => tenant.ws1Action(b.action, b.device_uuids)));
      }
      if ((m = path.match(/^\/api\/mdm\/devices\/([^/]+)$/)) && req.method === 'GET') {
        const d = tenant.byWs1.get(m[1]);
        if (!d) return send(res, { status: 404, body: { errorCode: 404, message: 'not found' } });
        const s = tenant.state(d);
        return send(res, { status: 200, body: { Uuid: d.ws1Uuid, UserMode: ws1ModeNames[s.ws1UserMode ?? ''] ?? 'Unknown', PendingUserModeAction: s.ws1PendingAction ? actionNames[s.ws1PendingAction] : null } });
      }
    }
    send(res, { status: 404, body: { error: { code: 'NotFound', message: `no route ${req.method} ${path}` } } });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get requests() {
      return requests;
    },
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
