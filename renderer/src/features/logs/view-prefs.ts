// How the technician likes the viewer laid out, kept by main in the settings file (the renderer keeps
// nothing in web storage): column widths per format (a Serilog file's Time column is wider than
// CMTrace's) and whether the detail pane wraps long lines.
import { create } from 'zustand';
import type { LogColumn } from '../../../../electron/common/logs.ts';
import { call } from '../../api.ts';

export const MIN_WIDTH = 40;
export const MAX_WIDTH = 900;

export type ColumnWidths = Partial<Record<LogColumn, number>>;

interface Saved {
  wrap: boolean;
  widths: Record<string, ColumnWidths>;
}

interface ViewPrefs extends Saved {
  setWrap(on: boolean): void;
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
    const { wrap, widths } = get();
    // Not kept (main refused it or is gone): the layout lasts this session.
    void call('setLogsLayout', { wrap, widths })
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
      if (!touched) set({ wrap: saved.wrap, widths: saved.widths });
    })
    .catch(() => {});
  return {
    wrap: true,
    widths: {},
    setWrap: (wrap) => {
      set({ wrap });
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
