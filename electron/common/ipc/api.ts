// The typed API the preload puts on `window.helpdesk`, derived from the contract.
import type { Result } from '../errors.ts';
import type { ArgOf, EventName, InvokeName, PayloadOf, ResultOf } from './contract.ts';

type ArgList<K extends InvokeName> = undefined extends ArgOf<K> ? [arg?: ArgOf<K>] : [arg: ArgOf<K>];

/** Channels whose page-side argument differs from what main receives (the preload converts it). */
interface PageArgs {
  /** Dropped File objects; only the preload can read their paths. */
  logsOpenDropped: { files: readonly unknown[] };
}

export type HelpdeskApi = {
  readonly [K in InvokeName]: K extends keyof PageArgs ? (arg: PageArgs[K]) => Promise<Result<ResultOf<K>>> : (...args: ArgList<K>) => Promise<Result<ResultOf<K>>>;
} & {
  /** Subscribe to a main → renderer event; returns the unsubscribe function. */
  readonly [K in EventName]: (listener: (payload: PayloadOf<K>) => void) => () => void;
};
