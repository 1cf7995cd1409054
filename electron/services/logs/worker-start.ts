// Starting a log worker thread, for the app's pool (worker-host.ts) and the CLI's own workers
// (cli/worker-jobs.ts). Imports nothing of the app, so the CLI's start-up stays small.
import { Worker } from 'node:worker_threads';

/**
 * A cancelled job has this long to notice its stop flag; a worker still busy after it (a regex that
 * backtracks for good) is terminated and a fresh one takes its place, well within 250 ms of Cancel.
 */
export const CANCEL_GRACE_MS = 60;

// Jobs hold a few MB at a time (windows, one latin1 copy for regex); a small heap makes V8 collect early,
// which keeps RSS flat as files grow.
const resourceLimits = { maxOldGenerationSizeMb: 40, maxYoungGenerationSizeMb: 8 };

/** A worker on `url`: a `.ts` entry is loaded through tsx (development, tests), a bundle directly. */
export function startWorker(url: URL): Worker {
  return url.pathname.endsWith('.ts')
    ? new Worker(
        `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((m) => m.tsImport(${JSON.stringify(url.href)}, ${JSON.stringify(import.meta.url)}))`,
        { eval: true, resourceLimits },
      )
    : new Worker(url, { resourceLimits });
}
