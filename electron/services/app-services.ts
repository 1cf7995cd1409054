// Builds every service main needs and the router over them. The Electron shell, the browser host
// (`npm start` without Electron) and the end-to-end tests all start the app through this one function.
import { join } from 'node:path';
import { AppError } from '../common/errors.ts';
import { type AppInfo } from '../common/app.ts';
import { startDemoTenant, type DemoTenant, type DemoTenantOptions } from './demo/index.ts';
import { Router, type Handlers } from './router/router.ts';
import { SettingsStore } from './settings/settings-store.ts';
import type { Logger } from './log/logger.ts';
import { KnownSecrets } from './log/redact.ts';
import { LogsService } from './logs/service.ts';
import { openDatabase } from './cache/db.ts';
import { refreshWs1IfStale } from './lookup/connect.ts';
import { openSecretStore } from './secrets/open.ts';
import { SessionSecretStore, type SecretStore } from './secrets/secret-store.ts';
import { TenantManager } from './tenant/manager.ts';
import { logsHandlers, type HostDialogs } from './handlers/logs-handlers.ts';
import { logsInsightHandlers } from './handlers/logs-insight-handlers.ts';
import { logsMarksHandlers } from './handlers/logs-marks-handlers.ts';
import { lookupHandlers } from './handlers/lookup-handlers.ts';
import { supportHandlers } from './handlers/support-handlers.ts';
import { tenantHandlers } from './handlers/tenant-handlers.ts';
import { Ws1WireBook } from './ws1/wire-book.ts';
import { jobsHandlers } from './handlers/jobs-handlers.ts';
import { JobEngine } from './jobs/engine.ts';
import { loadAuditKey } from './audit/audit-key.ts';
import { osTechnician } from './audit/technician.ts';
import { pendingChanges } from './lookup/pending-changes.ts';
import { pollByReadState } from './jobs/pending.ts';
import { tenantExecutor } from './tenant/executor.ts';
import { DiagnosticsService } from './diagnostics/service.ts';
import { demoDeviceBundle } from './diagnostics/demo-bundle.ts';
import { Ws1DeviceLogs } from './diagnostics/ws1-device-log.ts';
import { diagnosticsHandlers } from './handlers/diagnostics-handlers.ts';

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
  /** Opens an already-validated admin-portal URL (or the sign-in page) in the OS browser. */
  openExternal: (url: string) => Promise<void>;
  /** OS dialogs, where the host has them (Electron); the browser host has none. */
  dialogs?: HostDialogs;
  /** The log indexing worker: the packaged app points at its bundled `.cjs`; tsx runs use the source. */
  logsWorkerUrl?: URL;
  /** The Save dialog, where the host has one; resolves to the saved path, or null when cancelled. */
  saveFile?: (suggestedName: string, content: string) => Promise<string | null>;
  /** Who the audit trail names when no Entra account is signed in (the OS account by default). */
  technician?: string;
  /** Where secrets live; by default the OS keychain when usable (probed), else memory for the session. */
  secretStore?: SecretStore;
  /** Tokens and secrets seen at run time, masked by value in every log line (share it with the logger). */
  knownSecrets?: KnownSecrets;
  /** The demo tenant's size and timings (tests: a 20,000-device tenant); its defaults otherwise. */
  demo?: DemoTenantOptions;
}

export interface AppServices {
  router: Router;
  demo: DemoTenant;
  /** Logs the OS asked to open (command line, file association, a second launch): offered to the renderer as handles. */
  offerLogs(paths: readonly string[]): void;
  dispose(): Promise<void>;
}

