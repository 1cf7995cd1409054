// The record table: one row per record, coloured by level like CMTrace (errors red, warnings yellow),
// a colour stripe per file in merged views, the technician's highlight rules and the find pattern
// marked. Columns no loaded record fills are hidden; widths are dragged and remembered per format.
// The same table shows the search pane's hits (`which="hits"`), with its own scroll and selection.
import { useCallback, type CSSProperties, type KeyboardEvent, type MouseEvent } from 'react';
import { logColumns, type LogColumn, type LogRecord } from '../../../../electron/common/logs.ts';
import { VirtualRows } from '../../ui/VirtualRows.tsx';
import { ColumnHeader } from './ColumnHeader.tsx';
import { useFind } from './find-store.ts';
import { useLogs } from './store.ts';
import { keepScroll, scrollOf } from './tabs/companions.ts';
import { useRecordPages } from './useRecordPages.ts';
import { NamedText } from './timeline/NamedText.tsx';
import { layoutKey, useViewPrefs } from './view-prefs.ts';
import { useBookmarks } from './bookmarks/bookmark-store.ts';
import { openRecordMenu } from './like-this/record-menu-store.ts';

export const ROW_HEIGHT = 22;
export const fileColours = ['#3b82f6', '#10b981', '#f59e0b', '#a855f7', '#ef4444', '#14b8a6', '#ec4899', '#84cc16'];

const defaultWidths: Record<LogColumn, number> = { time: 210, level: 64, component: 130, thread: 60, source: 120, message: 0 };
const CHAR_PX = 7.3;

function cell(r: LogRecord, c: LogColumn): string {
  if (c === 'message') return r.message.split(/\r?\n/, 1)[0];
  if (c === 'level') return r.level === 'none' ? '' : r.level;
  return (c === 'time' ? r.time : r[c]) ?? '';
}

/** What one table shows: all records (or the filter in place of them), or the search pane's hits. */
function useTableView(which: 'all' | 'hits') {
  const s = useLogs();
  const inRange = (i: number) => s.anchor !== null && s.selected !== null && i >= Math.min(s.anchor, s.selected) && i <= Math.max(s.anchor, s.selected);
  if (which === 'hits') {
    const h = s.hits;
    const pick = (i: number, _e: MouseEvent | null, r?: LogRecord) => void s.selectHit(i, r);
    return { s, viewId: h?.viewId, total: h?.total ?? 0, selected: h?.selected ?? null, reveal: h?.reveal, pick, inRange: () => false, label: 'Search results' };
  }
  const pick = (i: number, e: MouseEvent | null) => (e && (e.ctrlKey || e.metaKey || e.shiftKey) ? s.extendTo(i) : s.select(i));
  return { s, viewId: s.viewId, total: s.total, selected: s.selected, reveal: s.reveal, pick, inRange, label: 'Log records' };
}

export function LogTable({ which = 'all' }: { which?: 'all' | 'hits' }) {
  const { s, viewId, total, selected, reveal, pick, inRange, label } = useTableView(which);
  const { session, generation, highlights } = s;
  const marked = useFind((f) => f.marked);
  const bookmarked = useBookmarks((b) => b.rows);
  const pages = useRecordPages(session?.id, viewId, generation);
  const layout = layoutKey(session?.files.map((f) => f.format) ?? []);
  const saved = useViewPrefs((p) => p.widths[layout]);
  const declared = new Set(session?.files.flatMap((f) => f.columns) ?? ['time', 'message']);
  // Once every file is indexed, its whole-file column presence decides; before, the records loaded so far.
  const whole = session?.files.every((f) => f.filled) ? new Set(session.files.flatMap((f) => f.filled ?? [])) : null;
  const columns = logColumns.filter((c) => declared.has(c) && (c === 'message' || (whole ?? pages.filled).has(c)));
  const merged = (session?.files.length ?? 0) > 1;
  const { request } = pages;
  const onVisible = useCallback((first: number, count: number) => request(first, count), [request]);

  // The Time column fits the longest time seen unless the technician set a width.
  const widths = { ...defaultWidths, ...(pages.longestTime ? { time: Math.ceil(pages.longestTime * CHAR_PX) + 20 } : {}), ...saved };
  const style = Object.fromEntries(columns.map((c) => [`--col-${c}`, `${widths[c]}px`])) as CSSProperties;

  const renderRow = (i: number, isSelected: boolean) => {
    const r = pages.get(i);
    const hl = r && highlights.find((h) => r.message.toLowerCase().includes(h.text.toLowerCase()));
    return (
      <div
        key={i}
        role="row"
        aria-rowindex={i + (which === 'all' ? 2 : 1)}
        aria-selected={isSelected}
        className={`log-row level-${r?.level ?? 'loading'}${isSelected ? ' selected' : ''}${inRange(i) ? ' in-range' : ''}${which === 'all' && bookmarked.has(i) ? ' bookmarked' : ''}`}
        style={hl && !isSelected ? { background: hl.colour } : undefined}
        onMouseDown={(e) => {
          if (e.button === 0) pick(i, e, r);
        }}
        onContextMenu={which === 'all' ? (e) => openRecordMenu(e, i, r) : undefined}
      >
        {merged && <span className="file-stripe" style={{ background: r ? fileColours[r.file % fileColours.length] : 'transparent' }} />}
        {columns.map((c) => (
          <span key={c} role="gridcell" className={`col col-${c}`}>
            {!r ? (c === 'message' ? '…' : '') : c === 'message' ? <NamedText text={cell(r, c)} query={marked} maxChars={4096} /> : cell(r, c)}
          </span>
        ))}
      </div>
    );
  };

  // Shift+↓ / Shift+↑ take the next record into a two-record selection (the status bar times them).
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (which !== 'all' || !e.shiftKey || (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') || selected === null) return;
    e.preventDefault();
    s.extendTo(Math.min(Math.max(0, selected + (e.key === 'ArrowDown' ? 1 : -1)), total - 1));
  };
  const tab = session?.id ?? '';

  return (
    <div className={`log-table log-table-${which}`} style={style}>
      {which === 'all' && <ColumnHeader columns={columns} widths={widths} layout={layout} merged={merged} />}
      <VirtualRows
        key={tab}
        rowCount={total}
        rowHeight={ROW_HEIGHT}
        onVisible={onVisible}
        renderRow={renderRow}
        selected={selected}
        onSelect={(i) => pick(i, null, pages.get(i))}
        reveal={reveal}
        label={label}
        headerRowId={which === 'all' ? 'log-header' : undefined}
        onKeyDown={onKeyDown}
        initialTop={scrollOf(tab, which)}
        onTopRow={(row) => keepScroll(tab, which, row)}
      />
    </div>
  );
}
