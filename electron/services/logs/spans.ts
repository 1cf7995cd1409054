// Match spans for highlighting: the records at some view positions, grouped by file, searched on a log
// worker (spans-job.ts); main only maps positions to records.
import { AppError } from '../../common/errors.ts';
import type { LogTextQuery } from '../../common/logs.ts';
import type { IndexedRecord } from './index-store.ts';
import { currentIndex, type Engine, type Session } from './session.ts';
import { viewOf } from './session-views.ts';
import type { SpansJob } from './spans-job.ts';

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
    const job: SpansJob = {
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
