// `npm start` without Electron, as a technician sees it: the page in Chromium over the HTTP bridge.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { createAppServices, type AppServices } from '../../electron/services/app-services.ts';
import { startBrowserHost, type BrowserHost } from '../../electron/services/browser-host/server.ts';
import { silentLogger } from '../../electron/services/log/logger.ts';
import { launchChromium } from './support/browser.ts';

const root = resolve(import.meta.dirname, '../..');
let services: AppServices;
let host: BrowserHost;
let browser: Browser;
const origins: string[] = [];

before(async () => {
  services = await createAppServices({ host: 'browser', version: '0', platform: 'linux', dataDir: mkdtempSync(join(tmpdir(), 'sdh-bh-e2e-')), trustedOrigins: origins, logger: silentLogger, tenantPolicy: 'demo-only', openExternal: async () => {} });
  host = await startBrowserHost({ router: services.router, rendererDir: join(root, 'dist/renderer'), bridgeFile: join(root, 'dist/browser-host/bridge.js') });
  origins.push(host.origin);
  browser = await launchChromium();
});
after(async () => {
  await browser.close();
  await host.close();
  await services.dispose();
});

test('the browser preview shows the app on the demo tenant and receives events', async () => {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  // the host registers the event stream before it sends the stream's headers: once the page has them, an event reaches it
  const eventStream = page.waitForResponse((r) => new URL(r.url()).pathname.endsWith('/api/events') && r.status() === 200, { timeout: 15_000 });
  await page.goto(host.url);
  await page.getByTestId('demo-banner').waitFor();
  assert.match(await page.locator('.statusbar').innerText(), /browser preview \(demo tenant only\)/);
  await eventStream;
  services.router.emit('onNotice', { level: 'info', message: 'Cache synced' });
  await page.getByText('Cache synced').waitFor();
  assert.deepEqual(errors, []);
});
