// Where the find pattern is marked in the text on screen (row messages, the detail pane). The texts are
// sent to main in batches and searched on a log worker (logsMarkText), as find itself is, so no pattern
// runs in the window; a pattern only the backtracking engine runs has a short budget there, and what
// happened is said next to the find status.
import { create } from 'zustand';
import { MARK_TEXTS, MARK_TEXT_CHARS, MARK_TOTAL_CHARS } from '../../../../electron/common/ipc/contract.ts';
import type { LogTextQuery } from '../../../../electron/common/logs.ts';
import { call, errorMessage, UiError } from '../../api.ts';

export type Range = [start: number, end: number];

interface MarksState {
  /** The pattern the spans are for (`queryKey`). */
  key: string | null;
  spans: Map<string, Range[]>;
  /** Why texts on screen are not marked, when they are not. */
  note: string | null;
}

export const useMarks = create<MarksState>(() => ({ key: null, spans: new Map(), note: null }));

/** Texts kept marked at most; past this the cache starts again with what is on screen. */
const MAX_CACHED = 4000;
const TASK = 'marks';

export const queryKey = (q: LogTextQuery): string => `${q.regex ? 'r' : 'l'}${q.caseSensitive ? 'c' : 'i'}${q.pattern}`;

let query: LogTextQuery | null = null;
const pending = new Set<string>();
let busy = false;
/** A flush is due (one for all that a render asks for). */
let scheduled = false;

function reset(q: LogTextQuery): void {
  if (busy) void call('logsCancel', { task: TASK }).catch(() => {}); // the answer is for the old pattern
  query = q;
  pending.clear();
  useMarks.setState({ key: queryKey(q), spans: new Map(), note: null });
}

/** The next batch within the channel's limits (texts are cut to MARK_TEXT_CHARS by `Marked`). */
function takeBatch(): string[] {
  const batch: string[] = [];
  let chars = 0;
  for (const t of pending) {
    if (batch.length === MARK_TEXTS || chars + t.length > MARK_TOTAL_CHARS) break;
    batch.push(t);
    chars += t.length;
  }
  for (const t of batch) pending.delete(t);
  return batch;
}

async function flush(): Promise<void> {
  const q = query;
  if (busy || !q || !pending.size) return;
  busy = true;
  const batch = takeBatch();
  let got: Range[][] | null = null;
  let note: string | null = null;
  try {
    got = await call('logsMarkText', { task: TASK, text: q, texts: batch });
  } catch (err) {
    if (!(err instanceof UiError && err.value.code === 'cancelled')) note = errorMessage(err);
  } finally {
    busy = false;
  }
  if (q === query) {
    const s = useMarks.getState();
    const spans = s.spans.size > MAX_CACHED ? new Map<string, Range[]>() : new Map(s.spans);
    // A batch that failed is left unmarked (not asked again for this pattern); the note says why.
    batch.forEach((t, k) => spans.set(t, got?.[k] ?? []));
    useMarks.setState({ spans, note: note ?? s.note });
  }
  if (pending.size) void flush();
}

/** Asks for the marks of `text` under `q`; they arrive in the store (`useMarks`). */
export function requestMarks(q: LogTextQuery, text: string): void {
  if (!q.pattern || !text) return;
  if (!query || queryKey(query) !== queryKey(q)) reset(q);
  const t = text.length > MARK_TEXT_CHARS ? text.slice(0, MARK_TEXT_CHARS) : text;
  if (useMarks.getState().spans.has(t) || pending.has(t)) return;
  pending.add(t);
  if (scheduled) return;
  scheduled = true;
  setTimeout(() => {
    scheduled = false;
    void flush();
  }, 0);
}
