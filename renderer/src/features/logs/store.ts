// The log viewer's state: the open session, the current view (all records or a filter's result), the
// filter being edited, progress, selection, and what the side panels show.
import { create } from 'zustand';
import type { HistogramBucket, LogFilterSpec, LogGrant, LogLevel, LogProgress, LogSessionInfo, ReassignmentAttempt } from '../../../../electron/common/logs.ts';
import type { LikeTerm } from '../../../../electron/common/like-this.ts';
import { call, UiError } from '../../api.ts';
import { isoTimeFormat, parseLogTime, type LogTimeFormat } from './log-time.ts';

export interface HighlightRule {
  text: string;
  colour: string;
}

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

interface LogsState {
  session: LogSessionInfo | null;
  /** undefined: every record; otherwise a filter's view. */
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
  reveal: { row: number; seq: number } | undefined;
  panel: 'explain' | 'histogram' | 'files' | 'timeline' | null;
  attempts: ReassignmentAttempt[] | null;
  histogram: HistogramBucket[] | null;
  highlights: HighlightRule[];
  following: boolean;
  /** Opened before, as handles main minted (the renderer cannot make one from a path). */
  recent: LogGrant[];
  error: string | null;
  busy: string | null;

  openDialog(kind: 'files' | 'folder'): Promise<void>;
  openPaths(paths: string[]): Promise<void>;
  openDropped(files: File[]): Promise<void>;
  /** What main offered: the recent list, or logs the OS asked the app to open. */
  openHandles(handles: string[]): Promise<void>;
  openDemo(device?: string): Promise<void>;
  /** Shows a session main opened for another area (Collect diagnostics), with `busy` while it opens. */
  openFrom(busy: string, open: () => Promise<LogSessionInfo>): Promise<void>;
  close(): Promise<void>;
  loadRecent(): Promise<void>;
  onProgress(session: string, task: string | null, p: LogProgress): void;
  refreshCount(): Promise<void>;
  setDraft(patch: Partial<FilterDraft>): void;
  setTimeFormat(f: LogTimeFormat): void;
  applyFilter(): Promise<void>;
  clearFilter(): void;
  cancelFilter(): Promise<void>;
  select(row: number | null): void;
  revealRow(row: number): void;
  /** Selects a file's record (an explainer attempt) wherever the view shows it. */
  revealRecord(file: number, index: number): Promise<void>;
  /** Merged views start at their first timed record (untimed text such as dsregcmd output sorts first). */
  startAtFirstTime(): Promise<void>;
  showPanel(panel: LogsState['panel']): Promise<void>;
  setOffset(file: number, minutes: number): Promise<void>;
  setFollow(on: boolean): Promise<void>;
  addHighlight(rule: HighlightRule): void;
  removeHighlight(text: string): void;
}

let seq = 0;
const newTask = () => `t${Date.now().toString(36)}${(seq++).toString(36)}`;

/** The filter main runs; a time that does not read in the log's format is an error naming the format. */
function toSpec(d: FilterDraft, fmt: LogTimeFormat): LogFilterSpec {
  const spec: LogFilterSpec = {};
  if (d.levels.length) spec.levels = d.levels;
  if (d.component.trim()) spec.components = d.component.split(',').map((s) => s.trim()).filter(Boolean);
  if (d.thread.trim()) spec.threads = d.thread.split(',').map((s) => s.trim()).filter(Boolean);
  // Times in the view are wall-clock as written, read as if UTC: typed times are read the same way.
  const time = (typed: string, name: string, end: boolean): number | undefined => {
    if (!typed.trim()) return undefined;
    const ms = parseLogTime(typed, fmt, end);
    if (Number.isNaN(ms)) throw new UiError({ code: 'invalid_input', message: `${name} time “${typed}” does not read as ${fmt.template}.` });
    return ms;
  };
  spec.fromMs = time(d.from, 'From', false);
  spec.toMs = time(d.to, 'To', true);
  if (spec.fromMs === undefined) delete spec.fromMs;
  if (spec.toMs === undefined) delete spec.toMs;
  if (d.text.pattern) spec.text = d.text;
  if (d.during) spec.timeRanges = d.during.ranges;
  if (d.like?.length) spec.like = d.like;
  return spec;
}

