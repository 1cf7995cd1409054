// How the technician likes the viewer laid out, kept by main in the settings file (the renderer keeps
// nothing in web storage): column widths per format (a Serilog file's Time column is wider than
// CMTrace's), whether the detail pane wraps long lines, and whether a filter's results show in a search
// pane under all records (and the pane's share of the height).
import { create } from 'zustand';
import type { LogColumn } from '../../../../electron/common/logs.ts';
import { call } from '../../api.ts';

export const MIN_WIDTH = 40;
export const MAX_WIDTH = 900;

export type ColumnWidths = Partial<Record<LogColumn, number>>;

interface Saved {
  wrap: boolean;
  widths: Record<string, ColumnWidths>;
  searchPane: boolean;
  paneShare: number;
}

interface ViewPrefs extends Saved {
  setWrap(on: boolean): void;
  setSearchPane(on: boolean): void;
  setPaneShare(share: number): void;
  setWidth(layout: string, column: LogColumn, width: number): void;
}

export const useViewPrefs = create<ViewPrefs>((set, get) => {
  // A drag calls setWidth on every pointer move, and main writes the settings file per save: one save is
  // in flight at a time, and the last layout follows it, so a drag costs a few writes, not hundreds.
  let inFlight = false;
  let again = false;
  let touched = false;
  const save = (): void => {
    touched = true;
    if (inFlight) {
      again = true;
      return;
    }
    inFlight = true;
    const { wrap, widths, searchPane, paneShare } = get();
    // Not kept (main refused it or is gone): the layout lasts this session.
    void call('setLogsLayout', { wrap, widths, searchPane, paneShare })
      .catch(() => {})
      .finally(() => {
        inFlight = false;
        if (again) {
          again = false;
          save();
        }
      });
  };
  // The saved layout arrives once main answers; until then the defaults apply, and a change made
  // meanwhile is not overwritten by it.
  void call('getLogsLayout')
    .then((saved) => {
      if (!touched) set({ wrap: saved.wrap, widths: saved.widths, searchPane: saved.searchPane ?? true, paneShare: saved.paneShare ?? 0.35 });
    })
    .catch(() => {});
  return {
    wrap: true,
    widths: {},
    searchPane: true,
    paneShare: 0.35,
    setWrap: (wrap) => {
      set({ wrap });
      save();
    },
    setSearchPane: (searchPane) => {
      set({ searchPane });
      save();
    },
    setPaneShare: (share) => {
      set({ paneShare: Math.round(Math.min(0.85, Math.max(0.15, share)) * 1000) / 1000 });
      save();
    },
    setWidth: (layout, column, width) => {
      const w = Math.round(Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, width)));
      set({ widths: { ...get().widths, [layout]: { ...get().widths[layout], [column]: w } } });
      save();
    },
  };
});

/** The layout key of a session: its formats, so widths set on a Serilog file apply to the next one. */
export const layoutKey = (formats: readonly string[]): string => [...new Set(formats)].sort().join('+');
