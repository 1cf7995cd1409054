// What a CLI command group provides. Groups live in ./commands, one file each, listed in ./commands/index.ts.
import type { Writable } from 'node:stream';

export interface CliIo {
  stdout: Writable;
  stderr: Writable;
  env: NodeJS.ProcessEnv;
  cwd: string;
  signal: AbortSignal;
  /** The bundled log worker, when the CLI runs from its build (dist/cli); else the TypeScript one. */
  logsWorkerUrl?: URL;
  /** The CLI's own workers for `logs stats` and `logs search` on plain files (count-worker.ts, search-worker.ts), bundled likewise. */
  cliWorkerUrls?: { count: URL; search: URL };
}

export interface CliGroup {
  /** First word on the command line, e.g. `logs` in `sdh logs stats …`. */
  name: string;
  /** One line per sub-command for `sdh --help`: `<synopsis>   <what it does>`. */
  usage: string[];
  /** What each option means, for `sdh <group> --help`. */
  options?: Record<string, string>;
  /** Runs `sdh <name> <args…>`; resolves to the process exit code. */
  run(args: string[], io: CliIo): Promise<number>;
}

/** A usage mistake: one line on stderr, exit code 2. */
export class UsageError extends Error {}
