// "Test connection" on the setup screen: tries what lookups will do and names the one thing missing —
// a secret, the sign-in, consent, a scope, an admin role, the host, the region, the credentials.
import { AppError } from '../../common/errors.ts';
import {
  intuneClouds,
  requiredSecrets,
  ws1Regions,
  type ConnectionCheck,
  type ConnectionMissing,
  type ConnectionReport,
  type IntuneProfile,
  type SignedInAccount,
  type TenantProfile,
  type Ws1Profile,
  type Ws1Region,
} from '../../common/profiles.ts';
import { graphScopeNames, graphScopes } from '../auth/scopes.ts';
import type { FetchLike, GraphTokenProvider } from '../auth/types.ts';
import { Ws1OAuthProvider, ws1AuthFor } from '../auth/ws1-auth.ts';
import type { SecretStore } from '../secrets/secret-store.ts';
import { modeWireStatusLine } from '../ws1/mode-wire.ts';
import type { Ws1WireBook } from '../ws1/wire-book.ts';
import { profileSecretKey } from './secret-keys.ts';

class Report {
  readonly checks: ConnectionCheck[] = [];
  pass(step: string, detail: string): void {
    this.checks.push({ step, ok: true, detail });
  }
  fail(step: string, missing: ConnectionMissing, message: string, detail = message): ConnectionReport {
    this.checks.push({ step, ok: false, detail });
    return { ok: false, missing, message, checks: this.checks };
  }
  done(message: string): ConnectionReport {
    return { ok: true, missing: null, message, checks: this.checks };
  }
}

export interface IntuneTestDeps {
  signIn: GraphTokenProvider & { currentAccount(): Promise<SignedInAccount | null> };
  fetch?: FetchLike;
  /** Replaces https://<cloud graph host> (tests, demo tenant). */
  graphBaseUrl?: string;
  signal?: AbortSignal;
}

export async function testIntuneConnection(profile: IntuneProfile, deps: IntuneTestDeps): Promise<ConnectionReport> {
  const r = new Report();
  const account = await deps.signIn.currentAccount();
  if (!account) return r.fail('Signed-in account', 'sign-in', `Nobody is signed in to ${profile.name}: sign in first.`);
  r.pass('Signed-in account', account.username);
  let token: string;
  try {
    token = await deps.signIn.getToken(graphScopes(profile.cloud, 'read'), { signal: deps.signal });
  } catch (e) {
    const err = asAppError(e);
    const missing: ConnectionMissing = err.code === 'forbidden' ? 'consent' : err.code === 'invalid_input' ? 'tenant' : err.code === 'unavailable' || err.code === 'timeout' ? 'network' : 'sign-in';
    return r.fail('Token for Microsoft Graph', missing, err.message, err.detail);
  }
  r.pass('Token for Microsoft Graph', `scopes: ${tokenScopes(token).join(' ') || 'not readable'}`);
  const base = deps.graphBaseUrl ?? `https://${intuneClouds[profile.cloud].graphHost}`;
  const probes: Array<{ step: string; path: string; scope: string; role: string }> = [
    {
      step: 'Read managed devices',
      path: '/v1.0/deviceManagement/managedDevices?$top=1&$select=id',
      scope: graphScopeNames.read[0],
      role: 'an Intune role that can read managed devices (e.g. Help Desk Operator or Read Only Operator)',
    },
    { step: 'Read users', path: '/v1.0/users?$top=1&$select=id', scope: graphScopeNames.read[1], role: 'a directory role that can read users' },
  ];
  for (const probe of probes) {
    let response: Response;
    try {
      response = await (deps.fetch ?? fetch)(`${base}${probe.path}`, { headers: { authorization: `Bearer ${token}` }, signal: deps.signal });
      await response.body?.cancel();
    } catch (e) {
      return r.fail(probe.step, 'network', `Microsoft Graph (${new URL(base).host}) could not be reached.`, String(e));
    }
    if (response.status === 401) return r.fail(probe.step, 'tenant', `Graph refused the token: check that the cloud (${intuneClouds[profile.cloud].label}) matches the tenant.`);
    if (response.status === 403) {
      const granted = tokenScopes(token);
      if (granted.length && !granted.some((s) => s.toLowerCase() === probe.scope.toLowerCase() || s.toLowerCase() === probe.scope.replace('.Read.', '.ReadWrite.').toLowerCase())) {
        return r.fail(probe.step, 'scope', `The token lacks the ${probe.scope} permission: add it to the app registration and grant admin consent.`);
      }
      return r.fail(probe.step, 'role', `${account.username} lacks ${probe.role}.`);
    }
    if (!response.ok) return r.fail(probe.step, 'network', `Graph answered ${response.status} to "${probe.step}"; try again later.`);
    r.pass(probe.step, `HTTP ${response.status}`);
  }
  return r.done(`Connected to ${profile.name} as ${account.username}.`);
}

