// The record table: one row per record, coloured by level like CMTrace (errors red, warnings yellow),
// a colour stripe per file in merged views, the technician's highlight rules and the find pattern
// marked. Columns no loaded record fills are hidden; widths are dragged and remembered per format.
import { useCallback, type CSSProperties } from 'react';
import { logColumns, type LogColumn, type LogRecord } from '../../../../electron/common/logs.ts';
import { VirtualRows } from '../../ui/VirtualRows.tsx';
import { ColumnHeader } from './ColumnHeader.tsx';
import { useFind } from './find-store.ts';
import { useLogs } from './store.ts';
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

export function LogTable() {
  const { session, viewId, generation, total, selected, reveal, highlights, select } = useLogs();
  const marked = useFind((f) => f.marked);
  const bookmarked = useBookmarks((b) => b.rows);
  const pages = useRecordPages(session?.id, viewId, generation);
  const layout = layoutKey(session?.files.map((f) => f.format) ?? []);
  const saved = useViewPrefs((p) => p.widths[layout]);
  const declared = new Set(session?.files.flatMap((f) => f.columns) ?? ['time', 'message']);
  const columns = logColumns.filter((c) => declared.has(c) && (c === 'message' || pages.filled.has(c)));
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
        aria-rowindex={i + 2}
        aria-selected={isSelected}
        className={`log-row level-${r?.level ?? 'loading'}${isSelected ? ' selected' : ''}${bookmarked.has(i) ? ' bookmarked' : ''}`}
        style={hl && !isSelected ? { background: hl.colour } : undefined}
        onMouseDown={(e) => e.button === 0 && select(i)}
        onContextMenu={(e) => openRecordMenu(e, i, r)}
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

  return (
    <div className="log-table" style={style}>
      <ColumnHeader columns={columns} widths={widths} layout={layout} merged={merged} />
      <VirtualRows
        rowCount={total}
        rowHeight={ROW_HEIGHT}
        onVisible={onVisible}
        renderRow={renderRow}
        selected={selected}
        onSelect={select}
        reveal={reveal}
        label="Log records"
        headerRowId="log-header"
      />
    </div>
  );
}