export async function createAppServices(opts: AppServicesOptions): Promise<AppServices> {
  const settings = new SettingsStore(opts.dataDir);
  const demo = await startDemoTenant(opts.demo);
  opts.logger.info('app', `demo tenant started (graph ${demo.graphUrl}, ws1 ${demo.ws1Url})`);
  const db = openDatabase(join(opts.dataDir, 'helpdesk.db'));
  // The browser host never opens the keychain: it holds no real tenant.
  const secrets =
    opts.secretStore ??
    (opts.tenantPolicy === 'any'
      ? await openSecretStore()
      : new SessionSecretStore({ code: 'failed', message: 'The browser preview keeps no secrets.', detail: 'demo-only host' }));
  const knownSecrets = opts.knownSecrets ?? new KnownSecrets();
  const background = new AbortController();
  // Handlers emit events through the router, which is built from the handlers: bound once it exists.
  const late: { router?: Router } = {};
  const emit: Router['emit'] = (name, payload) => late.router?.emit(name, payload);

  /** Workspace ONE cannot search by device name: names come from the cache, refreshed when a tenant connects. */
  let warmUp: Promise<unknown> = Promise.resolve();
  // What each Workspace ONE tenant's API description says about mode changes, read when it connects.
  const ws1Wires = new Ws1WireBook(join(opts.dataDir, 'ws1-wire.json'));
  const tenants = new TenantManager({
    demo,
    db,
    dataDir: opts.dataDir,
    settings,
    secrets,
    knownSecrets,
    logger: opts.logger,
    openBrowser: opts.openExternal,
    policy: opts.tenantPolicy,
    onChange: (conn) => {
      if (conn.ws1) void ws1Wires.forChange({ baseUrl: conn.ws1.baseUrl, authHeaders: conn.ws1.authHeaders, signal: background.signal }).catch(() => {});
      warmUp = refreshWs1IfStale(conn.lookup, { maxAgeMs: 15 * 60_000, signal: background.signal }).catch((err) =>
        opts.logger.warn('lookup', `Workspace ONE cache refresh failed: ${String(err)}`),
      );
    },
  });
  await tenants.start();

  const info = (): AppInfo => ({
    name: 'Shared Device Helpdesk',
    version: opts.version,
    platform: opts.platform,
    host: opts.host,
    tenant: { mode: tenants.current.mode, label: tenants.current.label },
  });

  const logsService = new LogsService({ tempDir: join(opts.dataDir, 'tmp'), workerUrl: opts.logsWorkerUrl, stepPatternsFile: join(opts.dataDir, 'step-patterns.extra.json'), warn: (m) => opts.logger.warn('logs', m) });
  // The packaged app's bundled worker starts in milliseconds: start it now. (Source runs under tsx, where a
  // worker costs ~0.2 s of compiling, start theirs on the first file.)
  if (opts.logsWorkerUrl) logsService.warmUp();
  const diagnostics = new DiagnosticsService({ current: () => tenants.current, dataDir: opts.dataDir, onProgress: (p) => emit('onDiagnosticsProgress', p) });
  const logs = logsHandlers({
    logs: logsService,
    settings,
    dialogs: opts.dialogs,
    demoBundle: (device) => {
      // A real tenant's device has no demo logs: its logs come from Collect diagnostics or the device itself.
      if (tenants.current.mode !== 'demo') throw new AppError('not_allowed', "Collect this device's diagnostics from its card, or open its DeviceReassignment log (Ctrl+O).");
      return demoDeviceBundle(demo, diagnostics, join(opts.dataDir, 'tmp', 'demo-logs'), device);
    },
    progress: (session, task, progress) => emit('onLogsProgress', { session, task, progress }),
    openRequested: (pending) => emit('onLogsOpenRequest', { pending }),
    dataDir: opts.dataDir,
    logError: (what, err) => opts.logger.error('logs', `${what}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`),
  });
  const lookup = lookupHandlers({
    lookup: () => tenants.current.lookup,
    warmUp: () => warmUp,
    partial: (p) => emit('onLookupResults', p),
    syncProgress: (p) => emit('onCacheSyncProgress', p),
    pendingChanges: () => pendingChanges(engine.journal),
    saveFile: opts.saveFile,
  });
  const engine = new JobEngine({
    dataDir: opts.dataDir,
    audit: { key: await loadAuditKey(secrets) },
    executor: tenantExecutor(() => tenants.current, ws1Wires),
    ws1Wire: () => (tenants.current.ws1 ? ws1Wires.peek(tenants.current.ws1.baseUrl) : null),
    identity: () => ({ technician: tenants.technician ?? opts.technician ?? osTechnician(), tenant: tenants.current.scope }),
    guardRails: () => tenants.guardRails(),
    onProgress: (p) => emit('onJobProgress', p),
    logger: opts.logger,
  });
  // Accepted Workspace ONE mode changes stay pending until the device reports its new mode.
  void engine
    .pendingTracker(pollByReadState(engine.executor))
    .watch(60_000, background.signal)
    .catch((err) => opts.logger.warn('jobs', `pending-state checks stopped: ${String(err)}`));
  const jobs = jobsHandlers({ engine, tenant: () => tenants.current, logger: opts.logger, saveFile: opts.saveFile, planProgress: (text) => emit('onPlanProgress', { text }), neverChoose: () => tenants.neverChoose() });
  const tenant = tenantHandlers({ tenants, secrets, settings, info, wires: ws1Wires, deviceCode: (p) => emit('onDeviceCode', p) });
  const support = supportHandlers({ current: () => tenants.current, wires: ws1Wires });
  const diagnosis = diagnosticsHandlers({ service: diagnostics, ws1: new Ws1DeviceLogs(), current: () => tenants.current, openDownloaded: (paths) => logs.openDownloaded(paths) });

  const handlers: Handlers = {
    ...logs,
    ...logsInsightHandlers({ logs: logsService, tenant: () => tenants.current }),
    ...logsMarksHandlers({ logs: logsService, dataDir: opts.dataDir, saveFile: opts.saveFile }),
    ...lookup,
    ...tenant,
    ...support,
    ...jobs,
    ...diagnosis,
    getAppInfo: info,
    getTheme: () => settings.get().theme,
    setTheme: (theme) => {
      settings.update({ theme });
      return null;
    },
    getLogsLayout: () => settings.get().logsLayout,
    setLogsLayout: (logsLayout) => {
      settings.update({ logsLayout });
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
  late.router = router;
  return {
    router,
    demo,
    offerLogs: (paths) => logs.offer(paths),
    dispose: async () => {
      background.abort();
      diagnostics.dispose();
      lookup.dispose();
      tenant.dispose();
      await logs.dispose();
      await engine.close();
      await warmUp;
      db.close();
      await demo.stop();
    },
  };
}
