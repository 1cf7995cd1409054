// IPC handlers for what the viewer reads out of a session (issue 18): the IME timeline with names for
// GUIDs (the logs', then the tenant's), user sessions, and the reassignment step patterns from Settings.
import type { Handlers } from '../router/router.ts';
import type { LogsService } from '../logs/service.ts';
import { TenantNames, type TenantGraph } from '../logs/names/tenant.ts';
import type { TenantConnection } from '../tenant/connection.ts';

type InsightChannels = 'logsImeTimeline' | 'logsPositionOf' | 'logsUserSessions' | 'logsStepPatterns' | 'logsStepPatternsLoad' | 'logsStepPatternsClear';

export interface LogsInsightDeps {
  logs: LogsService;
  /** The tenant in use (its Graph names apps and scripts). */
  tenant: () => Pick<TenantConnection, 'mode' | 'scope' | 'graph'>;
}

/** The connected Intune tenant's Graph for names, or a note saying why there is none. */
function namesGraph(c: Pick<TenantConnection, 'mode' | 'scope' | 'graph'>): TenantGraph | { note: string } {
  if (c.mode === 'demo') return { note: 'The demo tenant has no app or script catalogue: names come from the open logs alone.' };
  const g = c.graph;
  return g ? { scope: c.scope, baseUrl: g.baseUrl, getToken: () => g.getToken('read') } : { note: 'Intune is not connected: names come from the open logs alone.' };
}

export function logsInsightHandlers(d: LogsInsightDeps, tenantNames = new TenantNames()): Pick<Handlers, InsightChannels> {
  return {
    logsImeTimeline: async ({ session }) => {
      const g = namesGraph(d.tenant());
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
