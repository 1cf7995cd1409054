// The record table: one row per record, coloured by level like CMTrace (errors red, warnings yellow),
// a colour stripe per file in merged views, and the technician's highlight rules.
import { useCallback } from 'react';
import { logColumns, type LogColumn, type LogRecord } from '../../../../electron/common/logs.ts';
import { VirtualRows } from '../../ui/VirtualRows.tsx';
import { useLogs } from './store.ts';
import { useRecordPages } from './useRecordPages.ts';
import { NamedText } from './timeline/NamedText.tsx';

export const ROW_HEIGHT = 22;
export const fileColours = ['#3b82f6', '#10b981', '#f59e0b', '#a855f7', '#ef4444', '#14b8a6', '#ec4899', '#84cc16'];

const columnLabels: Record<LogColumn, string> = { time: 'Time', level: 'Level', component: 'Component', thread: 'Thread', source: 'Source', message: 'Message' };

function cell(r: LogRecord, c: LogColumn): string {
  if (c === 'message') return r.message.split(/\r?\n/, 1)[0];
  if (c === 'level') return r.level === 'none' ? '' : r.level;
  return (c === 'time' ? r.time : r[c]) ?? '';
}

export function LogTable() {
  const { session, viewId, generation, total, selected, reveal, highlights, select } = useLogs();
  const pages = useRecordPages(session?.id, viewId, generation);
  const used = new Set(session?.files.flatMap((f) => f.columns) ?? ['time', 'message']);
  const columns = logColumns.filter((c) => used.has(c));
  const merged = (session?.files.length ?? 0) > 1;
  const { request } = pages;
  const onVisible = useCallback((first: number, count: number) => request(first, count), [request]);

  const renderRow = (i: number, isSelected: boolean) => {
    const r = pages.get(i);
    const hl = r && highlights.find((h) => r.message.toLowerCase().includes(h.text.toLowerCase()));
    return (
      <div
        key={i}
        role="row"
        aria-rowindex={i + 2}
        aria-selected={isSelected}
        className={`log-row level-${r?.level ?? 'loading'}${isSelected ? ' selected' : ''}`}
        style={hl && !isSelected ? { background: hl.colour } : undefined}
        onMouseDown={() => select(i)}
      >
        {merged && <span className="file-stripe" style={{ background: r ? fileColours[r.file % fileColours.length] : 'transparent' }} />}
        {columns.map((c) => (
          <span key={c} role="gridcell" className={`col col-${c}`}>
            {r ? c === 'message' ? <NamedText text={cell(r, c)} /> : cell(r, c) : c === 'message' ? '…' : ''}
          </span>
        ))}
      </div>
    );
  };

  return (
    <div className="log-table">
      <div className="log-header" role="row" id="log-header" aria-rowindex={1}>
        {merged && <span className="file-stripe" />}
        {columns.map((c) => (
          <span key={c} role="columnheader" className={`col col-${c}`}>
            {columnLabels[c]}
          </span>
        ))}
      </div>
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
