// The logs channels of the contract, over the LogsService. Long tasks (filter, find) are cancellable by
// the task id the renderer chose; progress goes out as onLogsProgress events.
import { AppError } from '../../common/errors.ts';
import type { LogGrant, LogProgress, LogSessionInfo } from '../../common/logs.ts';
import { checkTypedPaths, LogGrants } from '../logs/chosen-paths.ts';
import { findErrorCodes, lookupErrorCode } from '../logs/error-codes.ts';
import type { LogsService } from '../logs/service.ts';
import { goneMessage } from '../logs/tail.ts';
import type { Handlers } from '../router/router.ts';
import type { SettingsStore } from '../settings/settings-store.ts';

export interface HostDialogs {
  /** The OS Open dialog; resolves to the chosen paths, or null when cancelled. */
  openLogs(kind: 'files' | 'folder'): Promise<string[] | null>;
  /** Main's own question before opening typed or dropped paths that do not look like logs; true to open. */
  confirmOpen?(paths: string[]): Promise<boolean>;
}

export interface LogsHandlerDeps {
  logs: LogsService;
  settings: SettingsStore;
  dialogs: HostDialogs | undefined;
  /** Path of the demo tenant's diagnostics zip for a device, when the demo tenant runs. */
  demoBundle: ((device?: string) => Promise<string>) | undefined;
  progress(session: string, task: string | null, progress: LogProgress): void;
  /** Tells the renderer the OS asked to open logs (they wait in logsPendingOpen). */
  openRequested?(pending: number): void;
  /** The app's data folder: typed or dropped paths inside it never open. */
  dataDir?: string;
  /** Where an unexpected failure's details go (the renderer gets a sentence, never a stack). */
  logError?(what: string, err: unknown): void;
}

type LogsChannels =
  | 'logsOpenDialog'
  | 'logsOpenPaths'
  | 'logsOpenDropped'
  | 'logsOpenHandles'
  | 'logsPendingOpen'
  | 'logsOpenDemo'
  | 'logsRecent'
  | 'logsWindow'
  | 'logsCount'
  | 'logsDetail'
  | 'logsFilter'
  | 'logsFind'
  | 'logsFindMatch'
  | 'logsNextError'
  | 'logsMarkText'
  | 'logsLocate'
  | 'logsNearestHit'
  | 'logsCancel'
  | 'logsHistogram'
  | 'logsStats'
  | 'logsExplain'
  | 'logsBundleFacts'
  | 'logsSetOffset'
  | 'logsFollow'
  | 'logsClose'
  | 'logsErrorCodes'
  | 'logsLookupCode';

export interface LogsHandlers extends Pick<Handlers, LogsChannels> {
  /** Paths the OS gave main (command line, file association, second launch): offered to the renderer as handles. */
  offer(paths: readonly string[]): void;
  /** Opens files main itself downloaded for the technician (Collect diagnostics): chosen in main, rule 1. */
  openDownloaded(paths: string[]): Promise<LogSessionInfo>;
  dispose(): Promise<void>;
}

