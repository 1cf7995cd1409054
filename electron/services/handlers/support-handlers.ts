// The Tenants screen's support lines: how the connected Workspace ONE tenant's mode changes are shaped,
// and the API trace to copy into a ticket.
import { apiTrace } from '../net/api-trace.ts';
import type { Handlers } from '../router/router.ts';
import type { TenantConnection } from '../tenant/connection.ts';
import { modeWireStatusLine } from '../ws1/mode-wire.ts';
import type { Ws1WireBook } from '../ws1/wire-book.ts';

export interface SupportHandlerDeps {
  current: () => TenantConnection;
  wires: Ws1WireBook;
}

export function supportHandlers(d: SupportHandlerDeps): Pick<Handlers, 'ws1ModeWireStatus' | 'supportApiTrace'> {
  return {
    ws1ModeWireStatus: async () => {
      const ws1 = d.current().ws1;
      if (!ws1) return { connected: false, verified: false, line: 'No Workspace ONE tenant is connected.' };
      const wire = await d.wires.forChange({ baseUrl: ws1.baseUrl, authHeaders: ws1.authHeaders });
      return { connected: true, verified: wire.verified, line: modeWireStatusLine(wire.verified ? wire : null) };
    },
    supportApiTrace: async () => ({ text: apiTrace.text(), calls: apiTrace.entries().length }),
  };
}
