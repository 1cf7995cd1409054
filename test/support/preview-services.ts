// The app's services as the browser preview runs them (demo-only, the app page as the one trusted origin),
// for tests that call main through its router the way the renderer does.
import { createAppServices, type AppServices, type AppServicesOptions } from '../../electron/services/app-services.ts';
import { silentLogger } from '../../electron/services/log/logger.ts';

/** The sender of every call the tests make: the app's own top frame. */
export const appFrame = { frameUrl: 'app://helpdesk/index.html', isMainFrame: true };

export function startPreviewServices(dataDir: string, more: Partial<AppServicesOptions> = {}): Promise<AppServices> {
  return createAppServices({
    host: 'test',
    version: '0.0.0',
    platform: 'linux',
    dataDir,
    trustedOrigins: ['app://helpdesk'],
    logger: silentLogger,
    tenantPolicy: 'demo-only',
    openExternal: async () => {},
    ...more,
  });
}
