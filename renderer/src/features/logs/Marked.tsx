// Text with the find pattern's matches marked (the row's message and the detail pane); the matches are
// found on a log worker (marks-store.ts) and arrive a moment after the text.
import { useEffect } from 'react';
import type { LogTextQuery } from '../../../../electron/common/logs.ts';
import { queryKey, requestMarks, useMarks, type Range } from './marks-store.ts';

const NONE: Range[] = [];

/** The marks of `text` (its first `maxChars`) under `query`, once the worker has answered. */
export function useMarkRanges(text: string, query: LogTextQuery | null, maxChars: number): Range[] {
  const input = text.length > maxChars ? text.slice(0, maxChars) : text;
  const key = query?.pattern ? queryKey(query) : null;
  const ranges = useMarks((s) => (key !== null && s.key === key ? s.spans.get(input) : undefined));
  useEffect(() => {
    if (query && key !== null) requestMarks(query, input);
    // The key stands for the query's contents.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, input]);
  return ranges ?? NONE;
}

export function Marked({ text, query, maxChars = 65_536 }: { text: string; query: LogTextQuery | null; maxChars?: number }) {
  const ranges = useMarkRanges(text, query, maxChars);
  if (!ranges.length) return <>{text}</>;
  const parts: React.ReactNode[] = [];
  let at = 0;
  ranges.forEach(([start, end], k) => {
    if (start < at || end > text.length) return;
    if (start > at) parts.push(text.slice(at, start));
    parts.push(
      <mark key={k} className="find-mark">
        {text.slice(start, end)}
      </mark>,
    );
    at = end;
  });
  parts.push(text.slice(at));
  return <>{parts}</>;
}
