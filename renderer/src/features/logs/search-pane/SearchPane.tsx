// klogg's search pane: a filter's results under all records, with their own scroll and selection, kept
// in step both ways (pane-actions.ts). F6 / Shift+F6 move the keyboard between the two; the split is
// dragged (or moved with the arrow keys on the divider) and remembered in the settings file.
import { useRef, type KeyboardEvent, type PointerEvent } from 'react';
import { LogTable } from '../LogTable.tsx';
import { useLogs } from '../store.ts';
import { useViewPrefs } from '../view-prefs.ts';
import { hitsStatus, shareAt } from './pane-status.ts';
import './search-pane.css';

export const paneShortcut = 'F6 / Shift+F6 move between all records and the results';

export function PaneSplitter({ container }: { container: () => HTMLElement | null }) {
  const { paneShare, setPaneShare } = useViewPrefs();
  const dragging = useRef(false);
  const move = (e: PointerEvent<HTMLDivElement>) => {
    const box = container()?.getBoundingClientRect();
    if (dragging.current && box) setPaneShare(shareAt(e.clientY, box.top, box.height - 180));
  };
  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const step = { ArrowUp: 0.05, ArrowDown: -0.05 }[e.key as 'ArrowUp' | 'ArrowDown'];
    if (step === undefined) return;
    e.preventDefault();
    setPaneShare(paneShare + step);
  };
  return (
    <div
      className="pane-splitter"
      role="separator"
      aria-orientation="horizontal"
      aria-label="Resize the search results"
      aria-valuemin={15}
      aria-valuemax={85}
      aria-valuenow={Math.round(paneShare * 100)}
      tabIndex={0}
      onKeyDown={onKey}
      onPointerDown={(e) => {
        dragging.current = true;
        e.currentTarget.setPointerCapture(e.pointerId);
      }}
      onPointerMove={move}
      onPointerUp={() => (dragging.current = false)}
    />
  );
}

export function SearchPane() {
  const hits = useLogs((s) => s.hits);
  const filtering = useLogs((s) => s.filtering);
  if (!hits) return null;
  return (
    <section className="search-pane" aria-label="Search results">
      <div className="search-pane-head">
        <strong>Results</strong>
        <span id="hits-status" role="status" aria-live="polite">
          {filtering ? 'Filtering…' : hitsStatus(hits.selected, hits.total)}
        </span>
        <span className="muted">{paneShortcut}</span>
      </div>
      <LogTable which="hits" />
    </section>
  );
}
