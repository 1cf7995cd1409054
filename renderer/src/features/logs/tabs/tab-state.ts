// What each log tab keeps of its own: the session, its view (all records or a filter's result), the
// filter being edited, progress, the selection (one record, or two to time), the search pane, and what
// the side panels show. The store holds the shown tab's state at its top level and the others here.
import type { HistogramBucket, LogLevel, LogProgress, LogSessionInfo, ReassignmentAttempt } from '../../../../../electron/common/logs.ts';
import type { LikeTerm } from '../../../../../electron/common/like-this.ts';
import { isoTimeFormat, type LogTimeFormat } from '../log-time.ts';

export interface TextQuery {
  pattern: string;
  regex: boolean;
  caseSensitive: boolean;
}

export interface FilterDraft {
  levels: LogLevel[];
  component: string;
  thread: string;
  from: string;
  to: string;
  text: TextQuery;
  /** Only while this user was signed in (sessions/SessionBand.tsx). */
  during: { user: string; ranges: { fromMs: number; toMs: number }[] } | null;
  /** Records like one right-clicked, kept or dropped (like-this/). */
  like?: LikeTerm[];
}

export const emptyDraft: FilterDraft = { levels: [], component: '', thread: '', from: '', to: '', text: { pattern: '', regex: false, caseSensitive: false }, during: null };

export interface Reveal {
  row: number;
  seq: number;
}

/** A filter's result shown in the search pane under all records (klogg), with its own selection. */
export interface SearchHits {
  viewId: string;
  total: number;
  selected: number | null;
  reveal: Reveal | undefined;
}

export type SidePanel = 'explain' | 'histogram' | 'files' | 'timeline' | null;

export interface TabState {
  session: LogSessionInfo | null;
  /** undefined: every record; otherwise a filter's view (when the filter replaces the view). */
  viewId: string | undefined;
  total: number;
  /** Bumped whenever the rows on screen may have changed (new view, re-merge, more records indexed). */
  generation: number;
  indexing: LogProgress | null;
  filtering: { task: string; matches: number; scanned: number } | null;
  draft: FilterDraft;
  /** How this log writes times: the time filter is shown and typed that way. */
  timeFormat: LogTimeFormat;
  selected: number | null;
  /** The other record of a two-record selection (Ctrl/Shift+click, Shift+↓): the status bar times them. */
  anchor: number | null;
  reveal: Reveal | undefined;
  hits: SearchHits | null;
  panel: SidePanel;
  attempts: ReassignmentAttempt[] | null;
  histogram: HistogramBucket[] | null;
  following: boolean;
  error: string | null;
}

export const tabKeys = [
  'session',
  'viewId',
  'total',
  'generation',
  'indexing',
  'filtering',
  'draft',
  'timeFormat',
  'selected',
  'anchor',
  'reveal',
  'hits',
  'panel',
  'attempts',
  'histogram',
  'following',
  'error',
] as const satisfies readonly (keyof TabState)[];

export const blankTab: TabState = {
  session: null,
  viewId: undefined,
  total: 0,
  generation: 0,
  indexing: null,
  filtering: null,
  draft: emptyDraft,
  timeFormat: isoTimeFormat,
  selected: null,
  anchor: null,
  reveal: undefined,
  hits: null,
  panel: null,
  attempts: null,
  histogram: null,
  following: false,
  error: null,
};

/** The tab fields of a state that holds more. */
export function pickTab(s: TabState): TabState {
  return Object.fromEntries(tabKeys.map((k) => [k, s[k]])) as unknown as TabState;
}
