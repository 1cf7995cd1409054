// Entry for `npm start` where Electron's binary is absent: the demo tenant in a browser tab.
import { homedir } from 'node:os';
import { join } from 'node:path';
import { createAppServices } from '../app-services.ts';
import { createLogger, fileSink } from '../log/logger.ts';
import { startBrowserHost } from './server.ts';

const root = new URL('../../../', import.meta.url).pathname;
const dataDir = process.env.SDH_DATA_DIR ?? join(homedir(), '.shared-device-helpdesk', 'browser-preview');
const logger = createLogger(fileSink(join(dataDir, 'logs', 'main.log')));
const version = (await import('../../../package.json', { with: { type: 'json' } })).default.version;

// The origin is known only once the server listens; the router's trust list is filled in then.
const trustedOrigins: string[] = [];
const services = await createAppServices({
  host: 'browser',
  version,
  platform: process.platform,
  dataDir,
  trustedOrigins,
  logger,
  tenantPolicy: 'demo-only',
  openExternal: async () => {}, // the page opens the tab itself once main has accepted the link
});
const host = await startBrowserHost({
  router: services.router,
  rendererDir: join(root, 'dist', 'renderer'),
  bridgeFile: join(root, 'dist', 'browser-host', 'bridge.js'),
  port: process.env.SDH_PORT ? Number(process.env.SDH_PORT) : 0,
});
trustedOrigins.push(host.origin);

console.log(`Shared Device Helpdesk (demo tenant) is at: ${host.url}`);
console.log('Open that address in a browser on this machine. Press Ctrl+C to stop.');

const stop = async () => {
  await host.close();
  await services.dispose();
  process.exit(0);
};
process.once('SIGINT', () => void stop());
process.once('SIGTERM', () => void stop());
