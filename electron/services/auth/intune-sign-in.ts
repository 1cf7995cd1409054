// Sign-in to an Intune tenant with MSAL Node's public client, in main only. Silent first; then the system
// browser (auth code + PKCE, loopback on 127.0.0.1, response_mode=form_post so the code never sits in a
// URL or the browser's history); device code as the fallback. Scopes are asked for when first needed.
import {
  InteractionRequiredAuthError,
  ServerError,
  LogLevel,
  PublicClientApplication,
  type AccountInfo,
  type AuthenticationResult,
  type DeviceCodeRequest,
  type ICachePlugin,
  type INetworkModule,
} from '@azure/msal-node';
import { AppError } from '../../common/errors.ts';
import type { IntuneProfile, SignedInAccount } from '../../common/profiles.ts';
import type { Logger } from '../log/logger.ts';
import type { KnownSecrets } from '../log/redact.ts';
import { raceAbort } from './abort.ts';
import { fromMsalError } from './msal-errors.ts';
import { authorityUrl, graphScopes, type GraphNeed } from './scopes.ts';
import type { GraphTokenProvider, TokenRequestOptions } from './types.ts';

export interface DeviceCodePrompt {
  userCode: string;
  verificationUri: string;
  /** Entra's own sentence ("To sign in, use a web browser to open … and enter the code …"). */
  message: string;
  expiresAt: string;
}

export interface IntuneSignInOptions {
  profile: IntuneProfile;
  /** Opens a URL in the OS browser (the shell's openExternal). Only the authority's own URLs are passed. */
  openBrowser: (url: string) => Promise<void>;
  /** From `msalCachePlugin`; undefined keeps the cache in memory (session-only secrets). */
  cachePlugin?: ICachePlugin;
  /** Overrides the cloud's authority (the test authority on 127.0.0.1, or a future cloud). */
  authority?: { url: string; knownAuthorities: string[] };
  /** For an extra trusted CA (`CaNetworkClient`); MSAL's default client otherwise. */
  networkClient?: INetworkModule;
  logger?: Logger;
  /** MSAL's own log level (Warning by default); its lines go through `logger`, PII logging stays off. */
  msalLogLevel?: LogLevel;
  /** Tokens obtained are registered here so the log redacts them by value. */
  knownSecrets?: KnownSecrets;
  /** Whether `getToken` may open the browser when a silent call needs interaction (false for the CLI). */
  allowInteractive?: boolean;
  interactiveTimeoutMs?: number;
  successTemplate?: string;
  errorTemplate?: string;
  now?: () => number;
}

export type SignInMethod = { kind: 'browser'; selectAccount?: boolean } | { kind: 'device-code'; onCode: (prompt: DeviceCodePrompt) => void };

export class IntuneSignIn implements GraphTokenProvider {
  private readonly pca: PublicClientApplication;
  private readonly authority: string;
  private selected: string | null = null;
  private interactiveQueue: Promise<unknown> | null = null;

  constructor(private readonly options: IntuneSignInOptions) {
    const { profile, logger } = options;
    this.authority = options.authority?.url ?? authorityUrl(profile.cloud, profile.tenant);
    this.pca = new PublicClientApplication({
      auth: { clientId: profile.clientId, authority: this.authority, knownAuthorities: options.authority?.knownAuthorities },
      cache: options.cachePlugin ? { cachePlugin: options.cachePlugin } : undefined,
      system: {
        networkClient: options.networkClient,
        loggerOptions: {
          piiLoggingEnabled: false,
          logLevel: options.msalLogLevel ?? LogLevel.Warning,
          loggerCallback: (level, message) => (level <= LogLevel.Error ? logger?.warn('auth', message) : logger?.debug('auth', message)),
        },
      },
    });
  }

  /** Scopes for reading (sign-in), changing a primary user, and remote actions, on this profile's cloud. */
  scopes(need: GraphNeed): string[] {
    return graphScopes(this.options.profile.cloud, need);
  }

  /** Every account in the cache, for the account picker. */
  async accounts(): Promise<SignedInAccount[]> {
    return (await this.pca.getTokenCache().getAllAccounts()).map(toView);
  }

  /** The account `getToken` uses: the one picked, else the only one cached. */
  async currentAccount(): Promise<SignedInAccount | null> {
    const info = await this.currentAccountInfo();
    return info ? toView(info) : null;
  }

  async selectAccount(homeAccountId: string): Promise<void> {
    const all = await this.pca.getTokenCache().getAllAccounts();
    if (!all.some((a) => a.homeAccountId === homeAccountId)) throw new AppError('not_found', 'That account is no longer signed in.');
    this.selected = homeAccountId;
  }

