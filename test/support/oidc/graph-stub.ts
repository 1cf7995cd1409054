// Just enough Microsoft Graph for "Test connection" and the leak scan: two GETs that check the bearer
// token against the test authority (401 unknown/expired, 403 missing scope or Intune role).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { OidcAuthority } from './authority.ts';

export interface GraphStub {
  url: string;
  calls: Array<{ path: string; status: number }>;
  stop(): Promise<void>;
}

export async function startGraphStub(authority: OidcAuthority): Promise<GraphStub> {
  const calls: GraphStub['calls'] = [];
  const routes: Record<string, { scope: string; needsRole: boolean; body: object }> = {
    '/v1.0/deviceManagement/managedDevices': { scope: 'DeviceManagementManagedDevices.Read.All', needsRole: true, body: { value: [{ id: 'd1' }] } },
    '/v1.0/users': { scope: 'User.ReadBasic.All', needsRole: false, body: { value: [{ id: 'u1' }] } },
  };
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const route = routes[url.pathname];
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
    const grant = authority.checkAccessToken(token);
    let status = 200;
    let body: object = route?.body ?? { error: { code: 'NotFound' } };
    if (!route) status = 404;
    else if (!grant) [status, body] = [401, { error: { code: 'InvalidAuthenticationToken', message: 'Access token is empty or invalid.' } }];
    else if (!grant.scopes.some((s) => s.endsWith(`/${route.scope}`) || s.endsWith(`/${route.scope.replace('.Read.', '.ReadWrite.')}`))) [status, body] = [403, { error: { code: 'Forbidden', message: 'Insufficient privileges.' } }];
    else if (route.needsRole && !grant.user.intuneRole) [status, body] = [403, { error: { code: 'Forbidden', message: 'Application is not authorized to perform this operation.' } }];
    calls.push({ path: url.pathname, status });
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
