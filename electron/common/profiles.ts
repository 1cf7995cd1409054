// Tenant profiles: what a technician connects (an Intune tenant, a Workspace ONE environment).
// No Node, no DOM: the renderer imports this for the setup screen. A profile never holds a secret;
// secrets travel once from the setup form to main (`ProfileDraft.secrets`) and live in the keychain.
import { z } from 'zod';
import { defaultGuardRails, guardRailsSchema, type GuardRails } from './jobs.ts';

/**
 * Sovereign clouds: sign-in authority and Graph host must match (tokens do not cross clouds).
 * Upstream facts (Microsoft's national-cloud docs) in one table so they can be corrected.
 */
export const intuneClouds = {
  global: { label: 'Global (commercial)', authorityHost: 'login.microsoftonline.com', graphHost: 'graph.microsoft.com' },
  usGovL4: { label: 'US Government L4 (GCC High)', authorityHost: 'login.microsoftonline.us', graphHost: 'graph.microsoft.us' },
  usGovDoD: { label: 'US Government DoD', authorityHost: 'login.microsoftonline.us', graphHost: 'dod-graph.microsoft.us' },
  china: { label: 'China (21Vianet)', authorityHost: 'login.chinacloudapi.cn', graphHost: 'microsoftgraph.chinacloudapi.cn' },
} as const;
export const intuneCloudSchema = z.enum(['global', 'usGovL4', 'usGovDoD', 'china']);
export type IntuneCloud = z.infer<typeof intuneCloudSchema>;

/**
 * Workspace ONE UEM OAuth token URLs by region (workspace-one.md). Unverified: that a client made in one
 * region is refused at another region's URL (we report "wrong region" on invalid_client for that reason).
 */
export const ws1Regions = {
  na: { label: 'North America', tokenUrl: 'https://na.uemauth.workspaceone.com/connect/token' },
  emea: { label: 'Europe, Middle East, Africa', tokenUrl: 'https://emea.uemauth.workspaceone.com/connect/token' },
  apac: { label: 'Asia Pacific', tokenUrl: 'https://apac.uemauth.workspaceone.com/connect/token' },
  uat: { label: 'UAT (test environments)', tokenUrl: 'https://uat.uemauth.workspaceone.com/connect/token' },
} as const;
export const ws1RegionSchema = z.enum(['na', 'emea', 'apac', 'uat']);
export type Ws1Region = z.infer<typeof ws1RegionSchema>;

const guidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const domainPattern = /^(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;
/** API hosts look like as1506.awmdm.com; on-premises installs use their own names, so any DNS name passes. */
const hostPattern = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*(:\d{1,5})?$/i;

export const profileIdSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/);

/** A simple wildcard pattern (`*` = any text) on a UPN or its part before @: letters, digits, . _ - @ + and *. */
export const accountPatternSchema = z.string().regex(/^(?=.*[a-z0-9])[a-z0-9._@+*-]{1,100}$/);
export const maxAccountPatterns = 50;

export const intuneProfileSchema = z.object({
  kind: z.literal('intune'),
  id: profileIdSchema,
  name: z.string().min(1).max(80),
  /** Directory (tenant) ID GUID or a verified domain such as contoso.onmicrosoft.com. */
  tenant: z.string().refine((t) => guidPattern.test(t) || domainPattern.test(t)),
  /** Application (client) ID of the technician's own Entra app registration (public client). */
  clientId: z.string().regex(guidPattern),
  cloud: intuneCloudSchema,
  /** Bulk-change guard rails of this tenant (a reason above, a staged start above); defaults 100 / 1,000. */
  guardRails: guardRailsSchema.optional(),
  /** Account patterns never chosen as last / most frequent user (service, DEM, kiosk accounts), besides the built-in ones. */
  neverChoose: z.array(accountPatternSchema).max(maxAccountPatterns).optional(),
});
export type IntuneProfile = z.infer<typeof intuneProfileSchema>;

export const ws1AuthSchema = z.discriminatedUnion('method', [
  z.object({ method: z.literal('oauth'), region: ws1RegionSchema, clientId: z.string().min(1).max(200) }),
  z.object({ method: z.literal('basic'), username: z.string().min(1).max(200) }),
]);
export type Ws1Auth = z.infer<typeof ws1AuthSchema>;

export const ws1ProfileSchema = z.object({
  kind: z.literal('ws1'),
  id: profileIdSchema,
  name: z.string().min(1).max(80),
  /** The REST API host (asNNN…), host name only, lower case. */
  apiHost: z.string().regex(hostPattern),
  auth: ws1AuthSchema,
  /** Bulk-change guard rails of this tenant (a reason above, a staged start above); defaults 100 / 1,000. */
  guardRails: guardRailsSchema.optional(),
  /** Account patterns never chosen as last / most frequent user (service, DEM, kiosk accounts), besides the built-in ones. */
  neverChoose: z.array(accountPatternSchema).max(maxAccountPatterns).optional(),
});
export type Ws1Profile = z.infer<typeof ws1ProfileSchema>;

