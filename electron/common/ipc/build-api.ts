// Builds `window.helpdesk` from the contract over some transport: Electron IPC in the preload, HTTP in
// the browser host. Exactly one function per channel, named after it; nothing generic is exposed.
import type { Result } from '../errors.ts';
import type { HelpdeskApi } from './api.ts';
import { contract, channelNames } from './contract.ts';

export interface Transport {
  invoke(channel: string, arg: unknown): Promise<Result<unknown>>;
  /** Turns a page-side argument into what main receives (see PageArgs in api.ts); identity by default. */
  pageArg?(channel: string, arg: unknown): unknown;
  /** Calls `listener` with each payload of the event channel; returns the unsubscribe function. */
  subscribe(channel: string, listener: (payload: unknown) => void): () => void;
}

export function buildApi(transport: Transport): HelpdeskApi {
  const api: Record<string, unknown> = {};
  for (const name of channelNames) {
    api[name] =
      contract[name].kind === 'invoke'
        ? (arg?: unknown) => transport.invoke(name, transport.pageArg ? transport.pageArg(name, arg) : arg)
        : (listener: (payload: unknown) => void) => {
            if (typeof listener !== 'function') throw new TypeError(`${name} needs a listener function`);
            return transport.subscribe(name, listener);
          };
  }
  return Object.freeze(api) as HelpdeskApi;
}
