// The log viewer's state: the open session, the current view (all records or a filter's result), the
// filter being edited, progress, selection, and what the side panels show.
import { create } from 'zustand';
import type { HistogramBucket, LogFilterSpec, LogGrant, LogLevel, LogProgress, LogSessionInfo, ReassignmentAttempt } from '../../../../electron/common/logs.ts';
import { call, UiError } from '../../api.ts';

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
}

export const emptyDraft: FilterDraft = { levels: [], component: '', thread: '', from: '', to: '', text: { pattern: '', regex: false, caseSensitive: false } };

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
  find: TextQuery;
  selected: number | null;
  reveal: { row: number; seq: number } | undefined;
  panel: 'explain' | 'histogram' | 'files' | null;
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
  applyFilter(): Promise<void>;
  clearFilter(): void;
  cancelFilter(): Promise<void>;
  setFind(patch: Partial<TextQuery>): void;
  findNext(direction: 'next' | 'previous'): Promise<void>;
  nextError(direction: 'next' | 'previous'): Promise<void>;
  select(row: number | null): void;
  revealRow(row: number): void;
  showPanel(panel: LogsState['panel']): Promise<void>;
  setOffset(file: number, minutes: number): Promise<void>;
  setFollow(on: boolean): Promise<void>;
  addHighlight(rule: HighlightRule): void;
  removeHighlight(text: string): void;
}

let seq = 0;
const newTask = () => `t${Date.now().toString(36)}${(seq++).toString(36)}`;

function toSpec(d: FilterDraft): LogFilterSpec {
  const spec: LogFilterSpec = {};
  if (d.levels.length) spec.levels = d.levels;
  if (d.component.trim()) spec.components = d.component.split(',').map((s) => s.trim()).filter(Boolean);
  if (d.thread.trim()) spec.threads = d.thread.split(',').map((s) => s.trim()).filter(Boolean);
  // Times in the view are wall-clock as written, read as if UTC: parse the inputs the same way.
  if (d.from) spec.fromMs = Date.parse(`${d.from}Z`);
  if (d.to) spec.toMs = Date.parse(`${d.to}Z`);
  if (d.text.pattern) spec.text = d.text;
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
    find: { pattern: '', regex: false, caseSensitive: false },
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
        void get().refreshCount();
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
    applyFilter: async () => {
      const { session, draft, filtering } = get();
      if (!session) return;
      if (filtering) void call('logsCancel', { task: filtering.task });
      const spec = toSpec(draft);
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
    setFind: (patch) => set({ find: { ...get().find, ...patch } }),
    findNext: async (direction) => {
      const { session, find, selected, viewId } = get();
      if (!session || !find.pattern) return;
      const from = selected === null ? (direction === 'next' ? 0 : Math.max(0, get().total - 1)) : selected + (direction === 'next' ? 1 : -1);
      if (from < 0) return set({ error: 'No earlier match.' });
      try {
        const hit = await call('logsFind', { session: session.id, task: 'find', spec: { text: find }, from, direction, viewId });
        if (hit === null) set({ error: `No ${direction === 'next' ? 'later' : 'earlier'} match for “${find.pattern}”.` });
        else {
          set({ error: null });
          get().revealRow(hit);
        }
      } catch (err) {
        fail(err);
      }
    },
    nextError: async (direction) => {
      const { session, selected, viewId } = get();
      if (!session) return;
      const from = selected === null ? 0 : selected + (direction === 'next' ? 1 : -1);
      if (from < 0) return;
      try {
        const hit = await call('logsNextError', { session: session.id, from, direction, viewId });
        if (hit === null) set({ error: `No ${direction === 'next' ? 'later' : 'earlier'} error.` });
        else {
          set({ error: null });
          get().revealRow(hit);
        }
      } catch (err) {
        fail(err);
      }
    },
    select: (row) => set({ selected: row }),
    revealRow: (row) => set({ selected: row, reveal: { row, seq: (get().reveal?.seq ?? 0) + 1 } }),
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