export interface Ws1TestDeps {
  secrets: SecretStore;
  fetch?: FetchLike;
  /** Replaces https://<apiHost> (tests, demo tenant). */
  apiBaseUrl?: string;
  /** Replaces the regional token URLs (tests, demo tenant); the profile's region picks one. */
  tokenUrls?: Partial<Record<Ws1Region, string>>;
  signal?: AbortSignal;
  /** Reads and keeps the tenant's API description (mode-change shape); skipped when absent. */
  wires?: Ws1WireBook;
}

export async function testWs1Connection(profile: Ws1Profile, deps: Ws1TestDeps): Promise<ConnectionReport> {
  const r = new Report();
  const missingSecrets: string[] = [];
  for (const name of requiredSecrets(profile)) if (!(await deps.secrets.get(profileSecretKey(profile, name)))) missingSecrets.push(name);
  if (missingSecrets.length) {
    const what = missingSecrets.map((n) => ({ clientSecret: 'client secret', apiKey: 'API key (tenant code)', password: 'password' })[n] ?? n).join(' and ');
    if (deps.secrets.persistence.kind === 'session') {
      return r.fail('Saved secrets', 'keychain', `The ${what} is not available: ${deps.secrets.persistence.problem.message} Enter it again for this session.`);
    }
    return r.fail('Saved secrets', 'secret', `The ${what} is not saved: enter it in the profile.`);
  }
  r.pass('Saved secrets', 'present');

  const tokenUrlFor = (region: Ws1Region) => deps.tokenUrls?.[region] ?? ws1Regions[region].tokenUrl;
  const auth = ws1AuthFor(profile, { secrets: deps.secrets, fetch: deps.fetch, tokenUrl: profile.auth.method === 'oauth' ? tokenUrlFor(profile.auth.region) : undefined });
  let headers: Record<string, string>;
  const tokenStep = profile.auth.method === 'oauth' ? `OAuth token (${ws1Regions[profile.auth.region].label})` : 'Basic credentials';
  try {
    headers = await auth.authHeaders({ signal: deps.signal });
  } catch (e) {
    const err = asAppError(e);
    if (profile.auth.method === 'oauth' && err.code === 'unauthorized') {
      const other = await findAcceptingRegion(profile, tokenUrlFor, deps);
      if (other) return r.fail(tokenStep, 'region', `The OAuth client belongs to the ${ws1Regions[other].label} region: choose that region in the profile.`, err.detail);
      return r.fail(tokenStep, 'credentials', 'The token URL refused the client ID or secret in every region: check both in OAuth Client Management.', err.detail);
    }
    return r.fail(tokenStep, err.code === 'unavailable' || err.code === 'timeout' ? 'network' : 'credentials', err.message, err.detail);
  }
  r.pass(tokenStep, profile.auth.method === 'oauth' ? 'token received' : 'present');

  const base = deps.apiBaseUrl ?? `https://${profile.apiHost}`;
  const step = `Search devices on ${profile.apiHost}`;
  let response: Response;
  try {
    response = await (deps.fetch ?? fetch)(`${base}/api/mdm/devices/search?pagesize=1&page=0`, {
      headers: { ...headers, accept: 'application/json;version=1' },
      signal: deps.signal,
    });
  } catch (e) {
    const cause = (e as { cause?: { message?: string; code?: string } }).cause;
    const detail = `${e instanceof Error ? e.message : e} ${cause?.code ?? ''} ${cause?.message ?? ''}`;
    if (/ENOTFOUND|EAI_AGAIN|ECONNREFUSED/.test(detail)) return r.fail(step, 'host', `${profile.apiHost} does not answer: check the API host (the as… host under Site URLs › REST API URL).`, detail);
    return r.fail(step, 'network', `${profile.apiHost} could not be reached.`, detail);
  }
  const type = response.headers.get('content-type') ?? '';
  const text = await response.text();
  if (response.status !== 204 && !/json/i.test(type)) {
    return r.fail(step, 'host', `${profile.apiHost} answered with a web page, not the API: use the as… REST API host, not the console.`, `${response.status} ${type}`);
  }
  if (response.status === 401) {
    const what = profile.auth.method === 'oauth' ? 'token' : 'user name, password or API key';
    return r.fail(step, 'credentials', `${profile.apiHost} refused the ${what}: check them, and that the API key belongs to this environment.`, clip(text));
  }
  if (response.status === 403) {
    return r.fail(step, 'role', 'The admin account or OAuth client lacks an admin role that can read devices (and "Device Reassignment" for user changes).', clip(text));
  }
  if (response.status === 404) return r.fail(step, 'host', `${profile.apiHost} has no device API: check the API host.`, clip(text));
  if (!response.ok) return r.fail(step, 'network', `${profile.apiHost} answered ${response.status}; try again later.`, clip(text));
  r.pass(step, `HTTP ${response.status}`);
  if (deps.wires) {
    // not a failure when unreadable: mode changes then use the best-known shape, marked unverified
    const learned = await deps.wires.learn({ baseUrl: base, authHeaders: async () => headers, fetch: deps.fetch as typeof fetch | undefined, signal: deps.signal });
    r.pass('API description (mode changes)', learned.wire ? `${modeWireStatusLine(learned.wire)} (${learned.wire.source})` : `${modeWireStatusLine(null)} ${learned.problem ?? ''}`.trim());
  }
  return r.done(`Connected to ${profile.name} (${profile.apiHost}).`);
}