export const tenantProfileSchema = z.discriminatedUnion('kind', [intuneProfileSchema, ws1ProfileSchema]);
export type TenantProfile = z.infer<typeof tenantProfileSchema>;

/** Names of the secrets a profile may have in the keychain. */
export const secretNames = ['clientSecret', 'apiKey', 'password'] as const;
export type SecretName = (typeof secretNames)[number];

/** Which secrets a profile needs to connect (the tenant code is required with Basic, optional with OAuth). */
export function requiredSecrets(profile: TenantProfile): SecretName[] {
  if (profile.kind === 'intune') return [];
  return profile.auth.method === 'oauth' ? ['clientSecret'] : ['password', 'apiKey'];
}

/**
 * What a profile's saved secrets belong to: the origin they are sent to (https + host + port), and the
 * token region, user name and auth method they were entered for. When any of these changes, the saved
 * secrets no longer apply and must be entered again (they are filed under this, see `profileSecretKey`).
 */
export function secretBinding(profile: TenantProfile): string {
  if (profile.kind === 'intune') return `intune@${profile.cloud}`;
  const origin = new URL(`https://${profile.apiHost}`).origin;
  return profile.auth.method === 'oauth' ? `${origin}|oauth|${profile.auth.region}` : `${origin}|basic|${profile.auth.username}`;
}

/** The setup form's warning: saving this draft over `existing` clears its saved secrets (they must be entered again). */
export function draftClearsSecrets(existing: TenantProfile | undefined, draft: ProfileDraft): boolean {
  if (!existing || existing.kind !== 'ws1') return false;
  const next = validateProfileDraft(draft, secretNames);
  return next.ok && secretBinding(next.profile) !== secretBinding(existing);
}

export const secretsClearedMessage =
  'The API host, token region, user name or authentication method changed, so the saved secrets were cleared: enter them again.';

/** What the renderer may see of a profile: no secret, only whether each one is saved and where. */
export const profileViewSchema = z.object({
  profile: tenantProfileSchema,
  secretsSaved: z.object({ clientSecret: z.boolean(), apiKey: z.boolean(), password: z.boolean() }),
  /** keychain: saved across restarts; session: the keychain is unusable, secrets are forgotten on exit. */
  secretStorage: z.enum(['keychain', 'session']),
});
export type ProfileView = z.infer<typeof profileViewSchema>;

/**
 * What the setup form sends: loose strings, checked by `validateProfileDraft`. A secret left empty on an
 * existing profile keeps the saved one, unless the draft changes what the secrets are bound to
 * (`secretBinding`): then every secret must be entered again. This crosses IPC once, renderer → main; nothing returns it.
 */
export const profileDraftSchema = z.object({
  kind: z.enum(['intune', 'ws1']),
  id: z.string().max(64).optional(),
  name: z.string().max(200).default(''),
  tenant: z.string().max(300).optional(),
  clientId: z.string().max(300).optional(),
  cloud: z.string().max(40).optional(),
  apiHost: z.string().max(300).optional(),
  authMethod: z.enum(['oauth', 'basic']).optional(),
  region: z.string().max(40).optional(),
  username: z.string().max(300).optional(),
  /** Guard rails: devices above which a reason is asked for, and above which a job starts in stages (empty: defaults). */
  reasonAbove: z.string().max(12).optional(),
  stageAbove: z.string().max(12).optional(),
  /** Never-choose account patterns, one per line or comma-separated (empty: only the built-in ones). */
  neverChoose: z.string().max(6000).optional(),
  secrets: z.object({ clientSecret: z.string().max(2000), apiKey: z.string().max(2000), password: z.string().max(2000) }).partial().optional(),
});
export type ProfileDraft = z.input<typeof profileDraftSchema>;

export interface DraftProblem {
  field: string;
  message: string;
}
export type DraftCheck =
  | { ok: true; profile: TenantProfile; secrets: Partial<Record<SecretName, string>> }
  | { ok: false; problems: DraftProblem[] };

