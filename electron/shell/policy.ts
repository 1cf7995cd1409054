// The shell's security decisions as plain functions, so tests can check them without Electron.
import { resolveUnder } from '../services/static-files.ts';

export const APP_SCHEME = 'app';
export const APP_HOST = 'helpdesk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY = `${APP_ORIGIN}/index.html`;

/** Maps an `app://helpdesk/<path>` request to a file under `rootDir`, or null when it must be refused. */
export function resolveAppFile(rootDir: string, requestUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST || url.username || url.password || url.port) return null;
  return resolveUnder(rootDir, url.pathname);
}

/** The only place the window may be: the app's own page. */
export function isAppUrl(raw: string): boolean {
  try {
    const url = new URL(raw);
    return url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST;
  } catch {
    return false;
  }
}
