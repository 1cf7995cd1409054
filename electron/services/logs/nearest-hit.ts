// The search pane follows the full view: the record of a filter result nearest to a position among all
// records (klogg's "the filtered view moves to the closest match"), from the result's sorted positions.
import { AppError } from '../../common/errors.ts';
import type { Session } from './session.ts';
import { viewOf } from './session-views.ts';
import { FilteredView, lowerBound } from './views.ts';

export interface NearestHit {
  /** Position in the filter result. */
  position: number;
  /** The same record's position among all records. */
  basePosition: number;
}

/** The index in `sorted` whose value is nearest `value` (the earlier on a tie), or -1 when empty. */
export function nearestIndex(sorted: Uint32Array, value: number): number {
  if (sorted.length === 0) return -1;
  const k = lowerBound(sorted, value);
  if (k >= sorted.length) return sorted.length - 1;
  if (k === 0 || sorted[k] === value) return k;
  return value - sorted[k - 1] <= sorted[k] - value ? k - 1 : k;
}

/** The filter result's record nearest to `basePosition`; null when the result is empty. */
export function nearestHit(s: Session, viewId: string, basePosition: number): NearestHit | null {
  const view = viewOf(s, viewId);
  if (!(view instanceof FilteredView)) throw new AppError('bad_argument', 'That view is not a filter result.');
  const k = nearestIndex(view.positions, basePosition);
  return k < 0 ? null : { position: k, basePosition: view.positions[k] };
}
