// The device grid's model: its columns (name, serial, platforms, user mode, primary/enrolled user, last
// check-in, diagnosis), per-column filters, sorting, a window of rows for virtual scrolling, and CSV.
import type { Device } from '../../../../electron/common/device.ts';
import { userModeLabel } from './labels.ts';

export type ColumnKey = 'name' | 'serial' | 'platforms' | 'userMode' | 'user' | 'lastCheckIn' | 'diagnosis';

export interface Column {
  key: ColumnKey;
  label: string;
  /** Text shown, filtered and exported. */
  text(d: Device): string;
  /** Sort key (defaults to the text). */
  sortKey?(d: Device): string;
  width: number;
}

const latest = (d: Device) => [d.intune?.lastCheckIn, d.ws1?.lastCheckIn].filter((x): x is string => !!x).sort().at(-1) ?? '';
const worst = (d: Device) => d.diagnoses.find((g) => g.severity === 'error') ?? d.diagnoses.find((g) => g.severity === 'warning') ?? d.diagnoses[0];

export const columns: Column[] = [
  { key: 'name', label: 'Name', text: (d) => d.name, width: 170 },
  { key: 'serial', label: 'Serial', text: (d) => d.serial ?? '', width: 120 },
  { key: 'platforms', label: 'Platforms', text: (d) => [d.intune && 'Intune', d.ws1 && 'Workspace ONE'].filter(Boolean).join(' + '), width: 150 },
  { key: 'userMode', label: 'User mode (WS1)', text: (d) => (d.ws1 ? (d.ws1.userMode === 'unknown' ? 'unknown on this tenant' : userModeLabel[d.ws1.userMode]) : ''), width: 140 },
  { key: 'user', label: 'Primary / enrolled user', text: (d) => d.intune?.primaryUser?.upn ?? d.ws1?.enrolledUser?.upn ?? d.ws1?.enrolledUser?.displayName ?? '', width: 200 },
  { key: 'lastCheckIn', label: 'Last check-in', text: (d) => (latest(d) ? new Date(latest(d)).toLocaleString() : ''), sortKey: latest, width: 160 },
  { key: 'diagnosis', label: 'Diagnosis', text: (d) => worst(d)?.finding ?? 'nothing found', width: 320 },
];

export interface GridQuery {
  filters: Partial<Record<ColumnKey, string>>;
  sort: { key: ColumnKey; dir: 'asc' | 'desc' } | null;
}

/** Rows whose every filtered column contains its filter text (case-insensitive), sorted. */
export function gridRows(devices: readonly Device[], q: GridQuery): Device[] {
  const active = columns.filter((c) => q.filters[c.key]?.trim());
  let rows = active.length ? devices.filter((d) => active.every((c) => c.text(d).toLowerCase().includes(q.filters[c.key]!.trim().toLowerCase()))) : [...devices];
  if (q.sort) {
    const col = columns.find((c) => c.key === q.sort!.key)!;
    const key = col.sortKey ?? col.text;
    const sign = q.sort.dir === 'asc' ? 1 : -1;
    const keyed = rows.map((d) => [key(d), d] as const);
    keyed.sort((a, b) => sign * a[0].localeCompare(b[0], undefined, { numeric: true, sensitivity: 'base' }));
    rows = keyed.map(([, d]) => d);
  }
  return rows;
}

/** The rows to draw for a scroll position: a window of the list plus a margin, and the space around it. */
export function rowWindow(count: number, scrollTop: number, viewHeight: number, rowHeight: number, margin = 10): { start: number; end: number; before: number; after: number } {
  const start = Math.max(0, Math.floor(scrollTop / rowHeight) - margin);
  const end = Math.min(count, Math.ceil((scrollTop + viewHeight) / rowHeight) + margin);
  return { start, end, before: start * rowHeight, after: (count - end) * rowHeight };
}

/** One CSV cell: quoted when needed; a cell a spreadsheet would run as a formula is prefixed with '. */
export const csvCell = (s: string): string => (/[",\n\r]/.test(s) || /^[=+\-@\t]/.test(s) ? `"${(/^[=+\-@\t]/.test(s) ? `'${s}` : s).replace(/"/g, '""')}"` : s);

/** CSV of the rows (every column, header first); cells that a spreadsheet would run as a formula are quoted with '. */
export function gridCsv(rows: readonly Device[]): string {
  return [columns.map((c) => csvCell(c.label)).join(','), ...rows.map((d) => columns.map((c) => csvCell(c.text(d))).join(','))].join('\r\n') + '\r\n';
}
