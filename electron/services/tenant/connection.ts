// Which tenant the app talks to: the demo tenant, or the technician's saved Intune and/or Workspace ONE
// profiles with their sign-in. Everything that calls a platform (lookup, jobs) takes it from here.
import type { IntuneProfile, Ws1Profile } from '../../common/profiles.ts';
import type { Db } from '../cache/db.ts';
import type { DemoTenant } from '../demo/index.ts';
import { graphClouds } from '../graph/clouds.ts';
import { createLookup, ws1StaticAuth, type Lookup } from '../lookup/connect.ts';
import { ws1AuthFor, type IntuneSignIn } from '../auth/index.ts';
import type { GraphNeed } from '../auth/scopes.ts';
import type { KnownSecrets } from '../log/redact.ts';
import type { SecretStore } from '../secrets/secret-store.ts';

export interface TenantConnection {
  mode: 'demo' | 'real';
  /** What the banner says. */
  label: string;
  /** Separates this tenant's rows in the cache and the job journal. */
  scope: string;
  lookup: Lookup;
  graph: { baseUrl: string; getToken: (need: GraphNeed) => Promise<string> } | null;
  ws1: { baseUrl: string; authHeaders: () => Promise<Record<string, string>> } | null;
}

export function demoConnection(demo: DemoTenant, db: Db): TenantConnection {
  const ws1Headers = ws1StaticAuth({ basic: `${demo.ws1.basicUser}:${demo.ws1.basicPassword}`, tenantCode: demo.ws1.tenantCode });
  const graph = { baseUrl: demo.graphUrl, getToken: async () => demo.graphToken };
  const ws1 = { baseUrl: demo.ws1Url, authHeaders: ws1Headers };
  return {
    mode: 'demo',
    label: 'Demo tenant — simulated Intune and Workspace ONE data, nothing real is changed',
    scope: 'demo',
    lookup: createLookup({ scope: 'demo', graph: { ...graph, portal: null }, ws1 }, { db }),
    graph,
    ws1,
  };
}

export interface ProfileConnectionDeps {
  db: Db;
  secrets: SecretStore;
  knownSecrets: KnownSecrets;
  /** The sign-in of the Intune profile (one per profile, kept by the caller across reconnects). */
  intuneSignIn?: IntuneSignIn;
}

export function profileConnection(p: { intune?: IntuneProfile; ws1?: Ws1Profile }, deps: ProfileConnectionDeps): TenantConnection {
  const graph =
    p.intune && deps.intuneSignIn
      ? (() => {
          const signIn = deps.intuneSignIn;
          return { baseUrl: graphClouds[p.intune.cloud].graph, getToken: (need: GraphNeed) => signIn.getToken(signIn.scopes(need)) };
        })()
      : null;
  const ws1Provider = p.ws1 ? ws1AuthFor(p.ws1, { secrets: deps.secrets, knownSecrets: deps.knownSecrets }) : null;
  const ws1 = p.ws1 && ws1Provider ? { baseUrl: `https://${p.ws1.apiHost}`, authHeaders: () => ws1Provider.authHeaders() } : null;
  const scope = [p.intune ? `intune:${p.intune.id}` : null, p.ws1 ? `ws1:${p.ws1.id}` : null].filter(Boolean).join('|');
  const lookup = createLookup(
    {
      scope,
      graph: graph && p.intune ? { baseUrl: graph.baseUrl, getToken: (need?: 'auditLogs') => graph.getToken(need ?? 'read'), portal: graphClouds[p.intune.cloud].intunePortal } : undefined,
      ws1: ws1 ? { ...ws1, onUnauthorized: async () => ws1Provider?.invalidate() } : undefined,
    },
    { db: deps.db },
  );
  return {
    mode: 'real',
    label: [p.intune?.name, p.ws1?.name].filter(Boolean).join(' + '),
    scope,
    lookup,
    graph,
    ws1,
  };
}
