// Terminal colours for the CLI, off unless the stream is a terminal (or FORCE_COLOR asks), and always off
// when NO_COLOR is set to anything but the empty string (https://no-color.org).
import type { Writable } from 'node:stream';
import type { CliIo } from './command.ts';

export interface Paint {
  readonly on: boolean;
  red(s: string): string;
  yellow(s: string): string;
  bold(s: string): string;
  dim(s: string): string;
}

const sgr = (on: boolean, open: number, close: number) => (s: string) => (on ? `\x1b[${open}m${s}\x1b[${close}m` : s);

export function colourOn(stream: Writable, env: NodeJS.ProcessEnv): boolean {
  if (env.NO_COLOR) return false;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  return (stream as Writable & { isTTY?: boolean }).isTTY === true && env.TERM !== 'dumb';
}

export function paintFor(stream: Writable, env: NodeJS.ProcessEnv): Paint {
  const on = colourOn(stream, env);
  return { on, red: sgr(on, 31, 39), yellow: sgr(on, 33, 39), bold: sgr(on, 1, 22), dim: sgr(on, 2, 22) };
}

/** A log level word coloured as CMTrace does: errors red, warnings yellow. */
export function paintLevel(p: Paint, level: string): string {
  return level === 'error' ? p.red(level) : level === 'warning' ? p.yellow(level) : level;
}

/** Colours for a command's stdout and stderr. */
export function paints(io: CliIo): { out: Paint; err: Paint } {
  return { out: paintFor(io.stdout, io.env), err: paintFor(io.stderr, io.env) };
}
