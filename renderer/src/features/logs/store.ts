// The log viewer's state: open sessions as tabs, each with its own state (tabs/tab-state.ts). The shown
// tab's state sits at the top level, so every panel reads it as before; hidden tabs keep theirs here and
// answers that arrive for a hidden tab (progress, a filter's result) land in its saved state.
import { create } from 'zustand';
import type { LogFilterSpec, LogGrant, LogProgress, LogSessionInfo } from '../../../../electron/common/logs.ts';
import { call, UiError, errorMessage } from '../../api.ts';
import { toSpec } from './filter-spec.ts';
import { indexDone, noteEarlyDone, startIndexing } from './tabs/index-state.ts';
import type { LogTimeFormat } from './log-time.ts';
import { paneActions, type PaneActions } from './search-pane/pane-actions.ts';
import { tabActions, type TabActions } from './tabs/tab-actions.ts';
import { MAX_TABS, tabEntry, tooManyTabs, type TabEntry } from './tabs/tab-list.ts';
import { blankTab, emptyDraft, pickTab, type FilterDraft, type SidePanel, type TabState } from './tabs/tab-state.ts';

export type { FilterDraft, TextQuery } from './tabs/tab-state.ts';
export { emptyDraft } from './tabs/tab-state.ts';

export interface HighlightRule {
  text: string;
  colour: string;
}

export interface LogsState extends TabState, TabActions, PaneActions {
  /** The open tabs in strip order; the shown one is `session`. */
  tabs: TabEntry[];
  highlights: HighlightRule[];
  /** Opened before, as handles main minted (the renderer cannot make one from a path). */
  recent: LogGrant[];
  busy: string | null;

  openDialog(kind: 'files' | 'folder'): Promise<void>;
  openPaths(paths: string[]): Promise<void>;
  openDropped(files: File[]): Promise<void>;
  /** What main offered: the recent list, or logs the OS asked the app to open. */
  openHandles(handles: string[]): Promise<void>;
  openDemo(device?: string): Promise<void>;
  /** Shows a session main opened for another area (Collect diagnostics) in a new tab, with `busy` while it opens. */
  openFrom(busy: string, open: () => Promise<LogSessionInfo>, device?: string): Promise<void>;
  /** Closes the shown tab. */
  close(): Promise<void>;
  loadRecent(): Promise<void>;
  onProgress(session: string, task: string | null, p: LogProgress): void;
  /** Counts the records of a tab's view again (the shown tab by default). */
  refreshCount(session?: string): Promise<void>;
  setDraft(patch: Partial<FilterDraft>): void;
  setTimeFormat(f: LogTimeFormat): void;
  applyFilter(): Promise<void>;
  clearFilter(): void;
  cancelFilter(): Promise<void>;
  /** Selects a file's record (an explainer attempt) wherever the view shows it. */
  revealRecord(file: number, index: number): Promise<void>;
  /** Merged views start at their first timed record (untimed text such as dsregcmd output sorts first). */
  startAtFirstTime(session?: string): Promise<void>;
  showPanel(panel: SidePanel): Promise<void>;
  setOffset(file: number, minutes: number): Promise<void>;
  setFollow(on: boolean): Promise<void>;
  addHighlight(rule: HighlightRule): void;
  removeHighlight(text: string): void;
}

let seq = 0;
const newTask = () => `t${Date.now().toString(36)}${(seq++).toString(36)}`;