  /** Signs in (adds an account) and selects it. Asks for the read scopes unless told otherwise. */
  async signIn(method: SignInMethod, options: TokenRequestOptions & { scopes?: string[] } = {}): Promise<SignedInAccount> {
    const scopes = options.scopes ?? this.scopes('read');
    const result =
      method.kind === 'browser'
        ? await this.interactive(scopes, { prompt: method.selectAccount ? 'select_account' : undefined }, options.signal)
        : await this.deviceCode(scopes, method.onCode, options.signal);
    if (!result.account) throw new AppError('internal', 'Sign-in returned no account.');
    this.selected = result.account.homeAccountId;
    return toView(result.account);
  }

  /** A Graph access token: from the cache, refreshed silently, or — when allowed — through the browser. */
  async getToken(scopes: string[], options: TokenRequestOptions = {}): Promise<string> {
    if (options.signal?.aborted) throw new AppError('cancelled', 'Cancelled.');
    const account = await this.currentAccountInfo();
    if (!account) {
      if (!this.options.allowInteractive) throw new AppError('unauthorized', `Sign in to ${this.options.profile.name} first.`);
      return (await this.interactive(scopes, { prompt: 'select_account' }, options.signal)).accessToken;
    }
    try {
      return this.remember(await raceAbort(this.pca.acquireTokenSilent({ account, scopes }), options.signal)).accessToken;
    } catch (e) {
      if (e instanceof AppError) throw e;
      if (!(e instanceof InteractionRequiredAuthError) || !this.options.allowInteractive) throw await this.fail(e);
      this.options.logger?.info('auth', `silent token failed (${e.errorCode}); opening the browser`);
      return (await this.interactive(scopes, { loginHint: account.username }, options.signal)).accessToken;
    }
  }

  /** Removes one account (or all) from the cache; the caller deletes the cache file when none is left. */
  async signOut(homeAccountId?: string): Promise<void> {
    const cache = this.pca.getTokenCache();
    for (const account of await cache.getAllAccounts()) {
      if (!homeAccountId || account.homeAccountId === homeAccountId) await cache.removeAccount(account);
    }
    if (!homeAccountId || this.selected === homeAccountId) this.selected = null;
  }

  private async currentAccountInfo(): Promise<AccountInfo | null> {
    const all = await this.pca.getTokenCache().getAllAccounts();
    if (this.selected) return all.find((a) => a.homeAccountId === this.selected) ?? null;
    return all.length === 1 ? all[0] : null;
  }

  /**
   * One browser prompt at a time. A caller queued behind another prompt first retries silently, since
   * that prompt may have granted what it needs (parallel calls wanting the same scope open one tab).
   */
  private interactive(scopes: string[], extra: { prompt?: string; loginHint?: string }, signal?: AbortSignal): Promise<AuthenticationResult> {
    const queued = this.interactiveQueue !== null;
    const run = (this.interactiveQueue ?? Promise.resolve()).then(async () => {
      const account = queued && extra.loginHint ? await this.currentAccountInfo() : null;
      if (account) {
        try {
          return this.remember(await this.pca.acquireTokenSilent({ account, scopes }));
        } catch {
          // still needs the browser
        }
      }
      return this.runInteractive(scopes, extra, signal);
    });
    const settle = () => {
      if (this.interactiveQueue === tail) this.interactiveQueue = null;
    };
    const tail: Promise<void> = run.then(settle, settle); // never rejects: nobody may be waiting on it
    this.interactiveQueue = tail;
    return run;
  }

