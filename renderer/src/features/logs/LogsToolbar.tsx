// Open, find (F3 / Shift+F3), jump between errors (F8 / Shift+F8), highlight rules and side panels.
import { useState, type RefObject } from 'react';
import { useLogs } from './store.ts';

const highlightColours = ['rgba(59,130,246,0.25)', 'rgba(16,185,129,0.25)', 'rgba(168,85,247,0.25)', 'rgba(236,72,153,0.25)'];

export function LogsToolbar({ findRef }: { findRef: RefObject<HTMLInputElement | null> }) {
  const s = useLogs();
  const [highlight, setHighlight] = useState('');
  return (
    <div className="logs-toolbar" role="toolbar" aria-label="Log viewer">
      <button type="button" onClick={() => void s.openDialog('files')} title="Open log files or zips (Ctrl+O)">
        Open files…
      </button>
      <button type="button" onClick={() => void s.openDialog('folder')} title="Open a folder of logs (Ctrl+Shift+O)">
        Open folder…
      </button>
      {s.session && (
        <>
          <button type="button" onClick={() => void s.close()}>
            Close
          </button>
          <button type="button" aria-pressed={s.following} onClick={() => void s.setFollow(!s.following)} title="Follow files as they grow (tail)">
            Follow
          </button>
        </>
      )}
      <span className="toolbar-sep" />
      <input
        ref={findRef}
        type="search"
        className="find-input"
        placeholder="Find (Ctrl+F)"
        aria-label="Find text"
        value={s.find.pattern}
        onChange={(e) => s.setFind({ pattern: e.target.value })}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            void s.findNext(e.shiftKey ? 'previous' : 'next');
          }
        }}
      />
      <button type="button" onClick={() => void s.findNext('previous')} title="Previous match (Shift+F3)" aria-label="Previous match">
        ↑
      </button>
      <button type="button" onClick={() => void s.findNext('next')} title="Next match (F3)" aria-label="Next match">
        ↓
      </button>
      <button type="button" onClick={() => void s.nextError('previous')} title="Previous error (Shift+F8)">
        ◂ Error
      </button>
      <button type="button" onClick={() => void s.nextError('next')} title="Next error (F8)">
        Error ▸
      </button>
      <span className="toolbar-sep" />
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
      <span className="spacer" />
      {(['explain', 'timeline', 'histogram', 'files'] as const).map((p) => (
        <button key={p} type="button" aria-pressed={s.panel === p} onClick={() => void s.showPanel(s.panel === p ? null : p)}>
          {{ explain: 'Reassignment', timeline: 'IME runs', histogram: 'Timeline', files: 'Files' }[p]}
        </button>
      ))}
    </div>
  );
}
