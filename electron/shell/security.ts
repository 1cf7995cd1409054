// Hardening applied to every session and web contents: deny navigation, new windows, webviews,
// permission requests and any request that is not for the app's own files.
import { shell, type App, type Session, type WebContents } from 'electron';
import { isAllowedExternalUrl } from '../common/app.ts';
import { isAppUrl } from './policy.ts';
import type { Logger } from '../services/log/logger.ts';

export function hardenSession(ses: Session, log: Logger): void {
  ses.setPermissionRequestHandler((_wc, permission, callback) => {
    log.warn('security', `denied permission request: ${permission}`);
    callback(false);
  });
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
  // No remote content and no extension, DevTools or other scheme, in every build: only the app's own files.
  ses.webRequest.onBeforeRequest((details, callback) => {
    const allowed = isAppUrl(details.url);
    if (!allowed) log.warn('security', `blocked request to ${details.url.slice(0, 200)}`);
    callback({ cancel: !allowed });
  });
}

export function hardenWebContents(app: App, log: Logger): void {
  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isAppUrl(url)) {
        event.preventDefault();
        log.warn('security', `blocked navigation to ${url.slice(0, 200)}`);
      }
    });
    contents.on('will-redirect', (event, url) => {
      if (!isAppUrl(url)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => {
      event.preventDefault();
      log.warn('security', 'blocked a webview tag');
    });
    contents.setWindowOpenHandler(({ url }) => {
      // Admin-portal links open in the OS browser; the app never opens a second window.
      if (isAllowedExternalUrl(url)) void shell.openExternal(url);
      else log.warn('security', `blocked new window for ${url.slice(0, 200)}`);
      return { action: 'deny' };
    });
  });
}
