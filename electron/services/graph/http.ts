// One resilient HTTP call, shared by the Graph and Workspace ONE clients: per-attempt timeout,
// cancellation, Retry-After, exponential back-off with jitter, one re-authentication on 401, 403 explained;
// redirects followed only within the request's origin (../net/same-origin-fetch.ts).
import { AppError } from '../../common/errors.ts';
import { apiTrace } from '../net/api-trace.ts';
import { CrossOriginRedirect, sameOriginFetch, TooManyRedirects } from '../net/same-origin-fetch.ts';
import { currentPatience, WaitBudget } from './patience.ts';

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export interface HttpDeps {
  fetch?: typeof fetch;
  sleep?: Sleep;
  /** 0 ≤ x < 1; injected so back-off is testable. */
  random?: () => number;
  retry?: Partial<RetryPolicy>;
}

export interface RetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  timeoutMs: number;
  /** A Retry-After longer than this is not waited for: the call fails as throttled. */
  maxRetryAfterMs: number;
}

export const defaultRetryPolicy: RetryPolicy = {
  maxAttempts: 4,
  baseDelayMs: 500,
  maxDelayMs: 10_000,
  timeoutMs: 20_000,
  maxRetryAfterMs: 60_000,
};

export interface HttpCall {
  method: 'GET' | 'POST';
  url: string;
  body?: string;
  /** Fresh headers per attempt (a token may have been renewed after a 401). */
  headers: () => Promise<Record<string, string>>;
  signal?: AbortSignal;
  /** Overrides the service's 403 sentence for this call (a different scope is missing). */
  forbidden?: string;
}

export interface HttpService {
  /** "Intune" / "Workspace ONE", used in the technician's sentence. */
  label: string;
  onUnauthorized?: () => Promise<void>;
  /** The sentence for a 403: which scope or role is missing. */
  forbidden: (body: string) => string;
  /** Statuses worth another try besides 429 and 5xx (WS1: 408). */
  alsoTransient?: number[];
}

export interface HttpResponse {
  status: number;
  headers: Headers;
  text: string;
}

export const defaultSleep: Sleep = (ms, signal) =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(cancelled());
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(cancelled());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });

export const cancelled = (): AppError => new AppError('cancelled', 'The search was cancelled.');

/** Seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, nowMs = Date.now()): number | undefined {
  if (!value) return undefined;
  const s = Number(value.trim());
  if (Number.isFinite(s) && s >= 0) return s * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

export function backoffMs(attempt: number, policy: RetryPolicy, random: () => number, jitter: boolean): number {
  const exp = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return jitter ? Math.round(exp * (0.5 + random() * 0.5)) : exp;
}

export class ResilientHttp {
  private readonly fetchFn: typeof fetch;
  private readonly sleep: Sleep;
  private readonly random: () => number;
  readonly policy: RetryPolicy;

  constructor(
    private readonly service: HttpService,
    deps: HttpDeps = {},
  ) {
    this.fetchFn = sameOriginFetch(deps.fetch ?? globalThis.fetch);
    this.sleep = deps.sleep ?? defaultSleep;
    this.random = deps.random ?? Math.random;
    this.policy = { ...defaultRetryPolicy, ...deps.retry };
  }

  /** Resolves with any response that is not retried or mapped to an error (2xx, 3xx, 400, 404, …). */
  async send(call: HttpCall): Promise<HttpResponse> {
    const { label } = this.service;
    let reauthenticated = false;
    // A bulk read (patience.ts) waits out every Retry-After within its budget instead of giving up.
    const patience = currentPatience();
    const budget = patience ? new WaitBudget(patience, label) : null;
    for (let attempt = 1; ; attempt++) {
      if (call.signal?.aborted) throw cancelled();
      const last = attempt >= this.policy.maxAttempts;
      const timeout = AbortSignal.timeout(this.policy.timeoutMs);
      const signal = call.signal ? AbortSignal.any([call.signal, timeout]) : timeout;
      let res: Response | undefined;
      let text: string;
      const started = Date.now();
      try {
        res = await this.fetchFn(call.url, { method: call.method, headers: await call.headers(), body: call.body, signal });
        text = await res.text();
        apiTrace.record({ service: label, method: call.method, url: call.url, status: res.status, startedMs: started, headers: res.headers });
      } catch (err) {
        apiTrace.record({ service: label, method: call.method, url: call.url, status: res?.status ?? null, startedMs: started, headers: res?.headers });
        if (call.signal?.aborted) throw cancelled();
        if (err instanceof AppError) throw err; // from headers(): sign-in failed
        if (err instanceof CrossOriginRedirect)
          throw new AppError('not_allowed', `${label} sent the request on to another host (${err.to.host}); the app did not follow it, so your sign-in stayed with ${label}.`, `${call.method} ${call.url}: ${err.message}`);
        if (err instanceof TooManyRedirects) throw new AppError('unavailable', `${label} keeps redirecting the request; try again later.`, `${call.method} ${call.url}: ${err.message}`);
        const timedOut = timeout.aborted;
        if (!last) {
          await this.sleep(backoffMs(attempt, this.policy, this.random, true), call.signal);
          continue;
        }
        throw timedOut
          ? new AppError('timeout', `${label} did not answer in time.`, `${call.method} ${call.url}`)
          : new AppError('unavailable', `${label} cannot be reached (network).`, `${call.method} ${call.url}: ${String(err)}`);
      }
      const { status } = res;
      if (status === 401) {
        if (!reauthenticated && this.service.onUnauthorized) {
          reauthenticated = true;
          await this.service.onUnauthorized();
          attempt--; // the re-authentication does not use up a retry
          continue;
        }
        throw new AppError('unauthorized', `${label} refused the sign-in: sign in again.`, `${call.method} ${call.url}: 401 ${text.slice(0, 300)}`);
      }
      if (status === 403) throw new AppError('forbidden', call.forbidden ?? this.service.forbidden(text), `${call.method} ${call.url}: 403 ${text.slice(0, 300)}`);
      const throttled = status === 429;
      if (throttled || status >= 500 || (this.service.alsoTransient ?? []).includes(status)) {
        const retryAfter = parseRetryAfter(res.headers.get('retry-after'));
        const delay = retryAfter ?? backoffMs(attempt, this.policy, this.random, !throttled);
        if (budget) {
          if (!budget.allows(delay, throttled ? 'throttled' : 'unavailable')) throw budget.exhausted(`${call.url}: ${status} after ${attempt} attempts`);
          await this.sleep(delay, call.signal);
          continue;
        }
        if (!last && delay <= this.policy.maxRetryAfterMs) {
          await this.sleep(delay, call.signal);
          continue;
        }
        throw throttled
          ? new AppError('throttled', `${label} is throttling requests; try again in a minute.`, `${call.url}: 429 after ${attempt} attempts`)
          : new AppError('unavailable', `${label} is having problems (HTTP ${status}); try again later.`, `${call.url}: ${status} ${text.slice(0, 300)}`);
      }
      return { status, headers: res.headers, text };
    }
  }
}

/** A response that is neither success nor handled above, as a value. */
export function unexpectedStatus(label: string, r: HttpResponse, what: string): AppError {
  if (r.status === 404) return new AppError('not_found', `${label}: ${what} was not found.`, r.text.slice(0, 300));
  return new AppError('internal', `${label} rejected the request for ${what} (HTTP ${r.status}).`, r.text.slice(0, 500));
}
