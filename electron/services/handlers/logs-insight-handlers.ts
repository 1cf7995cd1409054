// IPC handlers for what the viewer reads out of a session (issue 18): the IME timeline with names for
// GUIDs (the logs', then the tenant's), user sessions, and the reassignment step patterns from Settings.
import type { Handlers } from '../router/router.ts';
import type { LogsService } from '../logs/service.ts';
import { TenantNames, type TenantGraph } from '../logs/names/tenant.ts';

type InsightChannels = 'logsImeTimeline' | 'logsPositionOf' | 'logsUserSessions' | 'logsStepPatterns' | 'logsStepPatternsLoad' | 'logsStepPatternsClear';

export interface LogsInsightDeps {
  logs: LogsService;
  /** The connected Intune tenant's Graph, or a note saying why there is none (demo, not connected). */
  tenantGraph: () => TenantGraph | { note: string };
}

export function logsInsightHandlers(d: LogsInsightDeps, tenantNames = new TenantNames()): Pick<Handlers, InsightChannels> {
  return {
    logsImeTimeline: async ({ session }) => {
      const g = d.tenantGraph();
      const tenant = 'note' in g ? { names: [], notes: [g.note] } : await tenantNames.names(g);
      return { ...(await d.logs.imeTimeline(session, tenant.names)), notes: tenant.notes };
    },
    logsPositionOf: ({ session, file, record }) => d.logs.positionOf(session, file, record),
    logsUserSessions: ({ session }) => d.logs.userSessions(session),
    logsStepPatterns: () => d.logs.stepPatterns.info(),
    logsStepPatternsLoad: ({ name, text }) => d.logs.stepPatterns.load(name, text),
    logsStepPatternsClear: () => d.logs.stepPatterns.clear(),
  };
}
