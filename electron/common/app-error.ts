// The error value's code list and class, without zod: log workers and the CLI's quick paths import this
// (zod is three quarters of a megabyte of JavaScript to load); errors.ts re-exports it beside the schema.
// No Node and no DOM here: the renderer imports this file too, through errors.ts.

export const errorCodes = [
  'bad_argument', // an IPC argument failed its schema
  'bad_result', // a handler returned something its schema refuses (a bug in main)
  'forbidden_sender', // the call did not come from the app's own page
  'unknown_channel',
  'not_found',
  'unauthorized', // 401: sign in again
  'forbidden', // 403: a scope or role is missing
  'throttled', // 429 after retries
  'unavailable', // 5xx or network loss after retries
  'timeout',
  'cancelled',
  'invalid_input', // a file, zip or form the technician gave us is unusable
  'not_allowed', // refused by policy (demo-only mode, URL not on the allowlist, ...)
  'internal',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

/** What crosses IPC of an error (appErrorSchema in errors.ts checks it). */
export interface AppErrorValue {
  code: ErrorCode;
  message: string;
}

/** An error meant to be shown: `message` is the sentence for the technician; `detail` stays in main. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly detail?: string,
  ) {
    super(message);
    this.name = 'AppError';
  }

  toValue(): AppErrorValue {
    return { code: this.code, message: this.message };
  }
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppErrorValue };
