// Find (Enter, F3, Shift+F3) as CMTrace and klogg show it: every match of the pattern in the view is
// counted once, on the log workers (filterFile), so the viewer can say "3 of 41" or "no match"; later
// steps with the same pattern walk the kept matches. Also where a file's record sits in a view (the
// explainer's attempts in merged views) and the first record that carries a time.
import type { LogFindResult, LogFilterSpec } from '../../common/logs.ts';
import { filterFile, untilAborted } from './filtering.ts';
import { currentIndex, settled, type Engine, type Session } from './session.ts';
import { positionsInBase, viewOf } from './session-views.ts';
import { FilteredView, lowerBound, type RecordRef, type View } from './views.ts';

interface KeptFind {
  key: string;
  view: View;
  count: number;
  positions: Uint32Array;
}

/** The last find per session (the viewer has one find box). */
const kept = new WeakMap<Session, KeptFind>();

/** Base-view positions of every record matching `spec`, filtered on the workers. */
async function baseMatches(e: Engine, s: Session, spec: LogFilterSpec, signal?: AbortSignal): Promise<Uint32Array> {
  await untilAborted(settled(s), signal);
  const perFile = new Map<number, Uint32Array>();
  for (let file = 0; file < s.files.length; file++) perFile.set(file, await filterFile(e, s, file, spec, 0, Infinity, Infinity, () => {}, signal));
  return s.files.length === 1 ? (perFile.get(0) ?? new Uint32Array(0)) : positionsInBase(s, perFile);
}

/** The positions of a filtered view whose base positions are in `matches` (both ascending). */
export function intersect(view: Uint32Array, matches: Uint32Array): Uint32Array {
  const out: number[] = [];
  for (let i = 0, j = 0; i < view.length && j < matches.length; ) {
    if (view[i] === matches[j]) {
      out.push(i);
      i++;
      j++;
    } else if (view[i] < matches[j]) i++;
    else j++;
  }
  return Uint32Array.from(out);
}

async function matchesOf(e: Engine, s: Session, spec: LogFilterSpec, viewId: string | undefined, signal?: AbortSignal): Promise<Uint32Array> {
  const view = viewOf(s, viewId);
  const key = `${viewId ?? ''}|${JSON.stringify(spec)}`;
  const k = kept.get(s);
  // the same view object and count: nothing was re-merged or appended since (a base view is rebuilt per call)
  if (k && k.key === key && k.count === view.count() && (viewId ? k.view === view : s.merged === null || k.view === s.merged)) return k.positions;
  const inBase = await baseMatches(e, s, spec, signal);
  const positions = view instanceof FilteredView ? intersect(view.positions, inBase) : inBase;
  kept.set(s, { key, view: viewId ? view : (s.merged ?? view), count: view.count(), positions });
  return positions;
}

/**
 * The next (previous) match after (before) view position `from` (-1: from the start), with its rank
 * (1-based) among all `total` matches of the view; position and rank are null when there is none that way.
 */
export async function findMatch(e: Engine, s: Session, spec: LogFilterSpec, from: number, direction: 'next' | 'previous', viewId?: string, signal?: AbortSignal): Promise<LogFindResult> {
  const positions = await matchesOf(e, s, spec, viewId, signal);
  const k = direction === 'next' ? lowerBound(positions, from + 1) : lowerBound(positions, from) - 1;
  if (k < 0 || k >= positions.length) return { total: positions.length, position: null, rank: null };
  return { total: positions.length, position: positions[k], rank: k + 1 };
}

/** Where a file's record is in a view, or null when the view does not hold it. */
export function positionOf(s: Session, ref: RecordRef, viewId?: string): number | null {
  return viewOf(s, viewId).positionOf(ref);
}

/** The first position of the session's base view whose record carries a time (merged views start with untimed text otherwise). */
export function firstTimedPosition(s: Session): number | null {
  const view = viewOf(s);
  let best: number | null = null;
  s.files.forEach((f, file) => {
    const idx = currentIndex(f);
    let first = -1;
    idx.walk(0, idx.count, (r) => (r.sec === r.sec ? ((first = r.index), false) : true));
    const at = first < 0 ? null : view.positionOf({ file, index: first });
    if (at !== null && (best === null || at < best)) best = at;
  });
  return best;
}
