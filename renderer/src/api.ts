// Calls into main through `window.helpdesk`, turning error values into thrown UiErrors for the UI.
import type { AppErrorValue } from '../../electron/common/errors.ts';
import type { ArgOf, InvokeName, ResultOf } from '../../electron/common/ipc/contract.ts';

export class UiError extends Error {
  constructor(readonly value: AppErrorValue) {
    super(value.message);
  }
}

/** What a failed call or other error says, for the screen. */
export const errorMessage = (err: unknown): string => (err instanceof Error ? err.message : String(err));

export async function call<K extends InvokeName>(name: K, ...args: undefined extends ArgOf<K> ? [arg?: ArgOf<K>] : [arg: ArgOf<K>]): Promise<ResultOf<K>> {
  const fn = window.helpdesk[name] as (arg?: unknown) => Promise<{ ok: true; value: ResultOf<K> } | { ok: false; error: AppErrorValue }>;
  const result = await fn(args[0]);
  if (!result.ok) throw new UiError(result.error);
  return result.value;
}
