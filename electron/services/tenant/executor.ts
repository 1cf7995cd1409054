// The ActionExecutor of whichever tenant is connected: one HTTP executor per tenant connection, so a
// job always calls the tenant it was planned for (jobs refuse to run under another tenant).
import type { ActionExecutor } from '../jobs/executor.ts';
import { createHttpExecutor } from '../jobs/http-executor.ts';
import type { Ws1WireBook } from '../ws1/wire-book.ts';
import type { TenantConnection } from './connection.ts';

export function tenantExecutor(current: () => TenantConnection, wires?: Ws1WireBook): ActionExecutor {
  const made = new WeakMap<TenantConnection, ActionExecutor>();
  const exec = (): ActionExecutor => {
    const conn = current();
    let e = made.get(conn);
    if (!e) {
      const { graph, ws1 } = conn;
      e = createHttpExecutor({
        graph: graph ? { url: graph.baseUrl, getToken: () => graph.getToken('write') } : undefined,
        ws1: ws1
          ? { url: ws1.baseUrl, getHeaders: ws1.authHeaders, modeWire: wires && (() => wires.forChange({ baseUrl: ws1.baseUrl, authHeaders: ws1.authHeaders })) }
          : undefined,
      });
      made.set(conn, e);
    }
    return e;
  };
  return {
    intuneWrite: (call, signal) => exec().intuneWrite(call, signal),
    intuneSync: (id, signal) => exec().intuneSync(id, signal),
    ws1Action: (action, uuids, signal) => exec().ws1Action(action, uuids, signal),
    readState: (target, signal) => exec().readState(target, signal),
  };
}
