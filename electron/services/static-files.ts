// Serving the built renderer safely, shared by the Electron protocol handler and the browser host.
import { extname, isAbsolute, relative, resolve, sep } from 'node:path';

/**
 * The page's Content-Security-Policy: only the app's own scripts and styles, no inline code, no eval,
 * no remote content, no frames, no plugins.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "frame-src 'none'",
].join('; ');

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

export function mimeType(file: string): string {
  return MIME[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * Resolves a URL path (still percent-encoded) to a file under `rootDir`, or null when it must be refused:
 * encoded separators or NUL, backslashes, `..` segments, or anything that lands outside the root.
 */
export function resolveUnder(rootDir: string, encodedPath: string): string | null {
  if (/%(2f|5c|00)/i.test(encodedPath) || encodedPath.includes('\\')) return null;
  let path: string;
  try {
    path = decodeURIComponent(encodedPath);
  } catch {
    return null;
  }
  if (path.includes('\0') || path.split('/').some((seg) => seg === '..')) return null;
  path = path.replace(/^\/+/, '');
  if (path === '') path = 'index.html';
  const root = resolve(rootDir);
  const file = resolve(root, path);
  const rel = relative(root, file);
  if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return null;
  return file;
}
