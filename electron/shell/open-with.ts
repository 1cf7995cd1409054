// "Open with": the logs the OS hands the app — a `.log` / `.lo_` double-click or the command line
// (process.argv), macOS's `open-file`, a second launch's arguments — as paths for main to offer the
// renderer as handles (docs/logs-open-rule.md). Switches and paths that do not exist are left out.
import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';

/**
 * The file arguments of a command line. Electron's argv starts with the binary; an unpackaged app's next
 * argument is the app itself (`electron dist/main/main.mjs …`). Relative paths are taken from `cwd`.
 */
export function logPathsFromArgv(argv: readonly string[], o: { packaged: boolean; cwd: string }): string[] {
  return argv
    .slice(o.packaged ? 1 : 2)
    .filter((a) => a.length > 0 && !a.startsWith('-'))
    .map((a) => (isAbsolute(a) ? a : resolve(o.cwd, a)))
    .filter((p) => existsSync(p));
}

/** Keeps what the OS asked for until main's services exist, then hands everything straight on. */
export function openWithQueue(): { add(paths: readonly string[]): void; connect(offer: (paths: readonly string[]) => void): void } {
  let waiting: string[] = [];
  let offer: ((paths: readonly string[]) => void) | null = null;
  return {
    add(paths) {
      if (!paths.length) return;
      if (offer) offer(paths);
      else waiting.push(...paths);
    },
    connect(f) {
      offer = f;
      const now = waiting;
      waiting = [];
      if (now.length) f(now);
    },
  };
}
