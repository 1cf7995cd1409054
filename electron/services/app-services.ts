// Builds every service main needs and the router over them. The Electron shell, the browser host
// (`npm start` without Electron) and the end-to-end tests all start the app through this one function.
import { AppError } from '../common/errors.ts';
import { type AppInfo } from '../common/app.ts';
import { startDemoTenant, type DemoTenant } from './demo/index.ts';
import { Router, type Handlers } from './router/router.ts';
import { SettingsStore } from './settings/settings-store.ts';
import type { Logger } from './log/logger.ts';

export interface AppServicesOptions {
  host: AppInfo['host'];
  version: string;
  platform: string;
  /** The app's data folder (settings, cache, job journal, logs). */
  dataDir: string;
  /** Origins whose top frame may call main (the app's own page). */
  trustedOrigins: readonly string[];
  logger: Logger;
  /**
   * demo-only: the browser host, which must never touch a real tenant or token; real tenants run only
   * inside Electron. any: a configured real tenant is used, the demo tenant otherwise.
   */
  tenantPolicy: 'demo-only' | 'any';
  /** Opens an already-validated admin-portal URL in the OS browser. */
  openExternal: (url: string) => Promise<void>;
}

export interface AppServices {
  router: Router;
  demo: DemoTenant | undefined;
  dispose(): Promise<void>;
}

export async function createAppServices(opts: AppServicesOptions): Promise<AppServices> {
  const settings = new SettingsStore(opts.dataDir);
  // No tenant profiles exist yet (sign-in is its own issue): the app always runs on the demo tenant.
  const demo = await startDemoTenant();
  opts.logger.info('app', `demo tenant started (graph ${demo.graphUrl || 'stand-in'}, ws1 ${demo.ws1Url || 'stand-in'})`);

  const info: AppInfo = {
    name: 'Shared Device Helpdesk',
    version: opts.version,
    platform: opts.platform,
    host: opts.host,
    tenant: { mode: 'demo', label: 'Demo tenant — simulated Intune and Workspace ONE data, nothing real is changed' },
  };

  const handlers: Handlers = {
    getAppInfo: () => info,
    getTheme: () => settings.get().theme,
    setTheme: (theme) => {
      settings.update({ theme });
      return null;
    },
    openExternal: async (url) => {
      // The contract's schema already checked the allowlist; this is the action itself.
      try {
        await opts.openExternal(url);
      } catch (err) {
        throw new AppError('internal', 'The link could not be opened in your browser.', String(err));
      }
      return null;
    },
  };

  const router = new Router(handlers, opts.trustedOrigins, opts.logger);
  return {
    router,
    demo,
    dispose: async () => {
      await demo.stop();
    },
  };
}
