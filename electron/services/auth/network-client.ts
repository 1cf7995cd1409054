// MSAL's HTTP client with an extra trusted CA: the test authority's, or a corporate TLS-inspection root.
// Without a CA the app leaves MSAL's default client (global fetch) in place.
import { request } from 'node:https';
import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from '@azure/msal-node';

export interface CaNetworkClientOptions {
  /** PEM roots trusted instead of Node's defaults: tests pin their CA; for a corporate TLS-inspection
   *  root pass `[...tls.rootCertificates, corporateRoot]`. */
  ca: string | string[];
  timeoutMs?: number;
}

export class CaNetworkClient implements INetworkModule {
  constructor(private readonly options: CaNetworkClientOptions) {}

  sendGetRequestAsync<T>(url: string, options?: NetworkRequestOptions, timeout?: number): Promise<NetworkResponse<T>> {
    return this.send<T>('GET', url, options, timeout);
  }

  sendPostRequestAsync<T>(url: string, options?: NetworkRequestOptions): Promise<NetworkResponse<T>> {
    return this.send<T>('POST', url, options);
  }

  private send<T>(method: string, url: string, options?: NetworkRequestOptions, timeout?: number): Promise<NetworkResponse<T>> {
    return new Promise((resolve, reject) => {
      const req = request(url, { method, headers: options?.headers, ca: this.options.ca, timeout: timeout ?? this.options.timeoutMs ?? 30_000 }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const headers: Record<string, string> = {};
          for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
          try {
            resolve({ status: res.statusCode ?? 0, headers, body: (text ? JSON.parse(text) : {}) as T });
          } catch {
            reject(new Error(`MSAL network: ${method} ${new URL(url).pathname} answered ${res.statusCode} with a body that is not JSON`));
          }
        });
      });
      req.on('timeout', () => req.destroy(new Error(`MSAL network: ${method} timed out`)));
      req.on('error', reject);
      if (method === 'POST') req.end(options?.body ?? '');
      else req.end();
    });
  }
}