/** Another region whose token URL accepts the same client (only Omnissa's own token hosts are tried). */
async function findAcceptingRegion(profile: Ws1Profile, tokenUrlFor: (r: Ws1Region) => string, deps: Ws1TestDeps): Promise<Ws1Region | null> {
  if (profile.auth.method !== 'oauth') return null;
  const clientId = profile.auth.clientId;
  for (const region of Object.keys(ws1Regions) as Ws1Region[]) {
    if (region === profile.auth.region) continue;
    const provider = new Ws1OAuthProvider({ tokenUrl: tokenUrlFor(region), clientId, clientSecret: () => deps.secrets.get(profileSecretKey(profile, 'clientSecret')), fetch: deps.fetch, timeoutMs: 10_000 });
    try {
      await provider.authHeaders({ signal: deps.signal });
      return region;
    } catch {
      // refused or unreachable here too
    }
  }
  return null;
}

/** The `scp` claim of a JWT access token, as a hint only (tokens are not validated here). */
function tokenScopes(token: string): string[] {
  try {
    const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { scp?: unknown };
    return typeof payload.scp === 'string' ? payload.scp.split(' ').filter(Boolean) : [];
  } catch {
    return [];
  }
}

function asAppError(e: unknown): AppError {
  return e instanceof AppError ? e : new AppError('internal', 'The connection test failed unexpectedly.', e instanceof Error ? e.message : String(e));
}

function clip(text: string): string {
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

/** One entry point for the setup screen. */
export function testConnection(profile: TenantProfile, deps: { intune?: IntuneTestDeps; ws1?: Ws1TestDeps }): Promise<ConnectionReport> {
  if (profile.kind === 'intune') {
    if (!deps.intune) throw new AppError('internal', 'No sign-in is set up for this Intune profile.');
    return testIntuneConnection(profile, deps.intune);
  }
  if (!deps.ws1) throw new AppError('internal', 'No secret store is set up for this Workspace ONE profile.');
  return testWs1Connection(profile, deps.ws1);
}
