// The bookmarks list under the records: time and message start of each, a click shows the record;
// bookmarks made when the file had another size are listed apart and not applied.
import { useBookmarks } from './bookmark-store.ts';
import { useLogs } from '../store.ts';
import './marks.css';

export function BookmarksButton() {
  const { panelOpen, setPanelOpen, items } = useBookmarks();
  return (
    <button type="button" aria-pressed={panelOpen} onClick={() => setPanelOpen(!panelOpen)} title="Bookmarks: Ctrl+F2 toggles, F2 / Shift+F2 go to the next / previous">
      Bookmarks{items.length ? ` (${items.length})` : ''}
    </button>
  );
}

export function BookmarksPanel() {
  const b = useBookmarks();
  const { revealRow, viewId } = useLogs();
  if (!b.panelOpen) return null;
  const current = b.items.filter((i) => !i.changed);
  const changed = b.items.filter((i) => i.changed);
  return (
    <section className="bookmarks-panel" aria-label="Bookmarks">
      <header>
        <h2>Bookmarks</h2>
        <span className="muted">Ctrl+F2 toggles the selected record · F2 / Shift+F2 next / previous</span>
        <span className="spacer" />
        <button type="button" onClick={() => void b.exportText()} disabled={!b.items.length}>
          Export…
        </button>
        <button type="button" onClick={() => b.setPanelOpen(false)}>
          Close
        </button>
      </header>
      {b.note && <p role="status">{b.note}</p>}
      {!b.items.length && <p className="muted">No bookmarks in these logs yet. Right-click a record, or select it and press Ctrl+F2.</p>}
      <ul className="bookmark-list">
        {current.map((m) => (
          <li key={`${m.file}:${m.index}`}>
            <button type="button" className="link" disabled={m.position === null} onClick={() => m.position !== null && revealRow(m.position)} title={m.position === null && viewId ? 'Not among the filtered records: press Show all to see it' : undefined}>
              <span className="bookmark-time">{m.time ?? 'no time'}</span> {m.text}
            </button>
          </li>
        ))}
      </ul>
      {changed.length > 0 && (
        <>
          <p className="muted">The file changed since these were made (its size is different), so they are not applied to its records:</p>
          <ul className="bookmark-list changed">
            {changed.map((m) => (
              <li key={`changed-${m.file}:${m.index}`}>
                <span className="bookmark-time">{m.time ?? 'no time'}</span> {m.text}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
