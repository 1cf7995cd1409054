// The tab strip's rules: a tab's name from what was opened (the file, the folder, the zip, the device),
// its full paths on hover, which tab shows after one closes, cycling with Ctrl+Tab, and the cap.
import type { LogSessionInfo } from '../../../../../electron/common/logs.ts';

/** Open tabs at most; opening one more is refused with this said, never silently. */
export const MAX_TABS = 12;
export const tooManyTabs = `${MAX_TABS} log tabs are open: close one (Ctrl+W) to open more.`;

export interface TabEntry {
  id: string;
  name: string;
  /** The full paths, one a line (the tab's tooltip). */
  title: string;
}

const base = (p: string): string => p.split(/[\\/]/).filter(Boolean).pop() ?? p;
/** `a.zip!/dir/x.log` → `a.zip`; a plain path has no container. */
const container = (p: string): string | null => (p.includes('!/') ? p.slice(0, p.indexOf('!/')) : null);
const folderOf = (p: string): string => p.replace(/[\\/][^\\/]*$/, '');

/** The tab's name: a device's name if given, else the one file, the one zip, or the common folder. */
export function tabEntry(info: LogSessionInfo, device?: string): TabEntry {
  const paths = info.files.map((f) => f.path);
  const title = paths.join('\n');
  if (device) return { id: info.id, name: device, title };
  if (paths.length === 1) return { id: info.id, name: base(paths[0]), title };
  const zips = new Set(paths.map(container));
  const zip = zips.size === 1 ? [...zips][0] : null;
  if (zip) return { id: info.id, name: base(zip), title };
  const folders = new Set(paths.map(folderOf));
  const name = folders.size === 1 ? base([...folders][0]) : `${paths.length} files`;
  return { id: info.id, name: name || `${paths.length} files`, title };
}

/** The tab `delta` steps from `active`, wrapping around (Ctrl+Tab, Ctrl+Shift+Tab). */
export function cycleTab(ids: readonly string[], active: string | null, delta: number): string | null {
  if (ids.length === 0) return null;
  const at = active === null ? -1 : ids.indexOf(active);
  return ids[(((at + delta) % ids.length) + ids.length) % ids.length];
}

/** The tab shown after `closing` closes: the active one stays; else its right neighbour, or its left. */
export function afterClose(ids: readonly string[], closing: string, active: string | null): string | null {
  if (active !== closing) return active;
  const at = ids.indexOf(closing);
  return ids[at + 1] ?? ids[at - 1] ?? null;
}
