// An Entra-shaped OIDC authority over HTTPS on 127.0.0.1 (test CA): discovery, authorize (login page +
// form_post back to the loopback), token (authorization_code with PKCE, refresh_token, device_code),
// devicecode. Enough of Entra's behaviour for MSAL Node's real flows: client_info, AADSTS errors,
// incremental consent, refresh token revocation, short-lived access tokens.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestTls } from './test-ca.ts';

export interface TestUser {
  username: string;
  name: string;
  /** Resource scopes (full URIs) already consented; interactive sign-in adds what it asks for. */
  consented?: string[];
  /** Whether the user holds an Intune role (the Graph stub answers 403 otherwise). */
  intuneRole?: boolean;
}

interface UserState extends Required<TestUser> {
  oid: string;
}

export interface IssuedTokens {
  accessTokens: string[];
  refreshTokens: string[];
  idTokens: string[];
  codes: string[];
  deviceCodes: string[];
}

interface AccessGrant {
  user: UserState;
  scopes: string[];
  expiresAt: number;
}

const oidcScopes = new Set(['openid', 'profile', 'offline_access', 'email']);

export interface OidcAuthorityOptions {
  tls: TestTls;
  clientId: string;
  users: TestUser[];
  tenantId?: string;
  accessTokenLifetimeS?: number;
  deviceCodeIntervalS?: number;
}

export class OidcAuthority {
  readonly tenantId: string;
  readonly issued: IssuedTokens = { accessTokens: [], refreshTokens: [], idTokens: [], codes: [], deviceCodes: [] };
  /** Every request: method, path and grant type (never bodies). */
  readonly requests: Array<{ method: string; path: string; grant?: string }> = [];
  accessTokenLifetimeS: number;
  private server: Server | null = null;
  private port = 0;
  private readonly users = new Map<string, UserState>();
  private readonly sessions = new Map<string, URLSearchParams>();
  private readonly codes = new Map<string, { params: URLSearchParams; user: UserState }>();
  private readonly refreshTokens = new Map<string, { user: UserState; revoked: boolean }>();
  private readonly accessTokens = new Map<string, AccessGrant>();
  private readonly deviceCodes = new Map<string, { userCode: string; scopes: string[]; user: UserState | null; expiresAt: number }>();

  constructor(private readonly options: OidcAuthorityOptions) {
    this.tenantId = options.tenantId ?? randomUUID();
    this.accessTokenLifetimeS = options.accessTokenLifetimeS ?? 3600;
    for (const u of options.users) this.users.set(u.username.toLowerCase(), { consented: [], intuneRole: true, ...u, oid: randomUUID() });
  }

