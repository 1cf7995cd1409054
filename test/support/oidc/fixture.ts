// Everything an auth test needs: test CA, the authority, the Graph stub, the played browser, and a
// factory for the real IntuneSignIn wired to them.
import { randomUUID } from 'node:crypto';
import type { ICachePlugin } from '@azure/msal-node';
import type { IntuneProfile } from '../../../electron/common/profiles.ts';
import { IntuneSignIn, type IntuneSignInOptions } from '../../../electron/services/auth/intune-sign-in.ts';
import { CaNetworkClient } from '../../../electron/services/auth/network-client.ts';
import { OidcAuthority, type TestUser } from './authority.ts';
import { TestBrowser } from './browser.ts';
import { startGraphStub, type GraphStub } from './graph-stub.ts';
import { makeTestTls, type TestTls } from './test-ca.ts';

export interface AuthFixture {
  tls: TestTls;
  authority: OidcAuthority;
  graph: GraphStub;
  browser: TestBrowser;
  profile: IntuneProfile;
  signIn(extra?: Partial<IntuneSignInOptions> & { cachePlugin?: ICachePlugin }): IntuneSignIn;
  stop(): Promise<void>;
}

export async function startAuthFixture(options: { users?: TestUser[]; accessTokenLifetimeS?: number; tls?: TestTls } = {}): Promise<AuthFixture> {
  const tls = options.tls ?? makeTestTls();
  const clientId = randomUUID();
  const users = options.users ?? [{ username: 'tech@contoso.test', name: 'Tess Tech' }];
  const authority = await new OidcAuthority({ tls, clientId, users, accessTokenLifetimeS: options.accessTokenLifetimeS }).start();
  const graph = await startGraphStub(authority);
  const browser = new TestBrowser({ ca: tls.ca, username: users[0].username });
  const profile: IntuneProfile = { kind: 'intune', id: 'contoso', name: 'Contoso', tenant: authority.tenantId, clientId, cloud: 'global' };
  return {
    tls,
    authority,
    graph,
    browser,
    profile,
    signIn: (extra = {}) =>
      new IntuneSignIn({
        profile,
        openBrowser: browser.openBrowser,
        authority: { url: authority.authority, knownAuthorities: [authority.host] },
        networkClient: new CaNetworkClient({ ca: tls.ca }),
        allowInteractive: true,
        interactiveTimeoutMs: 10_000,
        ...extra,
      }),
    stop: async () => {
      await graph.stop();
      await authority.stop();
    },
  };
}
