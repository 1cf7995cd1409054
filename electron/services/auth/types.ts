// What the Graph and Workspace ONE clients take to authenticate. They never see how tokens are obtained.

export interface TokenRequestOptions {
  signal?: AbortSignal;
}

/** Graph: a bearer access token for these scopes (full URIs on the profile's Graph host). */
export interface GraphTokenProvider {
  getToken(scopes: string[], options?: TokenRequestOptions): Promise<string>;
}

/** Workspace ONE: the headers for one API call (Authorization, aw-tenant-code). */
export interface Ws1AuthProvider {
  authHeaders(options?: TokenRequestOptions): Promise<Record<string, string>>;
  /** After a 401 from the API: forget the cached token so the next call fetches a new one. */
  invalidate(): void;
}

/** Injected HTTP (global `fetch` in the app, a local server's in tests). */
export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;
