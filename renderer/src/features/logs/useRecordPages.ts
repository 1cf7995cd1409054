// Fetches the records on screen in pages of 200 and keeps a bounded number of pages, so scrolling
// through millions of records costs only what is visible.
import { useCallback, useMemo, useState } from 'react';
import type { LogColumn, LogRecord } from '../../../../electron/common/logs.ts';
import { call } from '../../api.ts';

const PAGE = 200;
const MAX_PAGES = 60;

/**
 * Per session, the columns with a value in some record loaded so far (the table hides the others) and
 * the longest time seen (the Time column's default width).
 */
const seenBySession = new Map<string, { filled: Set<LogColumn>; longestTime: number }>();

function noteFilled(session: string, records: LogRecord[]): void {
  if (!seenBySession.has(session)) {
    if (seenBySession.size > 8) seenBySession.clear();
    seenBySession.set(session, { filled: new Set(), longestTime: 0 });
  }
  const seen = seenBySession.get(session) as { filled: Set<LogColumn>; longestTime: number };
  const { filled } = seen;
  for (const r of records) {
    if (r.time) {
      filled.add('time');
      seen.longestTime = Math.max(seen.longestTime, Math.min(r.time.length, 48));
    }
    if (r.level !== 'none') filled.add('level');
    if (r.component) filled.add('component');
    if (r.thread) filled.add('thread');
    if (r.source) filled.add('source');
  }
}

export function useRecordPages(session: string | undefined, viewId: string | undefined, generation: number) {
  const [, setVersion] = useState(0);
  // A new cache whenever the view or its content changes; answers for an old cache are dropped.
  const key = `${session}|${viewId}|${generation}`;
  const cache = useMemo(() => ({ key, pages: new Map<number, LogRecord[]>(), pending: new Set<number>() }), [key]);

  const request = useCallback(
    (first: number, count: number) => {
      if (!session) return;
      for (let p = Math.floor(first / PAGE); p <= Math.floor((first + count - 1) / PAGE); p++) {
        if (cache.pages.has(p) || cache.pending.has(p)) continue;
        cache.pending.add(p);
        call('logsWindow', { session, first: p * PAGE, count: PAGE, viewId })
          .then((w) => {
            cache.pages.set(p, w.records);
            noteFilled(session, w.records);
            if (cache.pages.size > MAX_PAGES) cache.pages.delete(cache.pages.keys().next().value!);
            setVersion((v) => v + 1);
          })
          .catch(() => {})
          .finally(() => cache.pending.delete(p));
      }
    },
    [session, viewId, cache],
  );

  const get = (row: number): LogRecord | undefined => cache.pages.get(Math.floor(row / PAGE))?.[row % PAGE];
  const seen = (session && seenBySession.get(session)) || { filled: new Set<LogColumn>(), longestTime: 0 };
  return { get, request, filled: seen.filled, longestTime: seen.longestTime };
}
