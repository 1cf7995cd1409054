// `npm start` where no Electron binary exists: serves the built renderer to a browser on 127.0.0.1,
// demo tenant only. Every URL lives under an unguessable per-run key; the Host header must be ours (no DNS
// rebinding) and API calls must come from our own Origin with a JSON body (no cross-site requests).
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import type { Router } from '../router/router.ts';
import { CONTENT_SECURITY_POLICY, mimeType, resolveUnder } from '../static-files.ts';

export interface BrowserHostOptions {
  router: Router;
  rendererDir: string;
  bridgeFile: string;
  port?: number;
}

export interface BrowserHost {
  /** The URL to open, secret included. */
  url: string;
  origin: string;
  close(): Promise<void>;
}

const MAX_BODY = 1 << 20;

export async function startBrowserHost(opts: BrowserHostOptions): Promise<BrowserHost> {
  const key = randomBytes(24).toString('base64url');
  const prefix = `/${key}/`;
  const sse = new Set<ServerResponse>();
  let origin = '';

  const server = createServer((req, res) => {
    void handle(req, res).catch(() => {
      if (!res.headersSent) send(res, 500, 'text/plain', 'Internal error');
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.headers.host !== new URL(origin).host) return send(res, 421, 'text/plain', 'Wrong host');
    const path = (req.url ?? '/').split('?')[0];
    if (path === `/${key}`) {
      res.writeHead(308, { location: prefix }).end();
      return;
    }
    if (!path.startsWith(prefix)) return send(res, 404, 'text/plain', 'Not found');
    const rest = path.slice(prefix.length);

    if (rest.startsWith('api/')) {
      // Browsers send Origin on every POST; a same-origin EventSource GET carries none, but Chromium marks
      // it Sec-Fetch-Site: same-origin. Anything else is refused.
      const sameOrigin = req.headers.origin === origin || (req.method === 'GET' && req.headers.origin === undefined && req.headers['sec-fetch-site'] === 'same-origin');
      if (!sameOrigin) return send(res, 403, 'text/plain', 'Forbidden origin');
      if (rest === 'api/events' && req.method === 'GET') return openEvents(res);
      const m = /^api\/invoke\/([A-Za-z]+)$/.exec(rest);
      if (!m || req.method !== 'POST') return send(res, 404, 'text/plain', 'Not found');
      if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return send(res, 415, 'text/plain', 'JSON only');
      const body = await readBody(req);
      if (body === undefined) return send(res, 413, 'text/plain', 'Too large');
      let arg: unknown;
      try {
        arg = (JSON.parse(body) as { arg?: unknown }).arg;
      } catch {
        arg = Symbol('malformed'); // fails every schema: the router answers bad_argument
      }
      const result = await opts.router.invoke(m[1], arg, { frameUrl: `${origin}${prefix}`, isMainFrame: true });
      return send(res, 200, 'application/json', JSON.stringify(result));
    }

    if (req.method !== 'GET') return send(res, 405, 'text/plain', 'Method not allowed');
    if (rest === 'bridge.js') return send(res, 200, mimeType('bridge.js'), await readFile(opts.bridgeFile));
    const file = resolveUnder(opts.rendererDir, rest === '' ? 'index.html' : rest);
    if (!file) return send(res, 404, 'text/plain', 'Not found');
    let body: Buffer;
    try {
      body = await readFile(file);
    } catch {
      return send(res, 404, 'text/plain', 'Not found');
    }
    if (file.endsWith('index.html')) {
      // The bridge must exist before the app's module script runs: a classic script in <head>.
      body = Buffer.from(body.toString('utf8').replace('<head>', '<head>\n    <script src="./bridge.js"></script>'));
    }
    return send(res, 200, mimeType(file), body);
  }

  function openEvents(res: ServerResponse): void {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
    res.write(': connected\n\n');
    sse.add(res);
    res.on('close', () => sse.delete(res));
  }

  const unsubscribe = opts.router.subscribe((channel, payload) => {
    const line = `data: ${JSON.stringify({ channel, payload })}\n\n`;
    for (const res of sse) res.write(line);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: `${origin}${prefix}`,
    origin,
    close: async () => {
      unsubscribe();
      for (const res of sse) res.end();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, {
    'content-type': type,
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store',
  });
  res.end(body);
}

function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY) chunks.push(c); // past the cap, drain and drop so the 413 can be read
    });
    req.on('end', () => resolve(size > MAX_BODY ? undefined : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
