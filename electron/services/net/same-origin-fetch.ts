// fetch that follows a redirect only within the origin it was sent to. Every call that carries a
// credential (a bearer token, Basic, aw-tenant-code, a client secret) goes through it: a redirect to any
// other origin is refused before anything is sent there, so a credential never leaves the host it
// belongs to. (fetch's own `follow` would resend the headers a caller set, aw-tenant-code included.)

export class CrossOriginRedirect extends Error {
  constructor(
    readonly from: URL,
    readonly to: URL,
  ) {
    super(`redirect from ${from.origin} to ${to.origin} refused`);
    this.name = 'CrossOriginRedirect';
  }
}

export class TooManyRedirects extends Error {
  constructor(readonly url: URL) {
    super(`more than ${maxRedirects} redirects from ${url.origin}`);
    this.name = 'TooManyRedirects';
  }
}

const maxRedirects = 5;
const redirectStatuses = new Set([301, 302, 303, 307, 308]);

export function sameOriginFetch(fetchFn: typeof fetch = globalThis.fetch): typeof fetch {
  return async (input, init = {}) => {
    let url = new URL(input instanceof Request ? input.url : String(input));
    const origin = url.origin;
    let method = init.method ?? 'GET';
    let body = init.body;
    for (let hop = 0; ; hop++) {
      const res = await fetchFn(url.href, { ...init, method, body, redirect: 'manual' });
      const location = res.headers.get('location');
      if (!redirectStatuses.has(res.status) || location === null) return res;
      await res.body?.cancel();
      const next = new URL(location, url);
      if (next.origin !== origin) throw new CrossOriginRedirect(url, next);
      if (hop >= maxRedirects) throw new TooManyRedirects(url);
      // 303 always, and 301/302 after a POST, continue as GET without a body (as browsers and fetch do).
      if (res.status === 303 || ((res.status === 301 || res.status === 302) && method === 'POST')) {
        method = 'GET';
        body = undefined;
      }
      url = next;
    }
  };
}

/** True when `link` (absolute or relative) points at the same origin as `base`. */
export function sameOrigin(link: string, base: string): boolean {
  try {
    return new URL(link, base).origin === new URL(base).origin;
  } catch {
    return false;
  }
}
