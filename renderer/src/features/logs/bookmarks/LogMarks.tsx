// What the technician marks on records, mounted once under the table: the bookmarks panel, the record
// menu, the keys (Ctrl+F2 toggles the selected record's bookmark, F2 / Shift+F2 go to the next / previous
// one, like CMTrace and klogg), and the list kept in step with the session and view on screen.
import { useEffect } from 'react';
import { RecordMenu } from '../like-this/RecordMenu.tsx';
import { useLogs } from '../store.ts';
import { useBookmarks } from './bookmark-store.ts';
import { BookmarksPanel } from './BookmarksPanel.tsx';

export function LogMarks() {
  const sessionId = useLogs((s) => s.session?.id);
  const viewId = useLogs((s) => s.viewId);
  const generation = useLogs((s) => s.generation);
  const hasMarks = useBookmarks((b) => b.items.length > 0);
  useEffect(() => {
    if (sessionId) void useBookmarks.getState().load(sessionId, viewId);
  }, [sessionId, viewId]);
  // A merge or more records indexed can move the marked records' rows.
  useEffect(() => {
    if (sessionId && hasMarks) void useBookmarks.getState().load(sessionId, viewId);
  }, [generation]); // eslint-disable-line react-hooks/exhaustive-deps

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'F2') return;
      e.preventDefault();
      const b = useBookmarks.getState();
      if (e.ctrlKey || e.metaKey) void b.toggleSelected();
      else b.step(e.shiftKey ? 'previous' : 'next');
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return (
    <>
      <BookmarksPanel />
      <RecordMenu />
    </>
  );
}
