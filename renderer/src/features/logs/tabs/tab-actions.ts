// Switching, closing and cycling tabs. Switching saves the shown tab's state and puts the other's back:
// no records are fetched but the visible rows (their pages may still be cached), and the count once.
import type { StoreApi } from 'zustand';
import { call } from '../../../api.ts';
import type { LogsState } from '../store.ts';
import { forgetTab, hideTab, showTab } from './companions.ts';
import { forgetIndexing } from './index-state.ts';
import { afterClose, cycleTab } from './tab-list.ts';
import { blankTab, pickTab, type TabState } from './tab-state.ts';

export interface TabActions {
  /** Shows another open tab. */
  activate(id: string): void;
  /** Closes a tab (the shown one or a hidden one) and its session in main. */
  closeTab(id: string): Promise<void>;
  /** Shows the next (1) or previous (-1) tab, wrapping (Ctrl+Tab, Ctrl+Shift+Tab). */
  cycleTabs(delta: number): void;
  /** Hides the shown tab and shows the open screen (the next logs opened come in a new tab). */
  newTab(): void;
  /** A tab's state, shown or hidden (other features key theirs by the session id). */
  tabState(id: string): TabState | undefined;
  /** Saves the shown tab before another is shown (the store's open uses it). */
  hideShown(): void;
  /** Starts a new tab's companion state fresh. */
  showFresh(id: string): void;
}

type Set = StoreApi<LogsState>['setState'];
type Get = () => LogsState;

export function tabActions(set: Set, get: Get, hidden: Map<string, TabState>): TabActions {
  const shownId = (): string | null => get().session?.id ?? null;
  const hideShown = (): void => {
    const id = shownId();
    if (!id) return;
    hidden.set(id, pickTab(get()));
    hideTab(id);
  };
  const show = (id: string): void => {
    const saved = hidden.get(id);
    if (!saved) return set({ ...blankTab });
    hidden.delete(id);
    set({ ...saved });
    showTab(id);
    get().conformPane();
    // Records may have been indexed while the tab was hidden: one count, rows only if it changed.
    void get().refreshCount(id);
  };
  return {
    hideShown,
    showFresh: (id) => showTab(id),
    newTab: () => {
      hideShown();
      set({ ...blankTab });
      showTab(''); // the open screen has no find or timeline of its own
    },
    tabState: (id) => (shownId() === id ? pickTab(get()) : hidden.get(id)),
    activate: (id) => {
      if (id === shownId() || !hidden.has(id)) return;
      hideShown();
      show(id);
    },
    cycleTabs: (delta) => {
      const next = cycleTab(
        get().tabs.map((t) => t.id),
        shownId(),
        delta,
      );
      if (next) get().activate(next);
    },
    closeTab: async (id) => {
      const ids = get().tabs.map((t) => t.id);
      if (!ids.includes(id)) return;
      const shown = shownId();
      const next = afterClose(ids, id, shown);
      if (id === shown) {
        if (next) show(next);
        else {
          set({ ...blankTab });
          showTab(id); // nothing kept for it: the companions start fresh
        }
      }
      hidden.delete(id);
      forgetTab(id);
      forgetIndexing(id);
      set({ tabs: get().tabs.filter((t) => t.id !== id) });
      await call('logsClose', { session: id }).catch(() => {});
    },
  };
}
