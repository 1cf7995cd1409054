// The record menu: bookmark the record (Ctrl+F2), or keep / drop the records like it by component, by
// thread, or by its message with numbers and GUIDs masked. Escape or a click elsewhere closes it.
import { useEffect, useRef } from 'react';
import { likeThisTerm, likeTermLabel, type LikeBy, type LikeTerm } from '../../../../../electron/common/like-this.ts';
import { useBookmarks } from '../bookmarks/bookmark-store.ts';
import { Overflow } from '../Overflow.tsx';
import { useLogs } from '../store.ts';
import { changeLikeTerms, useRecordMenu } from './record-menu-store.ts';

const bys: LikeBy[] = ['component', 'thread', 'message'];
const none: LikeTerm[] = [];

export function RecordMenu() {
  const { at, close } = useRecordMenu();
  const bookmarked = useBookmarks((b) => (at ? b.rows.has(at.row) : false));
  const menu = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!at) return;
    menu.current?.querySelector('button')?.focus();
    const outside = (e: globalThis.MouseEvent) => !menu.current?.contains(e.target as Node) && close();
    document.addEventListener('mousedown', outside);
    return () => document.removeEventListener('mousedown', outside);
  }, [at, close]);
  if (!at) return null;
  const terms = (mode: LikeTerm['mode']) => bys.map((by) => likeThisTerm(at.record, mode, by)).filter((t): t is LikeTerm => t !== null);
  const run = (fn: () => Promise<void>) => () => {
    close();
    void fn();
  };
  return (
    <div
      className="record-menu"
      role="menu"
      aria-label="Record"
      ref={menu}
      style={{ left: Math.min(at.x, window.innerWidth - 420), top: Math.min(at.y, window.innerHeight - 260) }}
      onKeyDown={(e) => e.key === 'Escape' && close()}
    >
      <button type="button" role="menuitem" onClick={run(() => useBookmarks.getState().toggle(at.record.file, at.record.index))}>
        <span>{bookmarked ? 'Remove bookmark' : 'Bookmark'}</span>
        <kbd>Ctrl+F2</kbd>
      </button>
      {(['include', 'exclude'] as const).map((mode) => (
        <div key={mode} role="group" aria-label={mode === 'include' ? 'Show only records like this' : 'Hide records like this'}>
          <div className="menu-heading">{mode === 'include' ? 'Show only records like this' : 'Hide records like this'}</div>
          {terms(mode).map((t) => (
            <button key={t.by} type="button" role="menuitem" onClick={run(() => changeLikeTerms(t))} title={likeTermLabel(t)}>
              {likeTermLabel(t)}
            </button>
          ))}
        </div>
      ))}
    </div>
  );
}

/** The filter's like-this terms as chips; × takes one away. */
export function LikeChips() {
  const draft = useLogs((s) => s.draft.like ?? none);
  if (!draft.length) return null;
  return (
    <Overflow label={`Like this (${draft.length})`}>
      {draft.map((t) => (
        <button key={`${t.mode}:${t.by}:${t.value}`} type="button" className="chip" onClick={() => void changeLikeTerms(t, true)} title="Remove this condition">
          {likeTermLabel(t)} ×
        </button>
      ))}
    </Overflow>
  );
}
