// Runs the built renderer in Chromium with `window.helpdesk` bridged to the real main-process router in
// this test process: renderer → contract → router → services → demo tenant are all real. The bridge is
// the contract's own buildApi (as in the preload) over a Playwright binding instead of Electron IPC, and
// the router checks each call's real frame URL as it checks Electron's senderFrame.
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before } from 'node:test';
import { buildSync } from 'esbuild';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createAppServices, type AppServices, type AppServicesOptions } from '../../../electron/services/app-services.ts';
import { createLogger, memorySink } from '../../../electron/services/log/logger.ts';
import { mimeType, resolveUnder } from '../../../electron/services/static-files.ts';
import { CONTENT_SECURITY_POLICY } from '../../../electron/services/static-files.ts';
import { launchChromium } from './browser.ts';
import { SessionSecretStore } from '../../../electron/services/secrets/secret-store.ts';

const root = resolve(import.meta.dirname, '../../..');
const rendererDir = join(root, 'dist', 'renderer');

function bridgeScript(): string {
  const out = buildSync({
    entryPoints: [join(import.meta.dirname, 'binding-preload.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'chrome130',
    logLevel: 'silent',
  });
  return out.outputFiles[0].text;
}

export interface AppHarness {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  services: AppServices;
  origin: string;
  logLines: string[];
  /** Every IPC result and event payload the page received, as JSON (for the leak scan). */
  ipcTraffic: string[];
  dataDir: string;
  /** Messages the page logged at error level and CSP violations: both must stay empty. */
  pageErrors: string[];
  close(): Promise<void>;
}

export interface StartOptions {
  /** 'any' lets the test save profiles (secrets in memory only); the default is the demo tenant only. */
  tenantPolicy?: 'demo-only' | 'any';
  /** The demo tenant's size and timings. */
  demo?: AppServicesOptions['demo'];
  /** A stand-in for the Save dialog (the browser host has none). */
  saveFile?: AppServicesOptions['saveFile'];
}

export async function startApp(o: StartOptions = {}): Promise<AppHarness> {
  readFileSync(join(rendererDir, 'index.html')); // fails clearly if the renderer was not built
  const server: Server = createServer((req, res) => {
    const file = resolveUnder(rendererDir, (req.url ?? '/').split('?')[0]);
    if (!file) return void res.writeHead(404).end();
    try {
      const body = readFileSync(file);
      res.writeHead(200, { 'content-type': mimeType(file), 'content-security-policy': CONTENT_SECURITY_POLICY }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const sink = memorySink();
  const dataDir = mkdtempSync(join(tmpdir(), 'sdh-e2e-'));
  const ipcTraffic: string[] = [];
  const services = await createAppServices({
    host: 'test',
    version: '0.0.0-e2e',
    platform: 'linux',
    dataDir,
    trustedOrigins: [origin],
    logger: createLogger(sink),
    tenantPolicy: o.tenantPolicy ?? 'demo-only',
    // Never the developer's real keychain from an e2e test.
    secretStore: new SessionSecretStore({ code: 'failed', message: 'Test run: secrets are kept in memory.', detail: 'e2e' }),
    openExternal: async () => {},
    demo: o.demo,
    saveFile: o.saveFile,
  });

  const browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const pageErrors: string[] = [];
  await context.exposeBinding('__sdhInvoke', async (source, channel: string, arg: unknown) => {
    const result = await services.router.invoke(channel, arg, { frameUrl: source.frame.url(), isMainFrame: source.frame === source.page.mainFrame() });
    ipcTraffic.push(JSON.stringify(result));
    return result;
  });
  await context.addInitScript({ content: bridgeScript() });
  const page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') pageErrors.push(m.text());
  });
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  const unsubscribe = services.router.subscribe((channel, payload) => {
    ipcTraffic.push(JSON.stringify(payload));
    void page.evaluate(([c, p]) => (window as unknown as { __sdhEmit(c: string, p: unknown): void }).__sdhEmit(c, p), [channel, payload] as const).catch(() => {});
  });
  await page.goto(`${origin}/index.html`);

  return {
    browser,
    context,
    page,
    services,
    origin,
    logLines: sink.lines,
    ipcTraffic,
    dataDir,
    pageErrors,
    close: async () => {
      unsubscribe();
      await browser.close();
      await services.dispose();
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  };
}

/** Waits for the demo tenant's first screen, then goes to an area by its shortcut and waits for its heading. */
/** Closes the open logs: Close sits in the toolbar's More menu (the toolbar fits one row at 1280 px). */
export async function closeLogs(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'More', exact: true }).click();
  await page.getByRole('button', { name: 'Close logs' }).click();
}

export async function goToArea(page: Page, shortcut: 'Control+2' | 'Control+3' | 'Control+,', heading: 'Logs' | 'Changes' | 'Tenants'): Promise<void> {
  await page.getByTestId('demo-banner').waitFor();
  await page.keyboard.press(shortcut);
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
}

/** Starts the app in the Logs area before a suite's tests and closes it after them; `.app` is set by then. */
export function appInLogsArea(o: StartOptions = {}): { app: AppHarness } {
  const holder = {} as { app: AppHarness };
  before(async () => {
    holder.app = await startApp(o);
    await goToArea(holder.app.page, 'Control+2', 'Logs');
  });
  after(async () => {
    await holder.app?.close();
  });
  return holder;
}
