// Find (Enter, F3, Shift+F3) and next error (F8, Shift+F8) with honest feedback, as CMTrace and klogg
// give it: "3 of 41", "No match for “x”", "No later match (41 in all)", "No more errors". The matching
// runs on the log workers (logsFindMatch counts every match of the view once per pattern).
import { create } from 'zustand';
import type { LogTextQuery } from '../../../../electron/common/logs.ts';
import { call, UiError, errorMessage } from '../../api.ts';
import { useLogs } from './store.ts';

export interface FindStatus {
  kind: 'match' | 'none' | 'edge' | 'busy' | 'error';
  text: string;
}

interface FindState {
  query: LogTextQuery;
  /** The pattern last searched: what rows and the detail pane mark. */
  marked: LogTextQuery | null;
  status: FindStatus | null;
  setQuery(patch: Partial<LogTextQuery>): void;
  find(direction: 'next' | 'previous'): Promise<void>;
  nextError(direction: 'next' | 'previous'): Promise<void>;
  clear(): void;
}

const FIND_TASK = 'find';
const quoted = (q: LogTextQuery): string => `“${q.pattern}”`;

/** Where a step starts: the selected row, or before the first (after the last) record. */
function startFrom(direction: 'next' | 'previous'): number {
  const { selected, total } = useLogs.getState();
  if (selected !== null) return selected;
  return direction === 'next' ? -1 : total;
}

export const useFind = create<FindState>((set, get) => ({
  query: { pattern: '', regex: false, caseSensitive: false },
  marked: null,
  status: null,
  setQuery: (patch) => set({ query: { ...get().query, ...patch } }),
  clear: () => set({ marked: null, status: null }),
  find: async (direction) => {
    const { session, viewId, revealRow } = useLogs.getState();
    const q = get().query;
    if (!session) return;
    if (!q.pattern) return set({ marked: null, status: null });
    set({ marked: q, status: { kind: 'busy', text: `Finding ${quoted(q)}…` } });
    try {
      const r = await call('logsFindMatch', { session: session.id, task: FIND_TASK, text: q, from: startFrom(direction), direction, viewId });
      if (get().query !== q) return;
      if (r.total === 0) return set({ status: { kind: 'none', text: `No match for ${quoted(q)}${viewId ? ' in these records' : ''}.` } });
      if (r.position === null || r.rank === null) {
        return set({ status: { kind: 'edge', text: `No ${direction === 'next' ? 'later' : 'earlier'} match (${r.total.toLocaleString()} in all; ${direction === 'next' ? 'Shift+F3 goes back' : 'F3 goes on'}).` } });
      }
      set({ status: { kind: 'match', text: `${r.rank.toLocaleString()} of ${r.total.toLocaleString()}` } });
      revealRow(r.position);
    } catch (err) {
      if (err instanceof UiError && err.value.code === 'cancelled') return;
      set({ status: { kind: 'error', text: errorMessage(err) } });
    }
  },
  nextError: async (direction) => {
    const { session, viewId, revealRow } = useLogs.getState();
    if (!session) return;
    const from = startFrom(direction);
    try {
      const hit = await call('logsNextError', { session: session.id, from, direction, viewId });
      const where = useLogs.getState().selected === null ? '(none in these records)' : `${direction === 'next' ? 'below' : 'above'} the selected record`;
      if (hit === null) set({ status: { kind: 'edge', text: `No more errors ${where}.` } });
      else {
        set({ status: null });
        revealRow(hit);
      }
    } catch (err) {
      set({ status: { kind: 'error', text: errorMessage(err) } });
    }
  },
}));
