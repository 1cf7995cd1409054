// Bookmarks of the open session (main keeps them per file by path and size): the list, their rows in the
// view on screen, toggling the selected record (Ctrl+F2) and stepping between them (F2 / Shift+F2).
import { create } from 'zustand';
import type { Bookmark } from '../../../../../electron/common/logs-marks.ts';
import { call, errorMessage } from '../../../api.ts';
import { useLogs } from '../store.ts';

interface BookmarksState {
  /** The session and view the list was read for. */
  sessionId: string | null;
  viewId: string | undefined;
  items: Bookmark[];
  /** View positions that carry a bookmark (the rows marked in the table). */
  rows: Set<number>;
  panelOpen: boolean;
  note: string | null;
  load(sessionId: string, viewId: string | undefined): Promise<void>;
  /** Bookmarks a file record, or removes its bookmark. */
  toggle(file: number, index: number): Promise<void>;
  /** Toggles the selected row's record. */
  toggleSelected(): Promise<void>;
  /** Selects the next (previous) bookmarked row after (before) the selection, wrapping around. */
  step(direction: 'next' | 'previous'): void;
  setPanelOpen(open: boolean): void;
  exportText(): Promise<void>;
}

const rowsOf = (items: Bookmark[]): Set<number> => new Set(items.flatMap((b) => (b.position === null ? [] : [b.position])));

export const useBookmarks = create<BookmarksState>((set, get) => {
  const adopt = (sessionId: string, viewId: string | undefined, items: Bookmark[]) => {
    const logs = useLogs.getState();
    if (logs.session?.id === sessionId && logs.viewId === viewId) set({ sessionId, viewId, items, rows: rowsOf(items) });
  };
  return {
    sessionId: null,
    viewId: undefined,
    items: [],
    rows: new Set(),
    panelOpen: false,
    note: null,
    load: async (sessionId, viewId) => {
      if (get().sessionId !== sessionId) set({ sessionId, viewId, items: [], rows: new Set(), note: null });
      await call('logsBookmarks', { session: sessionId, viewId }).then((items) => adopt(sessionId, viewId, items), (err) => set({ note: errorMessage(err) }));
    },
    toggle: async (file, index) => {
      const { session, viewId } = useLogs.getState();
      if (!session) return;
      await call('logsBookmarkToggle', { session: session.id, viewId, file, index }).then((items) => adopt(session.id, viewId, items), (err) => set({ note: errorMessage(err) }));
    },
    toggleSelected: async () => {
      const { session, viewId, selected } = useLogs.getState();
      if (!session || selected === null) return set({ note: 'Select a record first, then press Ctrl+F2 to bookmark it.' });
      const w = await call('logsWindow', { session: session.id, first: selected, count: 1, viewId }).catch(() => null);
      const r = w?.records[0];
      if (r) await get().toggle(r.file, r.index);
    },
    step: (direction) => {
      const rows = [...get().rows].sort((a, b) => a - b);
      if (!rows.length) return set({ note: 'No bookmarks in this view: Ctrl+F2 bookmarks the selected record.' });
      const at = useLogs.getState().selected ?? -1;
      const next = direction === 'next' ? (rows.find((p) => p > at) ?? rows[0]) : (rows.findLast((p) => p < at) ?? rows[rows.length - 1]);
      set({ note: null });
      useLogs.getState().revealRow(next);
    },
    setPanelOpen: (panelOpen) => set({ panelOpen }),
    exportText: async () => {
      const { session } = useLogs.getState();
      if (!session) return;
      try {
        const r = await call('logsBookmarksExport', { session: session.id });
        set({ note: r.savedTo ? `Bookmarks saved to ${r.savedTo}.` : r.text ? 'This window cannot save files; the desktop app opens a Save dialog.' : 'Nothing was saved.' });
      } catch (err) {
        set({ note: errorMessage(err) });
      }
    },
  };
});