export const useLogs = create<LogsState>((set, get) => {
  /** Hidden tabs' state by session id. */
  const hidden = new Map<string, TabState>();
  const shownId = (): string | null => get().session?.id ?? null;
  /** A tab's state, shown or hidden; undefined once it is closed. */
  const tab = (id: string): TabState | undefined => (shownId() === id ? pickTab(get()) : hidden.get(id));
  /** Updates a tab's state wherever it is; a closed tab's late answers are dropped. */
  const put = (id: string, patch: Partial<TabState>): void => {
    if (shownId() === id) set(patch);
    else if (hidden.has(id)) hidden.set(id, { ...(hidden.get(id) as TabState), ...patch });
  };
  const fail = (err: unknown) => set({ error: errorMessage(err), busy: null });
  const failIn = (id: string, err: unknown) => {
    put(id, { error: errorMessage(err) });
    set({ busy: null });
  };

  const adopt = async (info: LogSessionInfo | null, device?: string) => {
    if (!info) return set({ busy: null });
    get().hideShown();
    set({ ...blankTab, session: info, indexing: startIndexing(info), tabs: [...get().tabs, tabEntry(info, device)], busy: null, error: info.problems.length ? info.problems.join(' ') : null });
    get().showFresh(info.id);
    await get().refreshCount(info.id);
    void get().loadRecent();
    if (info.files.some((f) => /DeviceReassignment/i.test(f.path))) void get().showPanel('explain');
  };
  /** Opens in a new tab, unless the tabs are at their cap (said, and main is not asked). */
  const opening = async (busy: string, open: () => Promise<LogSessionInfo | null>, device?: string): Promise<void> => {
    if (get().tabs.length >= MAX_TABS) return set({ error: tooManyTabs, busy: null });
    set({ busy, error: null });
    await open().then((info) => adopt(info, device), fail);
  };

  return {
    ...blankTab,
    tabs: [],
    highlights: [],
    recent: [],
    busy: null,
    ...tabActions(set, get, hidden),
    ...paneActions(set, get, { tab, put }),

    openDialog: (kind) => opening('Opening…', () => call('logsOpenDialog', { kind })),
    openPaths: (paths) => opening('Opening…', () => call('logsOpenPaths', { paths })),
    openDropped: (files) =>
      opening('Opening…', async () => {
        const result = await window.helpdesk.logsOpenDropped({ files });
        if (!result.ok) throw new UiError(result.error);
        return result.value;
      }),
    openHandles: (handles) => opening('Opening…', () => call('logsOpenHandles', { handles })),
    openDemo: (device) => opening(`Opening the demo logs of ${device ?? 'a device'}…`, () => call('logsOpenDemo', { device }), device),
    openFrom: (busy, open, device) => opening(busy, open, device),
    close: async () => {
      const id = shownId();
      if (id) await get().closeTab(id);
    },
    loadRecent: async () => {
      set({ recent: await call('logsRecent').catch(() => []) });
    },
    onProgress: (session, task, p) => {
      const t = tab(session);
      if (!t) {
        if (!task && p.phase === 'index' && p.done && p.file !== undefined) noteEarlyDone(session, p.file);
        return;
      }
      // Indexing or tail mode failed after its call returned: said in the tab, and the progress bar ends.
      if (!task && p.error) return put(session, { error: p.error, indexing: null });
      if (task && t.filtering?.task === task) put(session, { filtering: { task, matches: p.matches ?? 0, scanned: p.records } });
      else if (!task) {
        // Indexing ends when the last file's index is done, not the first one's.
        const allIndexed = p.phase !== 'index' || p.file === undefined || indexDone(session, p.file);
        put(session, { indexing: p.done && p.phase !== 'extract' ? (allIndexed ? null : t.indexing) : p });
        // A file indexed whole says which of its columns hold a value anywhere (the table hides the others).
        if (p.phase === 'index' && p.done && p.columns && p.file !== undefined && t.session)
          put(session, { session: { ...t.session, files: t.session.files.map((f, k) => (k === p.file ? { ...f, filled: p.columns } : f)) } });
        if (p.phase === 'merge' && p.done) put(session, { viewId: undefined, hits: null, generation: t.generation + 1 });
        void get()
          .refreshCount(session)
          .then(() => (p.done && (p.phase === 'merge' || p.phase === 'index') ? get().startAtFirstTime(session) : undefined));
      }
    },
    refreshCount: async (id = shownId() ?? '') => {
      const t = tab(id);
      if (!t?.session) return;
      try {
        const total = await call('logsCount', { session: id, viewId: t.viewId });
        const now = tab(id);
        if (now && now.viewId === t.viewId && total !== now.total) put(id, { total, generation: now.generation + 1 });
      } catch (err) {
        failIn(id, err);
      }
    },
    setDraft: (patch) => set({ draft: { ...get().draft, ...patch } }),
    setTimeFormat: (timeFormat) => set({ timeFormat }),
    applyFilter: async () => {
      const { session, draft, filtering, timeFormat } = get();
      if (!session) return;
      const id = session.id;
      if (filtering) void call('logsCancel', { task: filtering.task });
      let spec: LogFilterSpec;
      try {
        spec = toSpec(draft, timeFormat);
      } catch (err) {
        return fail(err);
      }
      if (Object.keys(spec).length === 0) return get().clearFilter();
      const task = newTask();
      set({ filtering: { task, matches: 0, scanned: 0 }, error: null });
      try {
        const result = await call('logsFilter', { session: id, task, spec });
        const t = tab(id);
        if (t?.filtering?.task !== task) return;
        put(id, { filtering: null, histogram: null });
        get().showResult(id, result.viewId, result.matches);
        if (shownId() === id && get().panel === 'histogram') void get().showPanel('histogram');
      } catch (err) {
        if (tab(id)?.filtering?.task === task) put(id, { filtering: null });
        if (!(err instanceof UiError && err.value.code === 'cancelled')) failIn(id, err);
      }
    },
    clearFilter: () => {
      const wasView = get().viewId !== undefined;
      set({ draft: emptyDraft, viewId: undefined, hits: null, histogram: null, ...(wasView ? { generation: get().generation + 1, selected: null, anchor: null } : {}) });
      if (wasView) void get().refreshCount();
    },
    cancelFilter: async () => {
      const f = get().filtering;
      set({ filtering: null });
      if (f) await call('logsCancel', { task: f.task }).catch(() => {});
    },
    revealRecord: async (file, index) => {
      const { session, viewId } = get();
      if (!session) return;
      try {
        const at = await call('logsLocate', { session: session.id, viewId, target: { file, index } });
        if (shownId() !== session.id) return;
        if (at === null) set({ error: viewId ? 'That record is not among the filtered records: press Show all to see it.' : 'That record is not indexed yet.' });
        else {
          set({ error: null });
          get().revealRow(at);
        }
      } catch (err) {
        fail(err);
      }
    },
    startAtFirstTime: async (id = shownId() ?? '') => {
      const t = tab(id);
      if (!t?.session || t.session.files.length < 2 || t.viewId || t.selected !== null) return;
      const at = await call('logsLocate', { session: id, target: 'first-timed' }).catch(() => null);
      const now = tab(id);
      if (at === null || at <= 0 || !now || now.viewId || now.selected !== null) return;
      if (shownId() === id) get().revealRow(at);
      else put(id, { selected: at, reveal: { row: at, seq: (now.reveal?.seq ?? 0) + 1 } });
    },
    showPanel: async (panel) => {
      set({ panel });
      const { session, viewId } = get();
      if (!session) return;
      const id = session.id;
      try {
        if (panel === 'explain' && !get().attempts) put(id, { attempts: await call('logsExplain', { session: id }) });
        if (panel === 'histogram') put(id, { histogram: await call('logsHistogram', { session: id, buckets: 120, viewId }) });
      } catch (err) {
        failIn(id, err);
      }
    },
    setOffset: async (file, minutes) => {
      const { session } = get();
      if (!session) return;
      try {
        await call('logsSetOffset', { session: session.id, file, minutes });
        const files = session.files.map((f, i) => (i === file ? { ...f, offsetMinutes: minutes } : f));
        const t = tab(session.id);
        if (t) put(session.id, { session: { ...session, files }, viewId: undefined, hits: null, generation: t.generation + 1, histogram: null });
        await get().refreshCount(session.id);
      } catch (err) {
        failIn(session.id, err);
      }
    },
    setFollow: async (on) => {
      const { session } = get();
      if (!session) return;
      try {
        await call('logsFollow', { session: session.id, follow: on });
        put(session.id, { following: on });
      } catch (err) {
        failIn(session.id, err);
      }
    },
    addHighlight: (rule) => set({ highlights: [...get().highlights.filter((h) => h.text !== rule.text), rule] }),
    removeHighlight: (text) => set({ highlights: get().highlights.filter((h) => h.text !== text) }),
  };
});
