// The logs channels of the contract, over the LogsService. Long tasks (filter, find) are cancellable by
// the task id the renderer chose; progress goes out as onLogsProgress events.
import { AppError } from '../../common/errors.ts';
import type { LogProgress } from '../../common/logs.ts';
import { findErrorCodes } from '../logs/error-codes.ts';
import type { LogsService } from '../logs/service.ts';
import type { Handlers } from '../router/router.ts';
import type { SettingsStore } from '../settings/settings-store.ts';

export interface HostDialogs {
  /** The OS Open dialog; resolves to the chosen paths, or null when cancelled. */
  openLogs(kind: 'files' | 'folder'): Promise<string[] | null>;
}

export interface LogsHandlerDeps {
  logs: LogsService;
  settings: SettingsStore;
  dialogs: HostDialogs | undefined;
  /** Path of the demo tenant's diagnostics zip for a device, when the demo tenant runs. */
  demoBundle: ((device?: string) => Promise<string>) | undefined;
  progress(session: string, task: string | null, progress: LogProgress): void;
}

type LogsChannels =
  | 'logsOpenDialog'
  | 'logsOpenPaths'
  | 'logsOpenDropped'
  | 'logsOpenDemo'
  | 'logsRecent'
  | 'logsWindow'
  | 'logsCount'
  | 'logsDetail'
  | 'logsFilter'
  | 'logsFind'
  | 'logsNextError'
  | 'logsCancel'
  | 'logsHistogram'
  | 'logsStats'
  | 'logsExplain'
  | 'logsSetOffset'
  | 'logsFollow'
  | 'logsClose'
  | 'logsErrorCodes';

export function logsHandlers(d: LogsHandlerDeps): Pick<Handlers, LogsChannels> & { dispose(): Promise<void> } {
  const tasks = new Map<string, AbortController>();
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

  async function open(paths: string[]) {
    let sessionId = '';
    const info = await d.logs.open(paths, { onProgress: (p) => sessionId && d.progress(sessionId, null, p) });
    sessionId = info.id;
    sessions.add(info.id);
    d.settings.rememberLogs(paths);
    // Indexing goes on in a worker; progress after this point reaches the renderer by session id.
    void d.logs.whenIndexed(info.id).then(
      () => d.progress(info.id, null, { phase: 'index', bytesDone: 1, bytesTotal: 1, records: d.logs.count(info.id), done: true }),
      () => {},
    );
    return info;
  }

  return {
    logsOpenDialog: async ({ kind }) => {
      if (!d.dialogs) throw new AppError('not_allowed', 'The Open dialog exists only in the desktop app. Type a path, or open the demo device logs.');
      const paths = await d.dialogs.openLogs(kind);
      return paths && paths.length ? open(paths) : null;
    },
    logsOpenPaths: ({ paths }) => open(paths),
    logsOpenDropped: ({ paths }) => open(paths),
    logsOpenDemo: async ({ device }) => {
      if (!d.demoBundle) throw new AppError('not_allowed', 'Demo logs exist only while the demo tenant runs.');
      return open([await d.demoBundle(device)]);
    },
    logsRecent: () => d.settings.get().recentLogs,
    logsWindow: ({ session, first, count, viewId }) => d.logs.window(session, first, count, viewId),
    logsCount: ({ session, viewId }) => d.logs.count(session, viewId),
    logsDetail: ({ session, position, viewId }) => d.logs.detail(session, position, viewId),
    logsFilter: ({ session, task, spec }) => withTask(task, (signal) => d.logs.filter(session, spec, (p) => d.progress(session, task, p), signal)),
    logsFind: ({ session, task, spec, from, direction, viewId }) => withTask(task, (signal) => d.logs.find(session, spec, from, direction, viewId, signal)),
    logsNextError: ({ session, from, direction, viewId }) => d.logs.nextError(session, from, direction, viewId),
    logsCancel: ({ task }) => {
      tasks.get(task)?.abort();
      return null;
    },
    logsHistogram: ({ session, buckets, viewId }) => d.logs.histogram(session, buckets, viewId),
    logsStats: ({ session }) => d.logs.stats(session),
    logsExplain: ({ session }) => d.logs.explain(session),
    logsSetOffset: async ({ session, file, minutes }) => {
      await d.logs.setOffset(session, file, minutes, (p) => d.progress(session, null, p));
      return null;
    },
    logsFollow: ({ session, follow }) => {
      unfollow(session);
      if (follow) {
        following.set(
          session,
          d.logs.follow(session, () => d.progress(session, null, { phase: 'index', bytesDone: 1, bytesTotal: 1, records: d.logs.count(session), done: true })),
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
    dispose: async () => {
      for (const t of tasks.values()) t.abort();
      for (const s of [...following.keys()]) unfollow(s);
      await d.logs.dispose();
    },
  };
}
