// Per-tab state that lives in other stores (find, the IME timeline, another feature's own) is saved
// when its tab is hidden and restored when it shows again: each store registers how, once. Scroll
// positions are remembered here too, without re-rendering anything while the technician scrolls.

export interface TabCompanion {
  /** The state to keep for the tab being hidden. */
  save(): unknown;
  /** Restore a saved state, or (undefined) start fresh for a tab never shown before. */
  restore(saved: unknown): void;
}

const companions = new Map<string, TabCompanion>();
const saved = new Map<string, Map<string, unknown>>();
const scrolls = new Map<string, number>();

export function registerTabCompanion(name: string, c: TabCompanion): void {
  companions.set(name, c);
}

/** Saves every companion's state under `tab` (the tab being hidden). */
export function hideTab(tab: string): void {
  saved.set(tab, new Map([...companions].map(([name, c]) => [name, c.save()])));
}

/** Restores every companion for `tab` (the tab being shown). */
export function showTab(tab: string): void {
  const kept = saved.get(tab);
  for (const [name, c] of companions) c.restore(kept?.get(name));
  saved.delete(tab);
}

/** Forgets a closed tab. */
export function forgetTab(tab: string): void {
  saved.delete(tab);
  for (const key of [...scrolls.keys()]) if (key.startsWith(`${tab}|`)) scrolls.delete(key);
}

/** The first row a tab's table (`which`: the full view or the search pane) showed, and remembering it. */
export const scrollOf = (tab: string, which: string): number => scrolls.get(`${tab}|${which}`) ?? 0;
export const keepScroll = (tab: string, which: string, row: number): void => void scrolls.set(`${tab}|${which}`, row);