/** Checks a setup form and says precisely what to fix, field by field. `savedSecrets` lists those already stored. */
export function validateProfileDraft(raw: ProfileDraft, savedSecrets: readonly SecretName[] = []): DraftCheck {
  const parsed = profileDraftSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, problems: [{ field: 'form', message: 'The form was incomplete; fill in every field and try again.' }] };
  const d = parsed.data;
  const problems: DraftProblem[] = [];
  const add = (field: string, message: string) => problems.push({ field, message });
  const name = d.name.trim();
  if (!name) add('name', 'Give the profile a name, e.g. "Contoso production".');
  else if (name.length > 80) add('name', 'Keep the name to 80 characters or fewer.');
  const id = d.id ?? slug(name);
  if (!profileIdSchema.safeParse(id).success) add('name', 'Use at least one letter or digit in the name.');
  const guard = draftGuardRails(d.reasonAbove, d.stageAbove, add);
  const never = draftAccountPatterns(d.neverChoose, add);
  const guardRails = { ...(guard ? { guardRails: guard } : {}), ...(never.length ? { neverChoose: never } : {}) };
  const secrets: Partial<Record<SecretName, string>> = {};
  for (const key of secretNames) {
    const value = d.secrets?.[key]?.trim();
    if (value) secrets[key] = value;
  }

  if (d.kind === 'intune') {
    const tenant = (d.tenant ?? '').trim().toLowerCase();
    if (!tenant) add('tenant', 'Enter the Directory (tenant) ID from Entra ID › Overview, or the tenant domain such as contoso.onmicrosoft.com.');
    else if (/^https?:\/\//.test(tenant)) add('tenant', 'Enter only the tenant ID or domain, not a URL.');
    else if (['common', 'organizations', 'consumers'].includes(tenant)) add('tenant', `"${tenant}" is not a tenant: enter your organisation's tenant ID or domain.`);
    else if (!guidPattern.test(tenant) && !domainPattern.test(tenant)) add('tenant', 'The tenant must be a GUID (8-4-4-4-12 hex digits) or a domain such as contoso.onmicrosoft.com.');
    const clientId = (d.clientId ?? '').trim().toLowerCase();
    if (!clientId) add('clientId', 'Enter the Application (client) ID of your Entra app registration (its Overview page).');
    else if (!guidPattern.test(clientId)) add('clientId', 'The Application (client) ID is a GUID (8-4-4-4-12 hex digits), not the app name or object ID URL.');
    const cloud = intuneCloudSchema.safeParse(d.cloud ?? 'global');
    if (!cloud.success) add('cloud', 'Choose the cloud: Global, US Government L4, US Government DoD or China.');
    if (Object.keys(secrets).length) add('secrets', 'An Intune profile signs in as you through the browser; it takes no secret.');
    if (problems.length || !cloud.success) return { ok: false, problems };
    return { ok: true, profile: { kind: 'intune', id, name, tenant, clientId, cloud: cloud.data, ...guardRails }, secrets: {} };
  }

  const apiHost = normaliseHost(d.apiHost ?? '');
  if (!apiHost.host) add('apiHost', 'Enter the Workspace ONE API host, e.g. as1506.awmdm.com (Groups & Settings › System › Advanced › Site URLs › REST API URL).');
  else if (apiHost.problem) add('apiHost', apiHost.problem);
  else if (/^cn\d+\./.test(apiHost.host)) add('apiHost', `${apiHost.host} is the console host; the REST API is on the matching as… host (e.g. ${apiHost.host.replace(/^cn/, 'as')}).`);
  else if (/uemauth\./.test(apiHost.host)) add('apiHost', 'That is the OAuth token host; the API host is your as… host, e.g. as1506.awmdm.com.');
  else if (!hostPattern.test(apiHost.host)) add('apiHost', 'The API host must be a host name such as as1506.awmdm.com.');
  const have = (key: SecretName) => Boolean(secrets[key]) || savedSecrets.includes(key);
  let auth: Ws1Auth | undefined;
  if (d.authMethod === 'oauth') {
    const clientId = (d.clientId ?? '').trim();
    if (!clientId) add('clientId', 'Enter the OAuth client ID (Groups & Settings › Configurations › OAuth Client Management).');
    const region = ws1RegionSchema.safeParse(d.region ?? '');
    if (!region.success) add('region', 'Choose the token region your OAuth client was created for: North America, EMEA, APAC or UAT.');
    if (!have('clientSecret')) add('clientSecret', 'Enter the OAuth client secret (shown once when the client was created).');
    if (clientId && region.success) auth = { method: 'oauth', region: region.data, clientId };
  } else if (d.authMethod === 'basic') {
    const username = (d.username ?? '').trim();
    if (!username) add('username', 'Enter the admin user name for Basic authentication.');
    if (!have('password')) add('password', "Enter that admin's password.");
    if (!have('apiKey')) add('apiKey', 'Enter the REST API key (tenant code) from Groups & Settings › System › Advanced › API › REST API.');
    if (username) auth = { method: 'basic', username };
  } else {
    add('authMethod', 'Choose how to authenticate: OAuth client credentials (recommended) or Basic with an API key.');
  }
  if (secrets.clientSecret && d.authMethod !== 'oauth') add('clientSecret', 'A client secret is only used with OAuth.');
  if (secrets.password && d.authMethod !== 'basic') add('password', 'A password is only used with Basic authentication.');
  if (problems.length || !auth) return { ok: false, problems };
  return { ok: true, profile: { kind: 'ws1', id, name, apiHost: apiHost.host, auth, ...guardRails }, secrets };
}

