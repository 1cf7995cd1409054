// The table's header: one cell per shown column, each (but Message, which takes the rest) with a handle
// to drag or, focused, to move with the arrow keys; widths are remembered per format.
import type { KeyboardEvent, PointerEvent } from 'react';
import type { LogColumn } from '../../../../electron/common/logs.ts';
import { MAX_WIDTH, MIN_WIDTH, useViewPrefs } from './view-prefs.ts';

export const columnLabels: Record<LogColumn, string> = { time: 'Time', level: 'Level', component: 'Component', thread: 'Thread', source: 'Source', message: 'Message' };

export function ColumnHeader({ columns, widths, layout, merged }: { columns: LogColumn[]; widths: Record<LogColumn, number>; layout: string; merged: boolean }) {
  const setWidth = useViewPrefs((s) => s.setWidth);
  const drag = (c: LogColumn) => (e: PointerEvent<HTMLSpanElement>) => {
    e.preventDefault();
    const handle = e.currentTarget;
    const startX = e.clientX, startWidth = widths[c];
    handle.setPointerCapture(e.pointerId);
    const move = (ev: globalThis.PointerEvent) => setWidth(layout, c, startWidth + ev.clientX - startX);
    const up = () => {
      handle.removeEventListener('pointermove', move);
      handle.removeEventListener('pointerup', up);
    };
    handle.addEventListener('pointermove', move);
    handle.addEventListener('pointerup', up);
  };
  const keys = (c: LogColumn) => (e: KeyboardEvent<HTMLSpanElement>) => {
    const step = e.shiftKey ? 40 : 10;
    if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') {
      e.preventDefault();
      setWidth(layout, c, widths[c] + (e.key === 'ArrowRight' ? step : -step));
    }
  };
  return (
    <div className="log-header" role="row" id="log-header" aria-rowindex={1}>
      {merged && <span className="file-stripe" />}
      {columns.map((c) => (
        <span key={c} role="columnheader" className={`col col-${c}`}>
          {columnLabels[c]}
          {c !== 'message' && (
            <span
              className="col-resize"
              role="separator"
              aria-orientation="vertical"
              aria-label={`Resize the ${columnLabels[c]} column`}
              aria-valuenow={widths[c]}
              aria-valuemin={MIN_WIDTH}
              aria-valuemax={MAX_WIDTH}
              tabIndex={0}
              onPointerDown={drag(c)}
              onKeyDown={keys(c)}
            />
          )}
        </span>
      ))}
    </div>
  );
}
