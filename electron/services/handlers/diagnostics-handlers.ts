// The diagnostics channels of the contract: a device's Collect-diagnostics requests (Intune) and what
// Workspace ONE offers, a new request, opening a completed one in the log viewer (downloaded first when
// needed), and cancelling a device's watch or download. Progress goes out as onDiagnosticsProgress.
import { AppError } from '../../common/errors.ts';
import type { DiagnosticsView } from '../../common/diagnostics.ts';
import type { LogSessionInfo } from '../../common/logs.ts';
import type { DiagnosticsService } from '../diagnostics/service.ts';
import type { Ws1DeviceLogs } from '../diagnostics/ws1-device-log.ts';
import type { Handlers } from '../router/router.ts';
import type { TenantConnection } from '../tenant/connection.ts';

export interface DiagnosticsHandlerDeps {
  service: DiagnosticsService;
  ws1: Ws1DeviceLogs;
  current: () => TenantConnection;
  /** Opens files main itself downloaded for the technician in the log viewer (docs/logs-open-rule.md, rule 1). */
  openDownloaded: (paths: string[]) => Promise<LogSessionInfo>;
}

type DiagnosticsChannels = 'diagnosticsList' | 'diagnosticsCollect' | 'diagnosticsOpen' | 'diagnosticsCancel';

const noIntune = 'No Intune tenant is connected: Collect diagnostics needs one.';

export function diagnosticsHandlers(d: DiagnosticsHandlerDeps): Pick<Handlers, DiagnosticsChannels> {
  return {
    diagnosticsList: async ({ intuneId, ws1Uuid }) => {
      const conn = d.current();
      const view: DiagnosticsView = { intune: null, ws1: null };
      if (intuneId) {
        if (!conn.graph) view.intune = { unavailable: noIntune, requests: [], problem: null };
        else {
          try {
            view.intune = { unavailable: null, requests: await d.service.list(intuneId), problem: null };
          } catch (err) {
            view.intune = { unavailable: null, requests: [], problem: err instanceof AppError ? err.message : 'The diagnostics could not be read.' };
          }
        }
      }
      if (ws1Uuid && conn.ws1) {
        const a = await d.ws1.answer({ baseUrl: conn.ws1.baseUrl, authHeaders: conn.ws1.authHeaders }).catch(() => null);
        view.ws1 = a ? { offered: a.offered, message: a.message } : { offered: false, message: "The tenant's API description could not be read." };
      }
      return view;
    },
    diagnosticsCollect: ({ intuneId }) => d.service.collect(intuneId),
    diagnosticsOpen: async ({ intuneId, requestId }) => d.openDownloaded([await d.service.download(intuneId, requestId)]),
    diagnosticsCancel: ({ intuneId }) => {
      d.service.cancel(intuneId);
      return null;
    },
  };
}
