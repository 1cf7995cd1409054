// The viewer's keys for tabs and panes: Ctrl+Tab / Ctrl+Shift+Tab and Ctrl+PageDown / Ctrl+PageUp
// switch tabs, Ctrl+W closes the shown one, F6 / Shift+F6 move between all records and the search pane.
import { useLogs } from '../store.ts';

/** Moves the keyboard to the other table (all records ↔ the search pane's results). */
function otherPane(): void {
  const tables = [...document.querySelectorAll<HTMLElement>('.log-table-all .vrows, .log-table-hits .vrows')];
  if (tables.length < 2) return tables[0]?.focus();
  const at = tables.findIndex((t) => t === document.activeElement || t.contains(document.activeElement));
  tables[at === 0 ? 1 : 0].focus();
}

/** Handles a key meant for tabs or panes; true when it did. */
export function keyForTabs(e: KeyboardEvent): boolean {
  const s = useLogs.getState();
  const ctrl = e.ctrlKey || e.metaKey;
  let handled = true;
  if (ctrl && e.key === 'Tab') s.cycleTabs(e.shiftKey ? -1 : 1);
  else if (ctrl && (e.key === 'PageDown' || e.key === 'PageUp')) s.cycleTabs(e.key === 'PageDown' ? 1 : -1);
  else if (ctrl && !e.shiftKey && e.key.toLowerCase() === 'w' && s.session) void s.close();
  else if (e.key === 'F6' && s.hits) otherPane();
  else handled = false;
  if (handled) e.preventDefault();
  return handled;
}
