// Workspace ONE UEM authentication: OAuth client credentials at the regional token URL (a bearer token
// fetched again shortly before `expires_in` runs out; client credentials have no refresh token), or Basic
// with the API key. The tenant code (aw-tenant-code) goes with both when one is saved.
import { AppError } from '../../common/errors.ts';
import { ws1Regions, type Ws1Profile } from '../../common/profiles.ts';
import type { KnownSecrets } from '../log/redact.ts';
import type { SecretStore } from '../secrets/secret-store.ts';
import { profileSecretKey } from '../profiles/secret-keys.ts';
import { raceAbort } from './abort.ts';
import type { FetchLike, TokenRequestOptions, Ws1AuthProvider } from './types.ts';

export interface Ws1OAuthOptions {
  tokenUrl: string;
  clientId: string;
  /** Read when a token is needed, so a secret changed in Settings is used at once. */
  clientSecret: () => Promise<string | null>;
  tenantCode?: () => Promise<string | null>;
  fetch?: FetchLike;
  now?: () => number;
  /** Fetch a new token when less than this is left (default: 5 minutes, or a tenth of a short lifetime). */
  refreshMarginMs?: number;
  timeoutMs?: number;
  knownSecrets?: KnownSecrets;
  /** For messages: "the EMEA token URL". */
  regionLabel?: string;
}

interface CachedToken {
  value: string;
  refreshAt: number;
  expiresAt: number;
}

export class Ws1OAuthProvider implements Ws1AuthProvider {
  private token: CachedToken | null = null;
  private inFlight: Promise<CachedToken> | null = null;
  /** How many tokens were fetched (for tests and diagnostics). */
  fetched = 0;

  constructor(private readonly options: Ws1OAuthOptions) {}

  async authHeaders(options: TokenRequestOptions = {}): Promise<Record<string, string>> {
    if (options.signal?.aborted) throw new AppError('cancelled', 'Cancelled.');
    const now = (this.options.now ?? Date.now)();
    let token = this.token;
    if (!token || now >= token.refreshAt) {
      // Shared by parallel callers; each stops waiting on its own signal, the request goes on for the rest.
      this.inFlight ??= this.fetchToken().finally(() => {
        this.inFlight = null;
      });
      try {
        token = await raceAbort(this.inFlight, options.signal);
      } catch (e) {
        // Refreshing early failed for a passing reason: the current token still has a little life.
        const stillValid = token && now < token.expiresAt && e instanceof AppError && ['unavailable', 'timeout', 'throttled'].includes(e.code);
        if (!stillValid || !token) throw e;
      }
    }
    const headers: Record<string, string> = { Authorization: `Bearer ${token.value}` };
    const tenantCode = await this.options.tenantCode?.();
    if (tenantCode) headers['aw-tenant-code'] = tenantCode;
    return headers;
  }

  invalidate(): void {
    this.token = null;
  }

  private async fetchToken(): Promise<CachedToken> {
    const secret = await this.options.clientSecret();
    if (!secret) throw new AppError('unauthorized', 'The Workspace ONE OAuth client secret is not saved: enter it in Settings.', 'missing secret');
    const where = this.options.regionLabel ? `the ${this.options.regionLabel} token URL` : 'the token URL';
    const timeout = AbortSignal.timeout(this.options.timeoutMs ?? 30_000);
    const body = new URLSearchParams({ grant_type: 'client_credentials', client_id: this.options.clientId, client_secret: secret });
    let response: Response;
    try {
      response = await (this.options.fetch ?? fetch)(this.options.tokenUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: body.toString(),
        signal: timeout,
      });
    } catch (e) {
      const detail = e instanceof Error ? `${e.message} ${(e.cause as Error | undefined)?.message ?? ''}` : String(e);
      if (timeout.aborted) throw new AppError('timeout', `${capital(where)} did not answer in time.`, detail);
      throw new AppError('unavailable', `Could not reach ${where} (${new URL(this.options.tokenUrl).host}): check the region and the network.`, detail);
    }
    const text = await response.text();
    let json: Record<string, unknown> = {};
    try {
      json = JSON.parse(text) as Record<string, unknown>;
    } catch {
      // some gateways answer HTML; the status decides
    }
    if (!response.ok) throw tokenError(response.status, String(json.error ?? ''), where);
    const value = typeof json.access_token === 'string' ? json.access_token : '';
    const lifetimeS = Number(json.expires_in);
    if (!value || !Number.isFinite(lifetimeS) || lifetimeS <= 0) {
      throw new AppError('unavailable', `${capital(where)} answered without a usable token.`, `status ${response.status}, fields ${Object.keys(json).join(',')}`);
    }
    this.options.knownSecrets?.add(value);
    this.fetched++;
    const now = (this.options.now ?? Date.now)();
    const lifetimeMs = lifetimeS * 1000;
    const margin = Math.min(this.options.refreshMarginMs ?? 5 * 60_000, lifetimeMs / 10);
    this.token = { value, expiresAt: now + lifetimeMs, refreshAt: now + lifetimeMs - margin };
    return this.token;
  }
}

