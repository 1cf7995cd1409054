// Redaction for every log line: Authorization headers, bearer/basic credentials, JWTs, OAuth fields
// (access/refresh/id tokens, codes, verifiers, client secrets, passwords, API keys) in headers, JSON,
// query strings and form bodies — plus any exact value registered in a `KnownSecrets` set at runtime
// (tokens the app obtained), whatever shape the text around it has.

const mask = '[redacted]';

/** Field names whose values are secret, in JSON, form bodies, query strings and headers. */
const secretFields = [
  'access_token',
  'accessToken',
  'refresh_token',
  'refreshToken',
  'id_token',
  'idToken',
  'client_secret',
  'clientSecret',
  'code_verifier',
  'device_code',
  'client_assertion',
  'assertion',
  'password',
  'secret',
  'apiKey',
  'api_key',
  'aw-tenant-code',
  'x-api-key',
  'authorization',
  'cookie',
  'set-cookie',
  'secret_key',
];
const fieldAlternation = secretFields.map((f) => f.replace(/[-]/g, '\\-')).join('|');
const headerAlternation = secretFields.filter((f) => f !== 'authorization').map((f) => f.replace(/[-]/g, '\\-')).join('|');
/** `code` (the OAuth authorization code) only as a query or form field: "code": … in JSON is our error code. */
const formAlternation = `${headerAlternation}|code`;

const rules: Array<[RegExp, string]> = [
  // Authorization: <scheme> <credentials> (header line, object dump, "authorization=..."): mask the credentials
  [/\b(authorization["']?\s*[:=]\s*["']?)(?:(bearer|basic|negotiate|ntlm|token|sharedkey)\s+)?[^\s"',;}]+/gi, `$1$2 ${mask}`],
  [/\b(bearer|basic)\s+[A-Za-z0-9\-._~+/]{16,}=*/gi, `$1 ${mask}`],
  // "field": "value"  /  'field': 'value'
  [new RegExp(`(["'](?:${fieldAlternation})["']\\s*:\\s*)("(?:[^"\\\\]|\\\\.)*"|'(?:[^'\\\\]|\\\\.)*')`, 'gi'), `$1"${mask}"`],
  // field=value in query strings and form bodies
  [new RegExp(`([?&\\s;,]|^)((?:${formAlternation})=)[^&\\s"',;]+`, 'gi'), `$1$2${mask}`],
  // header lines "aw-tenant-code: xyz" and object dumps { password: 'x' }
  [new RegExp(`(^|[\\s{,])((?:${headerAlternation})\\s*:\\s*)("[^"]*"|'[^']*'|[^\\s,;}]+)`, 'gim'), `$1$2${mask}`],
  // JWTs (access and ID tokens) anywhere
  [/\beyJ[\w-]{8,}\.[\w-]{8,}\.[\w-]*/g, '[redacted-jwt]'],
];

/** Exact secret values the app holds right now; the redactor masks them wherever they appear. */
export class KnownSecrets {
  private readonly values = new Set<string>();

  /** Tokens keep coming over a long session; the oldest (long expired) are dropped past this many. */
  constructor(private readonly limit = 500) {}

  add(value: string | null | undefined): void {
    // Short values would mask ordinary words; real tokens and secrets are longer.
    if (!value || value.length < 8) return;
    this.values.delete(value);
    this.values.add(value);
    if (this.values.size > this.limit) this.values.delete(this.values.values().next().value as string);
  }

  delete(value: string): void {
    this.values.delete(value);
  }

  *[Symbol.iterator](): Iterator<string> {
    // Longest first, so a token containing a shorter secret is masked whole.
    yield* [...this.values].sort((a, b) => b.length - a.length);
  }
}

export function redact(text: string, known?: Iterable<string>): string {
  let out = text;
  if (known) {
    for (const value of known) {
      for (const form of encodedForms(value)) out = out.split(form).join(mask);
    }
  }
  for (const [pattern, replacement] of rules) out = out.replace(pattern, replacement);
  return out;
}

/** A redactor bound to a set of known secrets, for the logger. */
export function createRedactor(known: KnownSecrets): (text: string) => string {
  return (text) => redact(text, known);
}

/** Deep copy of a value with secret-named fields masked and strings redacted (for structured logs). */
export function redactValue(value: unknown, known?: Iterable<string>): unknown {
  if (typeof value === 'string') return redact(value, known);
  if (Array.isArray(value)) return value.map((v) => redactValue(v, known));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      out[k] = secretFields.some((f) => f.toLowerCase() === k.toLowerCase()) && v != null ? mask : redactValue(v, known);
    }
    return out;
  }
  return value;
}

function encodedForms(value: string): string[] {
  const forms = new Set([value, encodeURIComponent(value), Buffer.from(value).toString('base64'), Buffer.from(value).toString('base64url')]);
  return [...forms].filter((f) => f.length >= 8);
}