  private async runInteractive(scopes: string[], extra: { prompt?: string; loginHint?: string }, signal?: AbortSignal): Promise<AuthenticationResult> {
    // MSAL cannot cancel its loopback listener, so a cancel is delivered the way the browser would:
    // an OAuth error posted to the loopback with the request's state.
    let authUrl: URL | null = null;
    let stopped: 'cancelled' | 'timeout' | null = null;
    const stop = (why: 'cancelled' | 'timeout') => {
      if (stopped) return;
      stopped = why;
      if (authUrl) void postCancel(authUrl, why);
    };
    const onAbort = () => stop('cancelled');
    signal?.addEventListener('abort', onAbort, { once: true });
    const timer = setTimeout(() => stop('timeout'), this.options.interactiveTimeoutMs ?? 5 * 60_000);
    try {
      if (signal?.aborted) throw new AppError('cancelled', 'Sign-in was cancelled.');
      const result = await this.pca.acquireTokenInteractive({
        scopes,
        prompt: extra.prompt,
        loginHint: extra.loginHint,
        successTemplate: this.options.successTemplate ?? page('Signed in. You can close this tab and return to Shared Device Helpdesk.'),
        errorTemplate: this.options.errorTemplate ?? page('Sign-in did not complete. Return to Shared Device Helpdesk for details.'),
        openBrowser: async (url) => {
          const parsed = new URL(url);
          if (parsed.origin !== new URL(this.authority).origin) throw new AppError('not_allowed', 'Refused to open a sign-in page outside the tenant authority.', parsed.origin);
          authUrl = parsed;
          if (stopped) return void postCancel(parsed, stopped);
          await this.options.openBrowser(url);
        },
      });
      return this.remember(result);
    } catch (e) {
      if (stopped === 'timeout') throw new AppError('timeout', 'The browser sign-in was not finished in time; start it again.');
      if (stopped === 'cancelled') throw new AppError('cancelled', 'Sign-in was cancelled.');
      throw await this.fail(e);
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
  }

  private async deviceCode(scopes: string[], onCode: (prompt: DeviceCodePrompt) => void, signal?: AbortSignal): Promise<AuthenticationResult> {
    const now = this.options.now ?? Date.now;
    const request: DeviceCodeRequest = {
      scopes,
      deviceCodeCallback: (r) => {
        // MSAL passes an error answer on as an empty device code response: stop here instead of polling.
        if (!r.userCode || !r.deviceCode || !Number.isFinite(r.expiresIn)) {
          throw new AppError('invalid_input', 'The sign-in service refused to start a device code sign-in: check the client ID and that the app registration allows public client flows.');
        }
        onCode({ userCode: r.userCode, verificationUri: r.verificationUri, message: r.message, expiresAt: new Date(now() + r.expiresIn * 1000).toISOString() });
      },
    };
    const onAbort = () => {
      request.cancel = true; // MSAL checks this between polls
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const result = await this.pca.acquireTokenByDeviceCode(request);
      if (!result) throw new AppError('internal', 'Device code sign-in returned nothing.');
      return this.remember(result);
    } catch (e) {
      if (signal?.aborted) throw new AppError('cancelled', 'Sign-in was cancelled.');
      if (e instanceof AppError) throw e;
      const code = (e as { errorCode?: string }).errorCode ?? '';
      if (/expired/.test(code)) throw new AppError('timeout', 'The device code expired before it was used; start again.', code);
      throw await this.fail(e);
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
  }

  /** MSAL reports only "endpoints_resolution_error": ask the discovery document ourselves what is wrong. */
  private async diagnoseAuthority(e: unknown): Promise<AppError> {
    const url = `${this.authority}/v2.0/.well-known/openid-configuration`;
    const host = new URL(this.authority).host;
    const detail = e instanceof Error ? e.message : String(e);
    let status: number;
    let description = '';
    try {
      if (this.options.networkClient) {
        const res = await this.options.networkClient.sendGetRequestAsync<{ error_description?: string }>(url);
        [status, description] = [res.status, res.body?.error_description ?? ''];
      } else {
        const res = await fetch(url, { signal: AbortSignal.timeout(15_000) });
        status = res.status;
        description = String(((await res.json().catch(() => ({}))) as { error_description?: string }).error_description ?? '');
      }
    } catch (net) {
      const why = net instanceof Error ? `${net.message} ${(net.cause as Error | undefined)?.message ?? ''}`.trim() : String(net);
      return new AppError('unavailable', `The sign-in service ${host} could not be reached (${why}): check the network, a proxy or TLS inspection, and the cloud chosen.`, detail);
    }
    if (status >= 400 && status < 500) {
      const mapped = fromMsalError(new ServerError('invalid_request', '', description || `AADSTS90002: HTTP ${status}`), { tenant: this.options.profile.tenant, clientId: this.options.profile.clientId });
      return new AppError(mapped.code, mapped.message, `${detail}; discovery ${status} ${description}`);
    }
    return new AppError('unavailable', `The sign-in service ${host} answered ${status}; try again later.`, detail);
  }

  private remember(result: AuthenticationResult): AuthenticationResult {
    this.options.knownSecrets?.add(result.accessToken);
    this.options.knownSecrets?.add(result.idToken);
    return result;
  }

  private async fail(e: unknown): Promise<AppError> {
    const error = (e as { errorCode?: string }).errorCode === 'endpoints_resolution_error' ? await this.diagnoseAuthority(e) : fromMsalError(e, { tenant: this.options.profile.tenant, clientId: this.options.profile.clientId });
    this.options.logger?.warn('auth', `${error.code}: ${error.message}${error.detail ? ` (${error.detail})` : ''}`);
    return error;
  }
}

function toView(a: AccountInfo): SignedInAccount {
  return { homeAccountId: a.homeAccountId, username: a.username, name: a.name, tenantId: a.tenantId };
}

async function postCancel(authUrl: URL, why: string): Promise<void> {
  const redirect = authUrl.searchParams.get('redirect_uri');
  const state = authUrl.searchParams.get('state');
  if (!redirect || !state) return;
  const loopback = new URL(redirect);
  if (loopback.hostname !== 'localhost' && loopback.hostname !== '127.0.0.1') return; // only ever our own listener
  loopback.hostname = '127.0.0.1';
  const body = new URLSearchParams({ error: 'access_denied', error_description: `${why} by the app`, state });
  await fetch(loopback, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body }).catch(() => undefined);
}

function page(text: string): string {
  return `<!doctype html><meta charset="utf-8"><title>Shared Device Helpdesk</title><p style="font:16px system-ui;margin:3em">${text}</p>`;
}
