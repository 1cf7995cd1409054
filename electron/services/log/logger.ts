// The app's log: one line per event, secrets redacted before anything is written.
import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { redact, type KnownSecrets } from './redact.ts';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  debug(area: string, message: string): void;
  info(area: string, message: string): void;
  warn(area: string, message: string): void;
  error(area: string, message: string): void;
}

export interface LogSink {
  write(line: string): void;
}

/** `known`: tokens and secrets obtained at run time, masked by value wherever they appear. */
export function createLogger(sink: LogSink, now: () => Date = () => new Date(), known?: KnownSecrets): Logger {
  const line = (level: LogLevel) => (area: string, message: string) =>
    sink.write(`${now().toISOString()} ${level.toUpperCase().padEnd(5)} [${area}] ${redact(message, known)}\n`);
  return { debug: line('debug'), info: line('info'), warn: line('warn'), error: line('error') };
}

/** Appends to a file; synchronous because log lines are small and must survive a crash. */
export function fileSink(path: string): LogSink {
  mkdirSync(dirname(path), { recursive: true });
  return { write: (l) => appendFileSync(path, l, { mode: 0o600 }) };
}

export function memorySink(): LogSink & { lines: string[] } {
  const lines: string[] = [];
  return { lines, write: (l) => lines.push(l) };
}

export const silentLogger: Logger = createLogger({ write: () => {} });
