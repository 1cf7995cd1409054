// The device grid, an alternative to the list: sortable and resizable columns, a filter per column, keyboard
// navigation (arrows, Home/End, Space selects, Enter opens the card, Ctrl+A selects all shown), virtual
// scrolling (only the visible rows are drawn), CSV export through a Save dialog, and the selection feeding
// "Change these N devices…".
import { useMemo, useRef, useState } from 'react';
import type { Device } from '../../../../electron/common/device.ts';
import { call } from '../../api.ts';
import { columns, gridCsv, gridRows, rowWindow, type ColumnKey, type GridQuery } from './grid-model.ts';
import { PendingBadges } from './pending.tsx';

const rowHeight = 30;
const viewHeight = 420;

interface Props {
  devices: Device[];
  activeKey: string | null;
  onOpen(key: string): void;
  onChange(devices: Device[]): void;
}

export function DeviceGrid({ devices, activeKey, onOpen, onChange }: Props) {
  const [q, setQ] = useState<GridQuery>({ filters: {}, sort: null });
  const [widths, setWidths] = useState<Record<ColumnKey, number>>(() => Object.fromEntries(columns.map((c) => [c.key, c.width])) as Record<ColumnKey, number>);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [scrollTop, setScrollTop] = useState(0);
  const [message, setMessage] = useState<string | null>(null);
  const body = useRef<HTMLDivElement>(null);
  const rows = useMemo(() => gridRows(devices, q), [devices, q]);
  const active = Math.max(0, rows.findIndex((d) => d.key === activeKey));
  const win = rowWindow(rows.length, scrollTop, viewHeight, rowHeight);
  const chosen = selected.size ? rows.filter((d) => selected.has(d.key)) : [];

  const sortBy = (key: ColumnKey) => setQ((x) => ({ ...x, sort: x.sort?.key === key ? (x.sort.dir === 'asc' ? { key, dir: 'desc' } : null) : { key, dir: 'asc' } }));
  const resize = (key: ColumnKey, delta: number) => setWidths((w) => ({ ...w, [key]: Math.max(60, w[key] + delta) }));
  const startDrag = (key: ColumnKey, e: React.MouseEvent) => {
    e.preventDefault();
    let x = e.clientX;
    const move = (m: MouseEvent) => {
      resize(key, m.clientX - x);
      x = m.clientX;
    };
    const up = () => {
      window.removeEventListener('mousemove', move);
      window.removeEventListener('mouseup', up);
    };
    window.addEventListener('mousemove', move);
    window.addEventListener('mouseup', up);
  };
  const toggle = (key: string) =>
    setSelected((s) => {
      const n = new Set(s);
      if (n.has(key)) n.delete(key);
      else n.add(key);
      return n;
    });
  const moveTo = (i: number) => {
    if (!rows.length) return;
    const k = Math.min(Math.max(i, 0), rows.length - 1);
    onOpen(rows[k].key);
    const el = body.current;
    if (el && (k * rowHeight < el.scrollTop || (k + 1) * rowHeight > el.scrollTop + viewHeight)) el.scrollTop = Math.max(0, k * rowHeight - viewHeight / 2);
  };
  const onKey = (e: React.KeyboardEvent) => {
    const k = e.key;
    if (k === 'a' && (e.ctrlKey || e.metaKey)) setSelected(new Set(rows.map((d) => d.key)));
    else if (k === ' ' && rows[active]) toggle(rows[active].key);
    else if (k === 'Enter' && rows[active]) onOpen(rows[active].key);
    else {
      const to = { ArrowDown: active + 1, ArrowUp: active - 1, Home: 0, End: rows.length - 1, PageDown: active + 12, PageUp: active - 12 }[k];
      if (to === undefined) return;
      moveTo(to);
    }
    e.preventDefault();
  };
  const exportCsv = async () => {
    const out = chosen.length ? chosen : rows;
    try {
      const r = await call('lookupExportCsv', { csv: gridCsv(out), suggestedName: `devices-${new Date().toISOString().slice(0, 10)}.csv` });
      setMessage(r ? `Saved ${out.length.toLocaleString()} devices to ${r.path}` : 'Export cancelled.');
    } catch (err) {
      setMessage((err as Error).message);
    }
  };
  const template = columns.map((c) => `${widths[c.key]}px`).join(' ');

  return (
    <div className="device-grid">
      <div className="grid-toolbar">
        <span aria-live="polite">
          {rows.length.toLocaleString()} shown{rows.length !== devices.length ? ` of ${devices.length.toLocaleString()}` : ''} · {selected.size.toLocaleString()} selected
        </span>
        <button type="button" onClick={() => setSelected(new Set(rows.map((d) => d.key)))}>
          Select all shown
        </button>
        <button type="button" disabled={!selected.size} onClick={() => setSelected(new Set())}>
          Clear selection
        </button>
        <button type="button" onClick={() => void exportCsv()}>
          Export {chosen.length ? `${chosen.length.toLocaleString()} selected` : 'shown'} to CSV…
        </button>
        <button type="button" className="primary" disabled={!chosen.length} onClick={() => onChange(chosen)}>
          Change these {chosen.length.toLocaleString()} devices…
        </button>
        {message && <span className="muted">{message}</span>}
      </div>
      <div role="grid" aria-label="Devices found (grid)" aria-rowcount={rows.length + 1} aria-multiselectable="true" className="grid-table" tabIndex={0} onKeyDown={onKey}>
        <div role="row" className="grid-row grid-head" style={{ gridTemplateColumns: template }} aria-rowindex={1}>
          {columns.map((c) => (
            <div role="columnheader" key={c.key} aria-sort={q.sort?.key === c.key ? (q.sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'} className="grid-cell">
              <button type="button" className="link grid-sort" onClick={() => sortBy(c.key)}>
                {c.label} {q.sort?.key === c.key ? (q.sort.dir === 'asc' ? '▲' : '▼') : ''}
              </button>
              <input
                className="grid-filter"
                aria-label={`Filter ${c.label}`}
                placeholder="filter"
                maxLength={128}
                value={q.filters[c.key] ?? ''}
                onKeyDown={(e) => e.stopPropagation()}
                onChange={(e) => setQ((x) => ({ ...x, filters: { ...x.filters, [c.key]: e.target.value } }))}
              />
              <span
                role="separator"
                aria-orientation="vertical"
                aria-label={`Resize ${c.label} (arrow keys)`}
                aria-valuenow={widths[c.key]}
                tabIndex={0}
                className="grid-resize"
                onMouseDown={(e) => startDrag(c.key, e)}
                onKeyDown={(e) => {
                  const d = { ArrowLeft: -20, ArrowRight: 20 }[e.key];
                  if (d === undefined) return;
                  e.preventDefault();
                  e.stopPropagation();
                  resize(c.key, d);
                }}
              />
            </div>
          ))}
        </div>
        <div className="grid-body" ref={body} style={{ height: viewHeight }} onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}>
          <div style={{ height: win.before }} />
          {rows.slice(win.start, win.end).map((d, k) => {
            const i = win.start + k;
            return (
              <div
                role="row"
                key={d.key}
                aria-rowindex={i + 2}
                aria-selected={selected.has(d.key)}
                className={`grid-row${i === active && activeKey ? ' active' : ''}${selected.has(d.key) ? ' chosen' : ''}`}
                style={{ gridTemplateColumns: template, height: rowHeight }}
                onMouseDown={(e) => (e.ctrlKey || e.metaKey ? toggle(d.key) : onOpen(d.key))}
              >
                {columns.map((c) => (
                  <div role="gridcell" key={c.key} className="grid-cell" title={c.text(d)}>
                    {c.key === 'name' && <input type="checkbox" aria-label={`Select ${d.name}`} checked={selected.has(d.key)} onChange={() => toggle(d.key)} onMouseDown={(e) => e.stopPropagation()} />}
                    {c.text(d)}
                    {c.key === 'diagnosis' && <PendingBadges device={d} />}
                  </div>
                ))}
              </div>
            );
          })}
          <div style={{ height: win.after }} />
        </div>
      </div>
    </div>
  );
}
