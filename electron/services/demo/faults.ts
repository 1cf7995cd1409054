// Test-only fault injection: rules live on the DemoTenant object and are never reachable over HTTP.
export const faultKinds = ['unauthorized', 'forbidden', 'throttled', 'server_error', 'slow', 'drop', 'malformed_json'] as const;
export type FaultKind = (typeof faultKinds)[number];

export interface FaultOptions {
  /** Which simulator; default both. */
  target?: 'graph' | 'ws1' | 'any';
  /** Only this HTTP method; default any. */
  method?: string;
  /** How many matching requests to affect; default every one until clear(). */
  times?: number;
  /** server_error: the 5xx status (default 503). */
  status?: number;
  /** slow: delay before the normal answer (default 2,000 ms). */
  delayMs?: number;
  /** slow: answer when this settles instead of after `delayMs` (a gate the test opens); a client that hangs up first gets nothing. */
  until?: Promise<unknown>;
  /** throttled: Retry-After seconds; null sends a 429 without Retry-After (default 1). */
  retryAfterSeconds?: number | null;
}

export interface Fault {
  kind: FaultKind;
  status: number;
  delayMs: number;
  until?: Promise<unknown>;
  retryAfterSeconds: number | null;
}

interface Rule {
  pattern: RegExp;
  kind: FaultKind;
  options: FaultOptions;
  left: number;
}

/** `pattern`: a path with `*` wildcards (`/beta/deviceManagement/managedDevices/*`) or a RegExp on the path. */
export class FaultInjector {
  private rules: Rule[] = [];

  inject(pattern: string | RegExp, kind: FaultKind, options: FaultOptions = {}): void {
    const re = typeof pattern === 'string' ? globToRegExp(pattern) : pattern;
    this.rules.push({ pattern: re, kind, options, left: options.times ?? Number.POSITIVE_INFINITY });
  }

  clear(): void {
    this.rules = [];
  }

  /**
   * The first live rule for this request, consuming one of its `times`. `statusOnly` (for `$batch`
   * sub-requests, which have no connection of their own) skips slow, drop and malformed_json rules.
   */
  take(target: 'graph' | 'ws1', method: string, path: string, statusOnly = false): Fault | null {
    for (const rule of this.rules) {
      const o = rule.options;
      if (rule.left <= 0) continue;
      if (statusOnly && !statusKinds.has(rule.kind)) continue;
      if (o.target && o.target !== 'any' && o.target !== target) continue;
      if (o.method && o.method.toUpperCase() !== method.toUpperCase()) continue;
      if (!rule.pattern.test(path)) continue;
      rule.left--;
      return {
        kind: rule.kind,
        status: rule.kind === 'server_error' ? (o.status ?? 503) : statusOf[rule.kind],
        delayMs: o.delayMs ?? 2_000,
        until: o.until,
        retryAfterSeconds: o.retryAfterSeconds === undefined ? 1 : o.retryAfterSeconds,
      };
    }
    return null;
  }
}

const statusKinds: ReadonlySet<FaultKind> = new Set(['unauthorized', 'forbidden', 'throttled', 'server_error']);

const statusOf: Record<FaultKind, number> = {
  unauthorized: 401,
  forbidden: 403,
  throttled: 429,
  server_error: 503,
  slow: 200,
  drop: 0,
  malformed_json: 200,
};

function globToRegExp(glob: string): RegExp {
  const body = glob
    .split('*')
    .map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${body}$`, 'i');
}

/** A body that starts like JSON and breaks off, for the malformed_json fault. */
export const MALFORMED_JSON = '{"value":[{"id":"3f1c0e9a-71b2-4f7e-9d1e-';