export function logsHandlers(d: LogsHandlerDeps): LogsHandlers {
  const tasks = new Map<string, AbortController>();
  const grants = new LogGrants();
  const pending: LogGrant[] = [];
  const confirm = d.dialogs?.confirmOpen?.bind(d.dialogs);
  const checkTyped = (paths: string[]) => checkTypedPaths(paths, confirm, d.dataDir ? [d.dataDir] : []);
  const sessions = new Set<string>();
  const following = new Map<string, () => void>();
  const unfollow = (session: string) => {
    following.get(session)?.();
    following.delete(session);
  };

  async function withTask<T>(task: string, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
    tasks.get(task)?.abort();
    const controller = new AbortController();
    tasks.set(task, controller);
    try {
      return await run(controller.signal);
    } catch (err) {
      if (controller.signal.aborted) throw new AppError('cancelled', 'Stopped.');
      throw err;
    } finally {
      if (tasks.get(task) === controller) tasks.delete(task);
    }
  }

  // Indexing and tail progress arrive after the call that started them: a session closed meanwhile has
  // nothing left to report, and nothing here may throw outside a handler.
  const reportIndexed = (session: string): void => {
    if (!sessions.has(session)) return;
    try {
      d.progress(session, null, { phase: 'index', bytesDone: 1, bytesTotal: 1, records: d.logs.count(session), done: true });
    } catch {
      /* closed between the check and the count */
    }
  };

  // What went wrong after the call that started it returned, said in the tab (its progress bar ends).
  const sayInTab = (session: string, sentence: string): void => {
    if (sessions.has(session)) d.progress(session, null, { phase: 'index', bytesDone: 0, bytesTotal: 0, records: 0, done: true, error: sentence });
  };

  // Indexing and tail mode fail after the call that started them returned: the tab is told in a sentence
  // (an AppError's own, or a plain one while the details go to the log), never left waiting in silence.
  const reportFailed = (session: string, what: string, err: unknown): void => {
    if (!sessions.has(session)) return;
    if (err instanceof AppError && err.code === 'cancelled') return;
    if (!(err instanceof AppError)) d.logError?.(what, err);
    else if (err.detail) d.logError?.(what, err.detail);
    const why = err instanceof AppError ? err.message : 'The file could not be read; details are in the log.';
    sayInTab(session, `${what}: ${why}`);
  };

  async function open(paths: string[]) {
    let sessionId = '';
    const info = await d.logs.open(paths, { onProgress: (p) => sessionId && d.progress(sessionId, null, p) });
    sessionId = info.id;
    sessions.add(info.id);
    d.settings.rememberLogs(paths);
    // Indexing goes on in a worker; progress after this point reaches the renderer by session id.
    void d.logs
      .whenIndexed(info.id)
      .then(() => reportIndexed(info.id))
      .catch((err: unknown) => reportFailed(info.id, 'Indexing stopped', err));
    return info;
  }

  return {
    logsOpenDialog: async ({ kind }) => {
      if (!d.dialogs) throw new AppError('not_allowed', 'The Open dialog exists only in the desktop app. Type a path, or open the demo device logs.');
      const paths = await d.dialogs.openLogs(kind);
      return paths && paths.length ? open(paths) : null;
    },
    logsOpenPaths: async ({ paths }) => {
      await checkTyped(paths);
      return open(paths);
    },
    // Main cannot tell a real drop from a page that claims one: dropped paths follow the typed-path rule.
    logsOpenDropped: async ({ paths }) => {
      await checkTyped(paths);
      return open(paths);
    },
    logsOpenHandles: ({ handles }) => open(grants.resolve(handles)),
    logsPendingOpen: () => pending.splice(0),
    logsOpenDemo: async ({ device }) => {
      if (!d.demoBundle) throw new AppError('not_allowed', 'Demo logs exist only while the demo tenant runs.');
      return open([await d.demoBundle(device)]);
    },
    logsRecent: () => d.settings.get().recentLogs.map((p) => grants.grant(p)),
    logsWindow: ({ session, first, count, viewId }) => d.logs.window(session, first, count, viewId),
    logsCount: ({ session, viewId }) => d.logs.count(session, viewId),
    logsDetail: ({ session, position, viewId }) => d.logs.detail(session, position, viewId),
    logsFilter: ({ session, task, spec }) => withTask(task, (signal) => d.logs.filter(session, spec, (p) => d.progress(session, task, p), signal)),
    logsFind: ({ session, task, spec, from, direction, viewId }) => withTask(task, (signal) => d.logs.find(session, spec, from, direction, viewId, signal)),
    logsFindMatch: ({ session, task, text, from, direction, viewId }) => withTask(task, (signal) => d.logs.findMatch(session, { text }, from, direction, viewId, signal)),
    logsNextError: ({ session, from, direction, viewId }) => d.logs.nextError(session, from, direction, viewId),
    logsMarkText: ({ task, text, texts }) => withTask(task, (signal) => d.logs.markTexts({ pattern: text.pattern, regex: text.regex ?? false, caseSensitive: text.caseSensitive ?? false }, texts, signal)),
    logsLocate: ({ session, target, viewId }) => d.logs.locate(session, target, viewId),
    logsNearestHit: ({ session, viewId, position }) => d.logs.nearestHit(session, viewId, position),
    logsCancel: ({ task }) => {
      tasks.get(task)?.abort();
      return null;
    },
    logsHistogram: ({ session, buckets, viewId }) => d.logs.histogram(session, buckets, viewId),
    logsStats: ({ session }) => d.logs.stats(session),
    logsExplain: ({ session }) => d.logs.explain(session),
    logsBundleFacts: async ({ session }) => d.logs.bundleFacts(session),
    logsSetOffset: async ({ session, file, minutes }) => {
      await d.logs.setOffset(session, file, minutes, (p) => d.progress(session, null, p));
      return null;
    },
    logsFollow: ({ session, follow }) => {
      unfollow(session);
      if (follow) {
        following.set(
          session,
          d.logs.follow(
            session,
            () => reportIndexed(session),
            (err) => reportFailed(session, 'Reading the lines added to the file failed (tail mode tries again every second)', err),
            1000,
            (names) => sayInTab(session, goneMessage(names)),
          ),
        );
      }
      return null;
    },
    logsClose: async ({ session }) => {
      unfollow(session);
      sessions.delete(session);
      await d.logs.close(session);
      return null;
    },
    logsErrorCodes: ({ text }) => findErrorCodes(text),
    logsLookupCode: ({ code }) => lookupErrorCode(code),
    openDownloaded: (paths) => open(paths),
    offer: (paths) => {
      const fresh = paths.map((p) => grants.grant(p)).filter((g) => !pending.some((q) => q.handle === g.handle));
      if (!fresh.length) return;
      pending.push(...fresh);
      d.openRequested?.(pending.length);
    },
    dispose: async () => {
      for (const t of tasks.values()) t.abort();
      for (const s of [...following.keys()]) unfollow(s);
      await d.logs.dispose();
    },
  };
}
