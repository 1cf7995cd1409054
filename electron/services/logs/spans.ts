// Match spans for highlighting: the records at some view positions, grouped by file, searched on a log
// worker (spans-job.ts); main only maps positions to records.
import { AppError } from '../../common/errors.ts';
import type { LogTextQuery } from '../../common/logs.ts';
import type { IndexedRecord } from './index-store.ts';
import { currentIndex, type Engine, type Session } from './session.ts';
import { viewOf } from './session-views.ts';
import type { RecordSpansJob } from './spans-job.ts';

export interface RecordSpans {
  position: number;
  /** [start, end) in the record's message, UTF-16 code units. */
  spans: [number, number][];
}

/** At most this many positions per call (a screen of rows, or the detail pane's one record). */
export const MAX_SPAN_POSITIONS = 500;

export async function matchSpans(e: Engine, s: Session, text: LogTextQuery, positions: number[], viewId: string | undefined, maxChars: number, signal?: AbortSignal): Promise<RecordSpans[]> {
  if (positions.length > MAX_SPAN_POSITIONS) throw new AppError('bad_argument', `At most ${MAX_SPAN_POSITIONS} records at a time.`);
  const v = viewOf(s, viewId);
  const byFile = new Map<number, { position: number; rec: IndexedRecord }[]>();
  for (const position of positions) {
    const [ref] = v.refs(position, 1);
    const rec = ref && currentIndex(s.files[ref.file]).get(ref.index);
    if (!rec) continue;
    byFile.set(ref.file, [...(byFile.get(ref.file) ?? []), { position, rec }]);
  }
  const out: RecordSpans[] = [];
  for (const [file, list] of byFile) {
    const f = s.files[file];
    const job: RecordSpansJob = {
      path: f.fsPath,
      format: f.info.format,
      encoding: f.info.encoding,
      offsetMinutes: f.info.offsetMinutes,
      unitSize: f.unitSize,
      records: list.map((x) => ({ ...x.rec })),
      text,
      maxChars,
      maxSpans: 1000,
    };
    const spans = await e.pool.run<[number, number][][] | null>({ kind: 'spans', job }, () => {}, signal);
    if (!spans) throw new AppError('cancelled', 'The log task was cancelled.');
    list.forEach((x, k) => out.push({ position: x.position, spans: spans[k] }));
  }
  return out.sort((a, b) => a.position - b.position);
}

/**
 * How long marking a screen of texts may take: RE2 does it in milliseconds; a pattern only V8 runs
 * (look-around, back-references) that backtracks past this is stopped (its worker ended by the pool).
 */
export const MARK_BUDGET_MS = 2000;

/**
 * Where `text` matches in texts the viewer shows (row messages, the detail pane's body as displayed),
 * found on a log worker, so no pattern runs on main or in the window. Empty matches are left out.
 */
export async function markTexts(e: Engine, text: LogTextQuery, texts: string[], signal?: AbortSignal, budgetMs = MARK_BUDGET_MS): Promise<[number, number][][]> {
  if (!texts.length) return [];
  // The budget runs from the moment a worker starts the job (a job may wait behind a long filter).
  const budget = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const stop = signal ? AbortSignal.any([signal, budget.signal]) : budget.signal;
  const overBudget = (): boolean => budget.signal.aborted && !signal?.aborted;
  try {
    const spans = await e.pool
      .run<[number, number][][] | null>({ kind: 'spans', job: { texts, text, maxSpans: 500 } }, (msg) => msg.type === 'started' && (timer ??= setTimeout(() => budget.abort(), budgetMs)), stop)
      .catch((err: unknown) => {
        if (overBudget()) return null;
        throw err;
      });
    if (spans) return spans;
  } finally {
    clearTimeout(timer);
  }
  if (overBudget()) {
    throw new AppError('timeout', `The matches on screen were not marked: the pattern ran for more than ${budgetMs / 1000} s on them. The records are still found; a pattern without look-around or back-references is marked at once.`);
  }
  throw new AppError('cancelled', 'The log task was cancelled.');
}
