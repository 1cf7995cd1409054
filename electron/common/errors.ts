// Errors travel as values: a stable code, a sentence for the technician, optional detail for the log.
// No Node and no DOM here: the renderer imports this file too.
import { z } from 'zod';

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

export const appErrorSchema = z.object({
  code: z.enum(errorCodes),
  message: z.string(),
});
export type AppErrorValue = z.infer<typeof appErrorSchema>;

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
