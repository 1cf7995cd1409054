// What the viewer reads out of the open session beyond its records: the IME timeline with names for GUIDs,
// and who was signed in when. Loaded once per session (the work runs on main's log workers).
import { create } from 'zustand';
import type { GuidName, ImeTimeline, UserSession } from '../../../../../electron/common/logs-insight.ts';
import { call, errorMessage } from '../../../api.ts';
import { useLogs } from '../store.ts';

interface InsightState {
  sessionId: string | null;
  timeline: ImeTimeline | null;
  sessions: UserSession[] | null;
  names: Map<string, GuidName>;
  error: string | null;
  /** Loads the timeline, names and user sessions of a session (once). */
  load(sessionId: string): Promise<void>;
  /** Shows a file's record among all records (a filter in place is cleared first). */
  jumpTo(file: number, record: number): Promise<void>;
}


export const useInsight = create<InsightState>((set, get) => ({
  sessionId: null,
  timeline: null,
  sessions: null,
  names: new Map(),
  error: null,
  load: async (sessionId) => {
    if (get().sessionId === sessionId) return;
    set({ sessionId, timeline: null, sessions: null, names: new Map(), error: null });
    const still = () => get().sessionId === sessionId;
    // One after the other: each reads whole files on a log worker, and the other worker stays free for
    // the technician's filters.
    await call('logsUserSessions', { session: sessionId })
      .then((sessions) => still() && set({ sessions }))
      .catch((err) => still() && set({ sessions: [], error: errorMessage(err) }));
    if (!still()) return;
    await call('logsImeTimeline', { session: sessionId })
      .then((timeline) => still() && set({ timeline, names: new Map(timeline.names.map((n) => [n.id, n])) }))
      .catch((err) => still() && set({ timeline: { rows: [], omitted: 0, names: [], notes: [] }, error: errorMessage(err) }));
  },
  jumpTo: async (file, record) => {
    const logs = useLogs.getState();
    if (!logs.session) return;
    const pos = await call('logsPositionOf', { session: logs.session.id, file, record });
    if (pos === null) return;
    if (logs.viewId) {
      // Every record again, counted, before the row is revealed.
      logs.clearFilter();
      await useLogs.getState().refreshCount();
    }
    useLogs.getState().revealRow(pos);
  },
}));
