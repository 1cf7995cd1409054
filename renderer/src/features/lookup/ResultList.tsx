// The result list: every match, however many, scrolls in one list with only the visible rows in the DOM
// (virtual scrolling, as in the grid); rows not yet fetched are asked of main as they come into view. Keyboard: arrows, Home/End, PageUp/PageDown move the open card;
// Enter moves focus into the card.
import { useEffect, useRef, useState } from 'react';
import type { Device } from '../../../../electron/common/device.ts';
import { rowWindow } from './grid-model.ts';
import { matchLabel, userModeLabel } from './labels.ts';
import { PendingBadges } from './pending.tsx';

/** Every row has this height (lookup.css .result), so a scroll position maps to a row without measuring. */
export const resultRowHeight = 76;

function ResultRow({ d, index, count, selected, onSelect }: { d: Device; index: number; count: number; selected: boolean; onSelect(): void }) {
  const worst = d.diagnoses.find((g) => g.severity === 'error') ?? d.diagnoses.find((g) => g.severity === 'warning');
  return (
    <li
      role="option"
      aria-selected={selected}
      aria-posinset={index + 1}
      aria-setsize={count}
      className={`result${selected ? ' selected' : ''}`}
      onMouseDown={onSelect}
      id={`result-${d.key}`}
    >
      <span className="result-line">
        <span className="result-name">{d.name}</span>
        {d.intune && <span className="badge">Intune</span>}
        {d.ws1 && <span className="badge">WS1 · {userModeLabel[d.ws1.userMode]}</span>}
        <PendingBadges device={d} />
      </span>
      <span className="result-sub muted">
        {d.serial ?? 'no serial'}
        {d.match ? ` · matched by ${matchLabel(d.match)}` : ''}
      </span>
      {worst && <span className={`result-issue severity-${worst.severity}`}>{worst.finding}</span>}
    </li>
  );
}

interface Props {
  /** One slot per match; an empty slot is a row whose page has not come from main yet. */
  rows: (Device | undefined)[];
  selectedKey: string | null;
  onSelect(key: string): void;
  /** Rows start..end-1 are in view: fetch what is missing. */
  onRange(start: number, end: number): void;
  /** Enter: the technician wants to work on the open card. */
  onEnter(): void;
  empty: React.ReactNode;
}

/** The offset the list scrolls to so the row at `index` is visible (null: it already is). */
export function scrollFor(index: number, scrollTop: number, viewHeight: number, rowHeight = resultRowHeight): number | null {
  const top = index * rowHeight;
  if (top < scrollTop) return top;
  if (top + rowHeight > scrollTop + viewHeight) return top + rowHeight - viewHeight;
  return null;
}

function LoadingRow({ index, count }: { index: number; count: number }) {
  return (
    <li role="option" aria-selected={false} aria-posinset={index + 1} aria-setsize={count} className="result result-loading muted">
      Loading…
    </li>
  );
}

export function ResultList({ rows, selectedKey, onSelect, onRange, onEnter, empty }: Props) {
  const list = useRef<HTMLUListElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewHeight, setViewHeight] = useState(600);
  useEffect(() => {
    const el = list.current;
    if (!el) return;
    const measure = () => setViewHeight(el.clientHeight || 600);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  // A new search starts at the top.
  const first = rows[0]?.key;
  useEffect(() => {
    if (list.current) list.current.scrollTop = 0; // the scroll event updates scrollTop
  }, [first]);

  const selectedIndex = rows.findIndex((d) => d?.key === selectedKey);
  // A key can move to a row whose page is still on its way: the list scrolls there, and the row opens when
  // its page arrives.
  const wanted = useRef<number | null>(null);
  const reveal = (k: number) => {
    const el = list.current;
    const to = el && k >= 0 ? scrollFor(k, el.scrollTop, el.clientHeight) : null;
    if (el && to !== null) el.scrollTop = to; // the scroll event updates scrollTop
  };
  const page = Math.max(1, Math.floor(viewHeight / resultRowHeight) - 1);
  const moveTo = (i: number) => {
    if (!rows.length) return;
    const k = Math.min(Math.max(i, 0), rows.length - 1);
    const d = rows[k];
    wanted.current = d ? null : k;
    if (d) onSelect(d.key);
    else reveal(k);
  };
  useEffect(() => {
    const k = wanted.current;
    const d = k === null ? undefined : rows[k];
    if (d) {
      wanted.current = null;
      onSelect(d.key);
    }
  }, [rows, onSelect]);
  // The open card's row stays in view, whoever moved it (the list's keys or the arrows in the search box).
  useEffect(() => reveal(selectedIndex), [selectedIndex]);
  const onKey = (e: React.KeyboardEvent) => {
    if (e.key === 'Enter') {
      if (selectedIndex >= 0) onEnter();
      e.preventDefault();
      return;
    }
    const at = wanted.current ?? (selectedIndex < 0 ? -1 : selectedIndex);
    const to = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: rows.length - 1, PageDown: at + page, PageUp: at - page }[e.key];
    if (to === undefined) return;
    e.preventDefault();
    moveTo(to);
  };
  const win = rowWindow(rows.length, scrollTop, viewHeight, resultRowHeight);
  const selected = selectedIndex >= 0 ? rows[selectedIndex] : undefined;
  useEffect(() => {
    if (rows.slice(win.start, win.end).some((d) => !d)) onRange(win.start, win.end);
  }, [rows, win.start, win.end, onRange]);

  return (
    <ul
      ref={list}
      id="results"
      className="results"
      role="listbox"
      aria-label="Devices found"
      tabIndex={0}
      aria-activedescendant={selected && selectedIndex >= win.start && selectedIndex < win.end ? `result-${selected.key}` : undefined}
      onKeyDown={onKey}
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
    >
      {win.before > 0 && <li role="presentation" className="result-spacer" style={{ height: win.before }} />}
      {rows.slice(win.start, win.end).map((d, k) =>
        d ? (
          <ResultRow key={d.key} d={d} index={win.start + k} count={rows.length} selected={d.key === selectedKey} onSelect={() => onSelect(d.key)} />
        ) : (
          <LoadingRow key={`loading-${win.start + k}`} index={win.start + k} count={rows.length} />
        ),
      )}
      {win.after > 0 && <li role="presentation" className="result-spacer" style={{ height: win.after }} />}
      {rows.length === 0 && empty}
    </ul>
  );
}
