// A virtual list for millions of rows: only the visible rows exist in the DOM, and the scroll position
// is mapped to rows by scroll-mapping.ts so lists taller than the browser's element limit still scroll.
// Keyboard: arrows, Page Up/Down, Home/End move the selection and keep it in view.
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { rowAtScroll, scrollForRow, spacerHeight, type ScrollGeometry } from './scroll-mapping.ts';
import './virtual-rows.css';

export interface VirtualRowsProps {
  rowCount: number;
  rowHeight: number;
  /** Called with the rows now visible (plus a margin) so the owner can fetch them. */
  onVisible(first: number, count: number): void;
  renderRow(index: number, selected: boolean): ReactNode;
  selected: number | null;
  onSelect(index: number): void;
  /** Changing `seq` scrolls so `row` is in view (used by find, jumps and the histogram). */
  reveal?: { row: number; seq: number };
  label: string;
  /** The id of a header row drawn above the scroller: the grid owns it (aria-owns) and counts it as row 1,
   * so rendered rows then carry aria-rowindex index + 2. */
  headerRowId?: string;
  onKeyDown?(e: KeyboardEvent<HTMLDivElement>): void;
  /** The first row to show when mounted (a tab shown again keeps its place); a reveal pending then does not scroll. */
  initialTop?: number;
  /** Told the first row shown after each scroll (kept outside React state: nothing re-renders for it). */
  onTopRow?(row: number): void;
}

export function VirtualRows(p: VirtualRowsProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const [viewport, setViewport] = useState(400);
  const [first, setFirst] = useState(p.initialTop ?? 0);
  const restored = useRef(p.initialTop !== undefined);
  /** The reveal request already followed. */
  const revealed = useRef<number | undefined>(undefined);
  const g: ScrollGeometry = { rowCount: p.rowCount, rowHeight: p.rowHeight, viewportHeight: viewport };
  const visibleRows = Math.max(1, Math.floor(viewport / p.rowHeight));
  const { onVisible } = p;

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setViewport(el.clientHeight));
    observer.observe(el);
    setViewport(el.clientHeight);
    return () => observer.disconnect();
  }, []);

  const onScroll = () => {
    const el = scroller.current;
    if (!el) return;
    const row = rowAtScroll({ rowCount: p.rowCount, rowHeight: p.rowHeight, viewportHeight: el.clientHeight }, el.scrollTop);
    setFirst(row);
    p.onTopRow?.(Math.floor(row));
  };

  const scrollTo = useCallback(
    (row: number) => {
      const el = scroller.current;
      if (!el) return;
      const geometry = { rowCount: p.rowCount, rowHeight: p.rowHeight, viewportHeight: el.clientHeight };
      el.scrollTop = scrollForRow(geometry, row);
      setFirst(rowAtScroll(geometry, el.scrollTop));
    },
    [p.rowCount, p.rowHeight],
  );

  const ensureVisible = useCallback(
    (row: number) => {
      if (row < Math.floor(first)) scrollTo(row);
      else if (row >= Math.floor(first) + visibleRows) scrollTo(row - visibleRows + 1);
    },
    [first, visibleRows, scrollTo],
  );

  const revealSeq = p.reveal?.seq;
  const revealRow = p.reveal?.row;
  useLayoutEffect(() => {
    if (!restored.current) return;
    restored.current = false;
    const el = scroller.current;
    if (el) el.scrollTop = scrollForRow({ rowCount: p.rowCount, rowHeight: p.rowHeight, viewportHeight: el.clientHeight }, p.initialTop ?? 0);
    revealed.current = p.reveal?.seq;
    // Only on mount.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  useEffect(() => {
    if (revealRow === undefined || revealed.current === revealSeq) return;
    revealed.current = revealSeq;
    scrollTo(Math.max(0, revealRow - Math.floor(visibleRows / 3)));
    // Only a new reveal request scrolls; the geometry changing must not.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [revealSeq]);

  // Keep `first` valid when the row count shrinks (a new filter) or grows (indexing).
  useEffect(() => onScroll(), [p.rowCount]); // eslint-disable-line react-hooks/exhaustive-deps

  const top = Math.floor(first);
  const count = Math.min(visibleRows + 2, Math.max(0, p.rowCount - top));
  useEffect(() => {
    if (count > 0) onVisible(top, count);
  }, [top, count, onVisible]);

  const move = (e: KeyboardEvent<HTMLDivElement>) => {
    p.onKeyDown?.(e);
    if (e.defaultPrevented || p.rowCount === 0) return;
    const cur = p.selected ?? top;
    const next = {
      ArrowDown: cur + 1,
      ArrowUp: cur - 1,
      PageDown: cur + visibleRows,
      PageUp: cur - visibleRows,
      Home: 0,
      End: p.rowCount - 1,
    }[e.key];
    if (next === undefined) return;
    e.preventDefault();
    const row = Math.min(Math.max(next, 0), p.rowCount - 1);
    p.onSelect(row);
    ensureVisible(row);
  };

  const offset = (first - top) * p.rowHeight;
  const rows: ReactNode[] = [];
  for (let i = 0; i < count; i++) rows.push(p.renderRow(top + i, p.selected === top + i));

  return (
    <div
      className="vrows"
      ref={scroller}
      onScroll={onScroll}
      tabIndex={0}
      role="grid"
      aria-label={p.label}
      aria-owns={p.headerRowId}
      aria-rowcount={p.rowCount + (p.headerRowId ? 1 : 0)}
      onKeyDown={move}
    >
      <div className="vrows-window" style={{ height: viewport }}>
        <div style={{ transform: `translateY(${-offset}px)` }}>{rows}</div>
      </div>
      <div style={{ height: Math.max(0, spacerHeight(g) - viewport) }} aria-hidden="true" />
    </div>
  );
}