export const useLogs = create<LogsState>((set, get) => {
  const fail = (err: unknown) => set({ error: err instanceof UiError || err instanceof Error ? err.message : String(err), busy: null });

  const adopt = async (info: LogSessionInfo | null) => {
    if (!info) return set({ busy: null });
    const previous = get().session;
    if (previous) void call('logsClose', { session: previous.id }).catch(() => {});
    set({ following: false, session: info, viewId: undefined, total: 0, generation: get().generation + 1, selected: null, attempts: null, histogram: null, filtering: null, busy: null, error: info.problems.length ? info.problems.join(' ') : null });
    await get().refreshCount();
    void get().loadRecent();
    const explainable = info.files.some((f) => /DeviceReassignment/i.test(f.path));
    if (explainable) void get().showPanel('explain');
  };

  return {
    session: null,
    viewId: undefined,
    total: 0,
    generation: 0,
    indexing: null,
    filtering: null,
    draft: emptyDraft,
    timeFormat: isoTimeFormat,
    selected: null,
    reveal: undefined,
    panel: null,
    attempts: null,
    histogram: null,
    highlights: [],
    following: false,
    recent: [],
    error: null,
    busy: null,

    openDialog: async (kind) => {
      set({ busy: 'Opening…', error: null });
      await call('logsOpenDialog', { kind }).then(adopt, fail);
    },
    openPaths: async (paths) => {
      set({ busy: 'Opening…', error: null });
      await call('logsOpenPaths', { paths }).then(adopt, fail);
    },
    openDropped: async (files) => {
      set({ busy: 'Opening…', error: null });
      const result = await window.helpdesk.logsOpenDropped({ files });
      if (result.ok) await adopt(result.value);
      else fail(new UiError(result.error));
    },
    openHandles: async (handles) => {
      set({ busy: 'Opening…', error: null });
      await call('logsOpenHandles', { handles }).then(adopt, fail);
    },
    openDemo: async (device) => {
      set({ busy: `Opening the demo logs of ${device ?? 'a device'}…`, error: null });
      await call('logsOpenDemo', { device }).then(adopt, fail);
    },
    openFrom: async (busy, open) => {
      set({ busy, error: null });
      await open().then(adopt, fail);
    },
    close: async () => {
      const s = get().session;
      set({ session: null, viewId: undefined, total: 0, selected: null, attempts: null, histogram: null, panel: null, indexing: null });
      if (s) await call('logsClose', { session: s.id }).catch(() => {});
    },
    loadRecent: async () => {
      set({ recent: await call('logsRecent').catch(() => []) });
    },
    onProgress: (session, task, p) => {
      const s = get();
      if (s.session?.id !== session) return;
      if (task && s.filtering?.task === task) set({ filtering: { task, matches: p.matches ?? 0, scanned: p.records } });
      else if (!task) {
        set({ indexing: p.done && p.phase !== 'extract' ? null : p });
        if (p.phase === 'merge' && p.done) set({ viewId: undefined, generation: s.generation + 1 });
        void get()
          .refreshCount()
          .then(() => (p.done && (p.phase === 'merge' || p.phase === 'index') ? get().startAtFirstTime() : undefined));
      }
    },
    refreshCount: async () => {
      const { session, viewId } = get();
      if (!session) return;
      try {
        const total = await call('logsCount', { session: session.id, viewId });
        if (total !== get().total) set({ total, generation: get().generation + 1 });
      } catch (err) {
        fail(err);
      }
    },
    setDraft: (patch) => set({ draft: { ...get().draft, ...patch } }),
    setTimeFormat: (timeFormat) => set({ timeFormat }),
    applyFilter: async () => {
      const { session, draft, filtering } = get();
      if (!session) return;
      if (filtering) void call('logsCancel', { task: filtering.task });
      let spec: LogFilterSpec;
      try {
        spec = toSpec(draft, get().timeFormat);
      } catch (err) {
        return fail(err);
      }
      if (Object.keys(spec).length === 0) return get().clearFilter();
      const task = newTask();
      set({ filtering: { task, matches: 0, scanned: 0 }, error: null });
      try {
        const result = await call('logsFilter', { session: session.id, task, spec });
        if (get().filtering?.task !== task) return;
        set({ viewId: result.viewId, total: result.matches, generation: get().generation + 1, selected: null, filtering: null, histogram: null });
        if (get().panel === 'histogram') void get().showPanel('histogram');
      } catch (err) {
        if (get().filtering?.task === task) set({ filtering: null });
        if (!(err instanceof UiError && err.value.code === 'cancelled')) fail(err);
      }
    },
    clearFilter: () => {
      set({ draft: emptyDraft, viewId: undefined, generation: get().generation + 1, selected: null, histogram: null });
      void get().refreshCount();
    },
    cancelFilter: async () => {
      const f = get().filtering;
      set({ filtering: null });
      if (f) await call('logsCancel', { task: f.task }).catch(() => {});
    },
    select: (row) => set({ selected: row }),
    revealRow: (row) => set({ selected: row, reveal: { row, seq: (get().reveal?.seq ?? 0) + 1 } }),
    revealRecord: async (file, index) => {
      const { session, viewId } = get();
      if (!session) return;
      try {
        const at = await call('logsLocate', { session: session.id, viewId, target: { file, index } });
        if (at === null) set({ error: viewId ? 'That record is not among the filtered records: press Show all to see it.' : 'That record is not indexed yet.' });
        else {
          set({ error: null });
          get().revealRow(at);
        }
      } catch (err) {
        fail(err);
      }
    },
    startAtFirstTime: async () => {
      const { session, viewId, selected } = get();
      if (!session || session.files.length < 2 || viewId || selected !== null) return;
      const at = await call('logsLocate', { session: session.id, target: 'first-timed' }).catch(() => null);
      const now = get();
      if (at !== null && at > 0 && now.session?.id === session.id && !now.viewId && now.selected === null) now.revealRow(at);
    },
    showPanel: async (panel) => {
      set({ panel });
      const { session, viewId } = get();
      if (!session) return;
      try {
        if (panel === 'explain' && !get().attempts) set({ attempts: await call('logsExplain', { session: session.id }) });
        if (panel === 'histogram') set({ histogram: await call('logsHistogram', { session: session.id, buckets: 120, viewId }) });
      } catch (err) {
        fail(err);
      }
    },
    setOffset: async (file, minutes) => {
      const { session } = get();
      if (!session) return;
      try {
        await call('logsSetOffset', { session: session.id, file, minutes });
        const files = session.files.map((f, i) => (i === file ? { ...f, offsetMinutes: minutes } : f));
        set({ session: { ...session, files }, viewId: undefined, generation: get().generation + 1, histogram: null });
        await get().refreshCount();
      } catch (err) {
        fail(err);
      }
    },
    setFollow: async (on) => {
      const { session } = get();
      if (!session) return;
      try {
        await call('logsFollow', { session: session.id, follow: on });
        set({ following: on });
      } catch (err) {
        fail(err);
      }
    },
    addHighlight: (rule) => set({ highlights: [...get().highlights.filter((h) => h.text !== rule.text), rule] }),
    removeHighlight: (text) => set({ highlights: get().highlights.filter((h) => h.text !== text) }),
  };
});