  async start(): Promise<this> {
    this.server = createServer({ key: this.options.tls.key, cert: this.options.tls.cert }, (req, res) => {
      this.handle(req, res).catch((e: unknown) => {
        res.writeHead(500).end(String(e));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  get host(): string {
    return `127.0.0.1:${this.port}`;
  }
  get url(): string {
    return `https://${this.host}`;
  }
  /** What MSAL takes as `authority`. */
  get authority(): string {
    return `${this.url}/${this.tenantId}`;
  }

  revokeRefreshTokens(username?: string): void {
    for (const rt of this.refreshTokens.values()) if (!username || rt.user.username === username) rt.revoked = true;
  }

  /** The user enters the code on the verification page and signs in (what the technician does on a phone). */
  approveDeviceCode(userCode: string, username: string): void {
    const entry = [...this.deviceCodes.values()].find((d) => d.userCode === userCode);
    const user = this.users.get(username.toLowerCase());
    if (!entry || !user) throw new Error(`no device code ${userCode} or user ${username}`);
    for (const s of entry.scopes) if (!user.consented.includes(s)) user.consented.push(s);
    entry.user = user;
  }

  /** For the Graph stub: who a bearer token belongs to and its scopes, or null (unknown or expired). */
  checkAccessToken(token: string): AccessGrant | null {
    const grant = this.accessTokens.get(token);
    return grant && grant.expiresAt > Date.now() ? grant : null;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.url);
    const body = req.method === 'POST' ? new URLSearchParams(await readBody(req)) : new URLSearchParams();
    this.requests.push({ method: req.method ?? '', path: url.pathname, grant: body.get('grant_type') ?? undefined });
    const prefix = `/${this.tenantId}`;
    const path = url.pathname.startsWith(prefix) ? url.pathname.slice(prefix.length) : null;
    if (path === null) return json(res, 400, aadError('invalid_request', 90002, `Tenant '${url.pathname.split('/')[1]}' not found.`));
    if (req.method === 'GET' && path === '/v2.0/.well-known/openid-configuration') return json(res, 200, this.discovery());
    if (req.method === 'GET' && path === '/oauth2/v2.0/authorize') return this.authorize(url.searchParams, res);
    if (req.method === 'POST' && path === '/login') return this.login(body, res);
    if (req.method === 'POST' && path === '/oauth2/v2.0/token') return this.token(body, res);
    if (req.method === 'POST' && path === '/oauth2/v2.0/devicecode') return this.deviceCode(body, res);
    json(res, 404, { error: 'not_found' });
  }

  private discovery(): object {
    const base = this.authority;
    return {
      issuer: `${base}/v2.0`,
      authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
      token_endpoint: `${base}/oauth2/v2.0/token`,
      device_authorization_endpoint: `${base}/oauth2/v2.0/devicecode`,
      end_session_endpoint: `${base}/oauth2/v2.0/logout`,
      jwks_uri: `${base}/discovery/v2.0/keys`,
      response_modes_supported: ['query', 'fragment', 'form_post'],
      response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
      scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
      subject_types_supported: ['pairwise'],
      id_token_signing_alg_values_supported: ['RS256'],
      token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
      code_challenge_methods_supported: ['S256'],
      tenant_region_scope: 'EU',
      cloud_instance_name: 'test.local',
    };
  }

  private authorize(q: URLSearchParams, res: ServerResponse): void {
    const redirect = q.get('redirect_uri') ?? '';
    if (q.get('client_id') !== this.options.clientId) return html(res, 400, `<p>AADSTS700016: Application with identifier '${esc(q.get('client_id') ?? '')}' was not found.</p>`);
    if (!/^http:\/\/localhost:\d+\/?$/.test(redirect)) return html(res, 400, '<p>AADSTS50011: The redirect URI does not match.</p>');
    if (q.get('response_mode') !== 'form_post') return html(res, 400, '<p>form_post required by this test authority</p>');
    if (q.get('code_challenge_method') !== 'S256' || !q.get('code_challenge')) return html(res, 400, '<p>AADSTS9002325: PKCE required.</p>');
    const session = randomBytes(12).toString('hex');
    this.sessions.set(session, q);
    html(
      res,
      200,
      `<h1>Sign in</h1><form method="post" action="${this.authority}/login"><input type="hidden" name="session" value="${session}">` +
        `<input name="username" value="${esc(q.get('login_hint') ?? '')}"><button name="decision" value="accept">Accept</button><button name="decision" value="deny">Cancel</button></form>`,
    );
  }

  private login(body: URLSearchParams, res: ServerResponse): void {
    const q = this.sessions.get(body.get('session') ?? '');
    if (!q) return html(res, 400, '<p>session expired</p>');
    this.sessions.delete(body.get('session') ?? '');
    const redirect = q.get('redirect_uri') ?? '';
    const user = this.users.get((body.get('username') ?? '').toLowerCase());
    const fields: Record<string, string> = { state: q.get('state') ?? '' };
    if (body.get('decision') !== 'accept') {
      Object.assign(fields, { error: 'access_denied', error_description: 'AADSTS65004: User declined to consent to access the app.' });
    } else if (!user) {
      Object.assign(fields, { error: 'access_denied', error_description: 'AADSTS50034: The user account does not exist in this directory.' });
    } else {
      for (const s of resourceScopes(q.get('scope'))) if (!user.consented.includes(s)) user.consented.push(s);
      const code = `code-${randomBytes(24).toString('base64url')}`;
      this.codes.set(code, { params: q, user });
      this.issued.codes.push(code);
      Object.assign(fields, { code, client_info: clientInfo(user, this.tenantId), session_state: randomUUID() });
    }
    const inputs = Object.entries(fields)
      .map(([k, v]) => `<input type="hidden" name="${k}" value="${esc(v)}">`)
      .join('');
    html(res, 200, `<form method="post" action="${esc(redirect)}">${inputs}</form><script>document.forms[0].submit()</script>`);
  }

  private token(body: URLSearchParams, res: ServerResponse): void {
    if (body.get('client_id') !== this.options.clientId) return json(res, 400, aadError('unauthorized_client', 700016, 'Application not found in the directory.'));
    const grant = body.get('grant_type');
    if (grant === 'authorization_code') {
      const entry = this.codes.get(body.get('code') ?? '');
      this.codes.delete(body.get('code') ?? '');
      if (!entry) return json(res, 400, aadError('invalid_grant', 70008, 'The provided authorization code or refresh token has expired or was already used.'));
      const challenge = createHash('sha256')
        .update(body.get('code_verifier') ?? '')
        .digest('base64url');
      if (challenge !== entry.params.get('code_challenge')) return json(res, 400, aadError('invalid_grant', 501481, 'The Code_Verifier does not match the code_challenge.'));
      if (body.get('redirect_uri') !== entry.params.get('redirect_uri')) return json(res, 400, aadError('invalid_grant', 50011, 'The redirect URI does not match.'));
      return json(res, 200, this.tokens(entry.user, resourceScopes(body.get('scope')), entry.params.get('nonce')));
    }
    if (grant === 'refresh_token') {
      const rt = this.refreshTokens.get(body.get('refresh_token') ?? '');
      if (!rt) return json(res, 400, aadError('invalid_grant', 9002313, 'Invalid request. Request is malformed or invalid.'));
      if (rt.revoked) return json(res, 400, { ...aadError('invalid_grant', 50173, "The provided grant has expired due to it being revoked, a fresh auth token is needed."), suberror: 'bad_token' });
      const scopes = resourceScopes(body.get('scope'));
      const missing = scopes.filter((s) => !rt.user.consented.includes(s));
      if (missing.length) return json(res, 400, { ...aadError('invalid_grant', 65001, `The user or administrator has not consented to use the application. Send an interactive authorization request for this user and resource.`), suberror: 'consent_required' });
      return json(res, 200, this.tokens(rt.user, scopes, null));
    }
    // Entra takes the RFC 8628 name and the short one MSAL sends.
    if (grant === 'urn:ietf:params:oauth:grant-type:device_code' || grant === 'device_code') {
      const entry = this.deviceCodes.get(body.get('device_code') ?? '');
      if (!entry) return json(res, 400, aadError('invalid_grant', 70000, 'Unknown device code.'));
      if (entry.expiresAt < Date.now()) return json(res, 400, aadError('expired_token', 70020, 'The device code expired.'));
      if (!entry.user) return json(res, 400, aadError('authorization_pending', 70016, 'OAuth 2.0 device flow error. Authorization is pending. Continue polling.'));
      this.deviceCodes.delete(body.get('device_code') ?? '');
      return json(res, 200, this.tokens(entry.user, entry.scopes, null));
    }
    json(res, 400, aadError('unsupported_grant_type', 70003, `grant ${grant} not supported`));
  }

  private deviceCode(body: URLSearchParams, res: ServerResponse): void {
    if (body.get('client_id') !== this.options.clientId) return json(res, 400, aadError('unauthorized_client', 700016, 'Application not found in the directory.'));
    const deviceCode = `dc-${randomBytes(24).toString('base64url')}`;
    const userCode = randomBytes(5).toString('hex').toUpperCase().slice(0, 9);
    this.deviceCodes.set(deviceCode, { userCode, scopes: resourceScopes(body.get('scope')), user: null, expiresAt: Date.now() + 900_000 });
    this.issued.deviceCodes.push(deviceCode);
    const verification = `${this.url}/devicelogin`;
    json(res, 200, {
      device_code: deviceCode,
      user_code: userCode,
      verification_uri: verification,
      expires_in: 900,
      interval: this.options.deviceCodeIntervalS ?? 1,
      message: `To sign in, use a web browser to open the page ${verification} and enter the code ${userCode} to authenticate.`,
    });
  }

  private tokens(user: UserState, scopes: string[], nonce: string | null): object {
    const now = Math.floor(Date.now() / 1000);
    const lifetime = this.accessTokenLifetimeS;
    const resource = scopes[0] ? new URL(scopes[0]).origin : 'https://graph.microsoft.com';
    const accessToken = jwt({
      aud: resource,
      iss: `https://sts.test.local/${this.tenantId}/`,
      iat: now,
      nbf: now,
      exp: now + lifetime,
      tid: this.tenantId,
      oid: user.oid,
      upn: user.username,
      scp: scopes.map((s) => s.slice(resource.length + 1)).join(' '),
      uti: randomBytes(8).toString('base64url'),
    });
    const idToken = jwt({
      aud: this.options.clientId,
      iss: `${this.authority}/v2.0`,
      iat: now,
      nbf: now,
      exp: now + 3600,
      tid: this.tenantId,
      oid: user.oid,
      sub: createHash('sha256').update(user.oid).digest('base64url'),
      preferred_username: user.username,
      name: user.name,
      ver: '2.0',
      ...(nonce ? { nonce } : {}),
    });
    const refreshToken = `1.rt-${randomBytes(32).toString('base64url')}`;
    this.refreshTokens.set(refreshToken, { user, revoked: false });
    this.accessTokens.set(accessToken, { user, scopes, expiresAt: (now + lifetime) * 1000 });
    this.issued.accessTokens.push(accessToken);
    this.issued.refreshTokens.push(refreshToken);
    this.issued.idTokens.push(idToken);
    return {
      token_type: 'Bearer',
      scope: scopes.join(' '),
      expires_in: lifetime,
      ext_expires_in: lifetime,
      access_token: accessToken,
      refresh_token: refreshToken,
      id_token: idToken,
      client_info: clientInfo(user, this.tenantId),
    };
  }
}

function resourceScopes(scope: string | null): string[] {
  return (scope ?? '').split(' ').filter((s) => s && !oidcScopes.has(s));
}

function clientInfo(user: UserState, tenantId: string): string {
  return Buffer.from(JSON.stringify({ uid: user.oid, utid: tenantId })).toString('base64url');
}

function jwt(payload: object): string {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${part({ typ: 'JWT', alg: 'RS256', kid: 'test' })}.${part(payload)}.${randomBytes(64).toString('base64url')}`;
}

function aadError(error: string, code: number, text: string): object {
  return { error, error_description: `AADSTS${code}: ${text} Trace ID: ${randomUUID()}`, error_codes: [code], timestamp: new Date().toISOString() };
}

function json(res: ServerResponse, status: number, body: object): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' }).end(JSON.stringify(body));
}

function html(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(`<!doctype html><html><body>${body}</body></html>`);
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