/** The draft's guard rails: both empty means the defaults; otherwise whole numbers, the staged one not below the reason one. */
function draftGuardRails(reasonRaw: string | undefined, stageRaw: string | undefined, add: (field: string, message: string) => void): GuardRails | undefined {
  const reason = (reasonRaw ?? '').trim().replace(/[,\s]/g, '');
  const stage = (stageRaw ?? '').trim().replace(/[,\s]/g, '');
  if (!reason && !stage) return undefined;
  const r = reason ? Number(reason) : defaultGuardRails.reasonAbove;
  const s = stage ? Number(stage) : defaultGuardRails.stageAbove;
  const ok = (n: number) => Number.isInteger(n) && n >= 1 && n <= 1_000_000;
  if (!ok(r)) add('reasonAbove', 'Ask for a reason above a whole number of devices between 1 and 1,000,000 (default 100).');
  if (!ok(s)) add('stageAbove', 'Start in stages above a whole number of devices between 1 and 1,000,000 (default 1,000).');
  else if (ok(r) && s < r) add('stageAbove', 'The staged start should not begin below the reason threshold.');
  return ok(r) && ok(s) ? { reasonAbove: r, stageAbove: s } : undefined;
}

/** The never-choose patterns of a draft, lower case and without repeats; each one checked. */
function draftAccountPatterns(raw: string | undefined, add: (field: string, message: string) => void): string[] {
  const items = [...new Set((raw ?? '').split(/[\r\n,;]+/).map((s) => s.trim().toLowerCase()).filter(Boolean))];
  const bad = items.filter((p) => !accountPatternSchema.safeParse(p).success);
  if (bad.length)
    add('neverChoose', `“${bad[0].slice(0, 40)}” is not a pattern: use letters, digits, . _ - @ + and * for any text (e.g. svc-*, *kiosk*, dem.*@contoso.com), no spaces or regular-expression signs.`);
  else if (items.length > maxAccountPatterns) add('neverChoose', `Keep to ${maxAccountPatterns} patterns or fewer.`);
  return bad.length || items.length > maxAccountPatterns ? [] : items;
}

function slug(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64);
}

/** Accepts a pasted URL ("https://as1506.awmdm.com/API/help") as long as it names only a host. */
function normaliseHost(raw: string): { host: string; problem?: string } {
  const text = raw.trim().toLowerCase();
  if (!text) return { host: '' };
  if (!/^[a-z]+:\/\//.test(text)) return { host: text.replace(/\/+$/, '') };
  try {
    const url = new URL(text);
    if (url.protocol !== 'https:') return { host: url.host, problem: 'The API host must be reached over https.' };
    if (url.username || url.password) return { host: url.host, problem: 'Do not put a user name or password in the host.' };
    return { host: url.host };
  } catch {
    return { host: text, problem: 'The API host must be a host name such as as1506.awmdm.com.' };
  }
}

/** Which thing stops a connection, for the setup screen's "Test connection". */
export const connectionMissingSchema = z.enum([
  'secret', // a required secret is not saved
  'keychain', // secrets cannot be read (unusable keychain) — fixed by re-entering or by unlocking it
  'sign-in', // nobody is signed in, or the sign-in expired
  'consent', // the app registration lacks admin consent for a scope
  'scope', // the token lacks a scope the call needs
  'role', // the scope is there but the account lacks the Intune / WS1 admin role or privilege
  'host', // the host does not resolve, or is not the API host
  'region', // WS1 OAuth client refused at this region's token URL
  'credentials', // client ID / secret / password / API key refused
  'tenant', // tenant ID or domain unknown, or wrong cloud
  'network', // the service could not be reached (timeout, TLS, 5xx)
]);
export type ConnectionMissing = z.infer<typeof connectionMissingSchema>;

export const connectionCheckSchema = z.object({
  /** What was tried, e.g. "Token from the EMEA token URL". */
  step: z.string(),
  ok: z.boolean(),
  detail: z.string(),
});
export const connectionReportSchema = z.object({
  ok: z.boolean(),
  /** null when everything worked. */
  missing: connectionMissingSchema.nullable(),
  /** One sentence for the technician: what is missing and where to fix it. */
  message: z.string(),
  checks: z.array(connectionCheckSchema),
});
export type ConnectionReport = z.infer<typeof connectionReportSchema>;
export type ConnectionCheck = z.infer<typeof connectionCheckSchema>;

/** A signed-in Entra account as the account picker shows it. */
export const signedInAccountSchema = z.object({
  homeAccountId: z.string(),
  username: z.string(),
  name: z.string().optional(),
  tenantId: z.string(),
});
export type SignedInAccount = z.infer<typeof signedInAccountSchema>;
