// One row: open, find and errors, the side panels; the rest (open folder, close, follow, wrap, the
// results pane, highlight rules) in the "More" menu.
import { useState, type RefObject } from 'react';
import { FindBar } from './FindBar.tsx';
import { Overflow } from './Overflow.tsx';
import { useLogs } from './store.ts';
import { useViewPrefs } from './view-prefs.ts';
import { BookmarksButton } from './bookmarks/BookmarksPanel.tsx';
import './logs-tools.css';

const highlightColours = ['rgba(59,130,246,0.25)', 'rgba(16,185,129,0.25)', 'rgba(168,85,247,0.25)', 'rgba(236,72,153,0.25)'];

function MoreTools() {
  const s = useLogs();
  const { wrap, setWrap, searchPane } = useViewPrefs();
  const [highlight, setHighlight] = useState('');
  return (
    <Overflow label="More">
      <button type="button" onClick={() => void s.openDialog('folder')} title="Open a folder of logs (Ctrl+Shift+O)">
        Open folder…
      </button>
      {s.session && (
        <>
          <button type="button" onClick={() => void s.close()}>
            Close logs
          </button>
          <button type="button" aria-pressed={s.following} onClick={() => void s.setFollow(!s.following)} title="Follow files as they grow (tail)">
            Follow
          </button>
        </>
      )}
      {s.session && <BookmarksButton />}
      <label className="chip">
        <input type="checkbox" checked={wrap} onChange={(e) => setWrap(e.target.checked)} />
        Wrap long lines
      </label>
      <label className="chip" title="A filter's results in a pane under all records (off: in place of them)">
        <input type="checkbox" checked={searchPane} onChange={(e) => s.setSearchPane(e.target.checked)} />
        Results pane
      </label>
      <form
        className="highlight-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (!highlight.trim()) return;
          s.addHighlight({ text: highlight.trim(), colour: highlightColours[s.highlights.length % highlightColours.length] });
          setHighlight('');
        }}
      >
        <input placeholder="Highlight text" aria-label="Highlight rows containing" value={highlight} onChange={(e) => setHighlight(e.target.value)} />
      </form>
      {s.highlights.map((h) => (
        <button key={h.text} type="button" className="chip" style={{ background: h.colour }} onClick={() => s.removeHighlight(h.text)} title="Remove this highlight">
          {h.text} ×
        </button>
      ))}
    </Overflow>
  );
}

export function LogsToolbar({ findRef }: { findRef: RefObject<HTMLInputElement | null> }) {
  const s = useLogs();
  return (
    <div className="logs-toolbar" role="toolbar" aria-label="Log viewer">
      <button type="button" onClick={() => void s.openDialog('files')} title="Open log files or zips (Ctrl+O)">
        Open…
      </button>
      <span className="toolbar-sep" />
      <FindBar findRef={findRef} />
      <span className="spacer" />
      {(['explain', 'timeline', 'histogram', 'files'] as const).map((p) => (
        <button key={p} type="button" aria-pressed={s.panel === p} onClick={() => void s.showPanel(s.panel === p ? null : p)}>
          {{ explain: 'Reassignment', timeline: 'IME runs', histogram: 'Timeline', files: 'Files' }[p]}
        </button>
      ))}
      <MoreTools />
    </div>
  );
}