function tokenError(status: number, error: string, where: string): AppError {
  const detail = `token endpoint ${status} ${error}`;
  if (error === 'invalid_client' || status === 401) {
    return new AppError('unauthorized', `${capital(where)} refused the client ID or secret. Check both, and that the OAuth client was created for this region.`, detail);
  }
  if (error === 'unauthorized_client' || error === 'unsupported_grant_type') return new AppError('forbidden', 'This OAuth client may not use client credentials.', detail);
  if (status === 429) return new AppError('throttled', `${capital(where)} is throttling requests; try again shortly.`, detail);
  if (status >= 500) return new AppError('unavailable', `${capital(where)} failed (${status}); try again later.`, detail);
  if (status === 404) return new AppError('invalid_input', `${capital(where)} was not found (404): check the region.`, detail);
  return new AppError('unauthorized', `${capital(where)} refused the request (${status}${error ? ` ${error}` : ''}).`, detail);
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export interface Ws1BasicOptions {
  username: string;
  password: () => Promise<string | null>;
  apiKey: () => Promise<string | null>;
  knownSecrets?: KnownSecrets;
}

/** Basic authentication: `Authorization: Basic base64(user:password)` plus the API key as aw-tenant-code. */
export class Ws1BasicProvider implements Ws1AuthProvider {
  constructor(private readonly options: Ws1BasicOptions) {}

  async authHeaders(): Promise<Record<string, string>> {
    const [password, apiKey] = await Promise.all([this.options.password(), this.options.apiKey()]);
    if (!password) throw new AppError('unauthorized', 'The Workspace ONE password is not saved: enter it in Settings.', 'missing password');
    if (!apiKey) throw new AppError('unauthorized', 'The Workspace ONE API key (tenant code) is not saved: enter it in Settings.', 'missing api key');
    const basic = Buffer.from(`${this.options.username}:${password}`).toString('base64');
    this.options.knownSecrets?.add(basic);
    this.options.knownSecrets?.add(password);
    this.options.knownSecrets?.add(apiKey);
    return { Authorization: `Basic ${basic}`, 'aw-tenant-code': apiKey };
  }

  invalidate(): void {}
}

export interface Ws1ProviderDeps {
  secrets: SecretStore;
  fetch?: FetchLike;
  now?: () => number;
  knownSecrets?: KnownSecrets;
  /** Replaces the regional token URL (the demo tenant's `/connect/token`). */
  tokenUrl?: string;
}

/** The provider for a saved WS1 profile, reading its secrets from the store when needed. */
export function ws1AuthFor(profile: Ws1Profile, deps: Ws1ProviderDeps): Ws1AuthProvider {
  const secret = (name: 'clientSecret' | 'apiKey' | 'password') => () => deps.secrets.get(profileSecretKey(profile, name));
  if (profile.auth.method === 'basic') {
    return new Ws1BasicProvider({ username: profile.auth.username, password: secret('password'), apiKey: secret('apiKey'), knownSecrets: deps.knownSecrets });
  }
  const region = ws1Regions[profile.auth.region];
  return new Ws1OAuthProvider({
    tokenUrl: deps.tokenUrl ?? region.tokenUrl,
    regionLabel: deps.tokenUrl ? undefined : region.label,
    clientId: profile.auth.clientId,
    clientSecret: secret('clientSecret'),
    tenantCode: secret('apiKey'),
    fetch: deps.fetch,
    now: deps.now,
    knownSecrets: deps.knownSecrets,
  });
}
