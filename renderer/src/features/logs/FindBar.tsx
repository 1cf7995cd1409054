// Find (Enter / F3 next, Shift+Enter / Shift+F3 previous) and next error (F8 / Shift+F8), with what
// happened said in words: "3 of 41", "No match for “x”", "No more errors".
import type { RefObject } from 'react';
import { useFind } from './find-store.ts';
import { useMarks } from './marks-store.ts';
import { MAX_PATTERN_CHARS } from '../../../../electron/common/logs.ts';

export function FindBar({ findRef }: { findRef: RefObject<HTMLInputElement | null> }) {
  const f = useFind();
  const markNote = useMarks((m) => (f.marked ? m.note : null));
  return (
    <>
      <input
        ref={findRef}
        type="search"
        className="find-input"
        placeholder="Find (Ctrl+F)"
        aria-label="Find text" maxLength={MAX_PATTERN_CHARS}
        aria-describedby="find-status"
        value={f.query.pattern}
        onChange={(e) => f.setQuery({ pattern: e.target.value })}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            void f.find(e.shiftKey ? 'previous' : 'next');
          } else if (e.key === 'Escape') f.clear();
        }}
      />
      <button type="button" onClick={() => void f.find('previous')} title="Previous match (Shift+F3)" aria-label="Previous match">
        ↑
      </button>
      <button type="button" onClick={() => void f.find('next')} title="Next match (F3)" aria-label="Next match">
        ↓
      </button>
      <button type="button" onClick={() => void f.nextError('previous')} title="Previous error (Shift+F8)">
        Prev error
      </button>
      <button type="button" onClick={() => void f.nextError('next')} title="Next error (F8)">
        Next error
      </button>
      <span id="find-status" className={`find-status find-${f.status?.kind ?? 'idle'}`} role="status" aria-live="polite">
        {f.status?.text ?? ''}
      </span>
      {markNote && (
        <span className="find-status find-error" role="status">
          {markNote}
        </span>
      )}
    </>
  );
}
