// Selection in the full view and in the search pane, kept in step both ways (klogg): a hit chosen in the
// pane is shown and selected among all records; a record selected among all records moves the pane to
// the nearest hit. Also the two-record selection the status bar times, and the pane on or off.
import type { StoreApi } from 'zustand';
import { call, errorMessage } from '../../../api.ts';
import type { LogsState } from '../store.ts';
import type { SearchHits, TabState } from '../tabs/tab-state.ts';
import { useViewPrefs } from '../view-prefs.ts';

export interface PaneActions {
  /** Selects one record of the full view (a click, the arrows). */
  select(row: number | null): void;
  /** Selects a record of the full view and scrolls to it (find, jumps, the histogram, a hit). */
  revealRow(row: number): void;
  /** Makes `row` the second record of a two-record selection (Ctrl/Shift+click, Shift+↓). */
  extendTo(row: number): void;
  /** Selects the pane's hit `row` and shows its record among all records. */
  selectHit(row: number, ref?: { file: number; index: number }): Promise<void>;
  /** Shows a filter's result (the pane or in place, as the technician chose). */
  showResult(id: string, viewId: string, matches: number): void;
  /** A filter's results in the pane (true) or in place of all records (false). */
  setSearchPane(on: boolean): void;
  /** Puts the shown tab's filter result where the technician's choice says (after a switch or a toggle). */
  conformPane(): void;
}

type Set = StoreApi<LogsState>['setState'];
type Get = () => LogsState;
interface TabAccess {
  tab(id: string): TabState | undefined;
  put(id: string, patch: Partial<TabState>): void;
}

const nextReveal = (r: { seq: number } | undefined, row: number) => ({ row, seq: (r?.seq ?? 0) + 1 });

export function paneActions(set: Set, get: Get, { tab, put }: TabAccess): PaneActions {
  // Only the latest request moves the pane (or the full view); older answers are dropped.
  let followSeq = 0;
  const follow = (row: number): void => {
    const { session, hits } = get();
    if (!session || !hits) return;
    const mine = ++followSeq;
    void call('logsNearestHit', { session: session.id, viewId: hits.viewId, position: row })
      .then((near) => {
        const now = tab(session.id)?.hits;
        if (mine !== followSeq || !near || now?.viewId !== hits.viewId) return;
        put(session.id, { hits: { ...now, selected: near.position, reveal: nextReveal(now.reveal, near.position) } });
      })
      // The pane stays where it was; the tab says why it did not follow.
      .catch((err: unknown) => put(session.id, { error: errorMessage(err) }));
  };
  const toPane = (t: TabState): Partial<TabState> => ({
    hits: { viewId: t.viewId as string, total: t.total, selected: t.selected, reveal: t.selected === null ? undefined : nextReveal(undefined, t.selected) },
    viewId: undefined,
    selected: null,
    anchor: null,
    generation: t.generation + 1,
  });
  const inPlace = (t: TabState, h: SearchHits): Partial<TabState> => ({ viewId: h.viewId, total: h.total, selected: h.selected, anchor: null, hits: null, generation: t.generation + 1, reveal: h.selected === null ? t.reveal : nextReveal(t.reveal, h.selected) });

  return {
    select: (row) => {
      set({ selected: row, anchor: null });
      if (row !== null) follow(row);
    },
    revealRow: (row) => {
      set({ selected: row, anchor: null, reveal: nextReveal(get().reveal, row) });
      follow(row);
    },
    extendTo: (row) => {
      const { selected, anchor } = get();
      set({ anchor: anchor ?? selected ?? row, selected: row });
    },
    selectHit: async (row, ref) => {
      const { session, hits } = get();
      if (!session || !hits) return;
      set({ hits: { ...hits, selected: row } });
      const mine = ++followSeq;
      try {
        const target = ref ?? (await call('logsWindow', { session: session.id, viewId: hits.viewId, first: row, count: 1 })).records[0];
        if (!target) return;
        const at = await call('logsLocate', { session: session.id, target: { file: target.file, index: target.index } });
        if (mine !== followSeq || at === null || get().session?.id !== session.id) return;
        set({ selected: at, anchor: null, reveal: nextReveal(get().reveal, at) });
      } catch {
        /* the session closed or was re-merged meanwhile */
      }
    },
    showResult: (id, viewId, matches) => {
      const t = tab(id);
      if (!t) return;
      if (!useViewPrefs.getState().searchPane) return put(id, { viewId, total: matches, hits: null, generation: t.generation + 1, selected: null, anchor: null });
      const wasView = t.viewId !== undefined;
      put(id, { hits: { viewId, total: matches, selected: null, reveal: undefined }, ...(wasView ? { viewId: undefined, selected: null, anchor: null, generation: t.generation + 1 } : {}) });
      if (wasView) void get().refreshCount(id);
      else if (t.selected !== null && get().session?.id === id) follow(t.selected);
    },
    setSearchPane: (on) => {
      useViewPrefs.getState().setSearchPane(on);
      get().conformPane();
    },
    conformPane: () => {
      const s = get();
      if (!s.session) return;
      const on = useViewPrefs.getState().searchPane;
      if (on && s.viewId !== undefined) {
        set(toPane(s));
        void s.refreshCount(s.session.id);
        // the selected result stays selected, now among all records
        const hit = get().hits?.selected;
        if (hit !== null && hit !== undefined) void get().selectHit(hit);
      } else if (!on && s.hits) set(inPlace(s, s.hits));
    },
  };
}
