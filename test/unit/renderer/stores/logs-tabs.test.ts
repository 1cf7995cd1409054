// The log viewer's tabs and search pane, on the real store with main stubbed: each tab keeps its own
// state, answers for a hidden tab land in that tab, switching asks main for nothing but a count, the cap
// is said; the pane and the full view follow each other; the pure rules (names, cycling, "n of m",
// the time between two records).
import { before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { LogSessionInfo } from '../../../../electron/common/logs.ts';

type Handler = (arg: Record<string, unknown>) => unknown;
const calls: { name: string; arg: Record<string, unknown> }[] = [];
const handlers: Record<string, Handler> = {};
(globalThis as unknown as { window: unknown }).window = {
  helpdesk: new Proxy(
    {},
    {
      get: (_t, name: string) => async (arg: Record<string, unknown> = {}) => {
        calls.push({ name, arg });
        try {
          return { ok: true, value: handlers[name] ? await handlers[name](arg) : null };
        } catch (err) {
          return { ok: false, error: { code: 'cancelled', message: String(err) } };
        }
      },
    },
  ),
};

const { useLogs } = await import('../../../../renderer/src/features/logs/store.ts');
const { useViewPrefs } = await import('../../../../renderer/src/features/logs/view-prefs.ts');
const { useFind } = await import('../../../../renderer/src/features/logs/find-store.ts');
await import('../../../../renderer/src/features/logs/tabs/tab-companions.ts');
const { MAX_TABS, afterClose, cycleTab, tabEntry, tooManyTabs } = await import('../../../../renderer/src/features/logs/tabs/tab-list.ts');
const { hitsStatus, shareAt } = await import('../../../../renderer/src/features/logs/search-pane/pane-status.ts');
const { formatSpan, timeBetween } = await import('../../../../renderer/src/features/logs/selection/time-between.ts');

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const file = (path: string, offsetMinutes = 0) => ({ path, format: 'cmtrace' as const, encoding: 'utf-8' as const, bytes: 10, columns: ['time' as const, 'message' as const], offsetMinutes });
const info = (n: number, ...paths: string[]): LogSessionInfo => ({ id: uuid(n), files: paths.map((p) => file(p)), problems: [] });
const counts = new Map<string, number>();
const countOf = (session: unknown, viewId: unknown) => counts.get(`${String(session)}|${String(viewId ?? '')}`) ?? 0;

/** Polls a condition a bounded number of times (the store's follow-ups are not awaited by the caller). */
async function until(cond: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200 && !cond(); i++) await new Promise((r) => setTimeout(r, 5));
  assert.ok(cond(), what);
}

async function open(n: number, ...paths: string[]): Promise<string> {
  const i = info(n, ...paths);
  handlers.logsOpenPaths = () => i;
  await useLogs.getState().openPaths(paths);
  return i.id;
}

async function closeAll(): Promise<void> {
  for (const t of [...useLogs.getState().tabs]) await useLogs.getState().closeTab(t.id);
}

describe('log tabs on the store', () => {
  before(() => {
    handlers.logsCount = ({ session, viewId }) => countOf(session, viewId);
    handlers.logsRecent = () => [];
  });
  beforeEach(async () => {
    await closeAll();
    calls.length = 0;
    counts.clear();
    useViewPrefs.setState({ searchPane: true });
  });

  test('two tabs keep their own view, filter draft, selection and find; switching asks main for one count and no rows', async () => {
    counts.set(`${uuid(1)}|`, 100);
    counts.set(`${uuid(2)}|`, 50);
    const a = await open(1, '/logs/AppWorkload.log');
    useLogs.getState().setDraft({ component: 'AppActionProcessor' });
    useLogs.getState().select(7);
    useFind.setState({ query: { pattern: 'error', regex: false, caseSensitive: false } });
    const b = await open(2, '/logs/zip/DiagLogs.zip!/a/IntuneManagementExtension.log', '/logs/zip/DiagLogs.zip!/b/AgentExecutor.log');
    let s = useLogs.getState();
    assert.deepEqual(
      s.tabs.map((t) => t.name),
      ['AppWorkload.log', 'DiagLogs.zip'],
    );
    assert.equal(s.session?.id, b);
    assert.equal(s.total, 50);
    assert.equal(s.draft.component, '', 'a new tab starts with an empty filter');
    assert.equal(s.selected, null);
    assert.equal(useFind.getState().query.pattern, '', 'and an empty find box');
    useLogs.getState().setDraft({ thread: '12' });

    calls.length = 0;
    useLogs.getState().activate(a);
    s = useLogs.getState();
    assert.equal(s.session?.id, a);
    assert.equal(s.total, 100);
    assert.equal(s.draft.component, 'AppActionProcessor');
    assert.equal(s.selected, 7);
    assert.equal(useFind.getState().query.pattern, 'error');
    await until(() => calls.length >= 1, 'the count is asked once');
    assert.deepEqual(
      calls.map((c) => c.name),
      ['logsCount'],
      'switching fetches no records and reruns nothing',
    );
    useLogs.getState().cycleTabs(1);
    assert.equal(useLogs.getState().session?.id, b);
    assert.equal(useLogs.getState().draft.thread, '12');
    useLogs.getState().cycleTabs(1);
    assert.equal(useLogs.getState().session?.id, a, 'Ctrl+Tab wraps around');
    assert.deepEqual(useLogs.getState().tabState(b)?.draft.thread, '12', 'a hidden tab is readable by its session id');
  });

  test('progress and a filter result for a hidden tab land in that tab, not the shown one', async () => {
    counts.set(`${uuid(3)}|`, 10);
    const a = await open(3, '/x/One.log');
    let release = () => {};
    handlers.logsFilter = () => new Promise((r) => (release = () => r({ viewId: 'v-one', matches: 4 })));
    useLogs.getState().setDraft({ levels: ['error'] });
    const filtering = useLogs.getState().applyFilter();
    const b = await open(4, '/x/Two.log');
    counts.set(`${uuid(3)}|`, 25);
    useLogs.getState().onProgress(a, null, { phase: 'index', bytesDone: 5, bytesTotal: 10, records: 25, done: false });
    release();
    await filtering;
    await until(() => useLogs.getState().tabState(a)?.total === 25, 'the hidden tab counted its new records');
    assert.equal(useLogs.getState().session?.id, b);
    assert.equal(useLogs.getState().hits, null, 'the shown tab has no results of another');
    assert.equal(useLogs.getState().filtering, null);
    const hidden = useLogs.getState().tabState(a);
    assert.equal(hidden?.hits?.viewId, 'v-one');
    assert.equal(hidden?.hits?.total, 4);
    assert.equal(hidden?.filtering, null);
    assert.equal(hidden?.indexing?.bytesDone, 5);
  });

  test('closing the shown tab shows its right neighbour (else its left) and closes the session in main; middle tabs close alone', async () => {
    const a = await open(5, '/x/A.log');
    const b = await open(6, '/x/B.log');
    const c = await open(7, '/x/C.log');
    useLogs.getState().activate(b);
    await useLogs.getState().close();
    assert.equal(useLogs.getState().session?.id, c);
    assert.ok(calls.some((k) => k.name === 'logsClose' && k.arg.session === b));
    await useLogs.getState().closeTab(a);
    assert.equal(useLogs.getState().session?.id, c, 'closing a hidden tab leaves the shown one');
    await useLogs.getState().close();
    assert.equal(useLogs.getState().session, null);
    assert.deepEqual(useLogs.getState().tabs, []);
  });

  test(`at ${MAX_TABS} tabs, opening one more is refused and said; main is not asked`, async () => {
    for (let n = 0; n < MAX_TABS; n++) await open(100 + n, `/x/L${n}.log`);
    calls.length = 0;
    await open(200, '/x/Extra.log');
    assert.equal(useLogs.getState().tabs.length, MAX_TABS);
    assert.equal(useLogs.getState().error, tooManyTabs);
    assert.ok(!calls.some((k) => k.name === 'logsOpenPaths'));
  });

  test('search pane: a filter fills the pane, all records stay; a hit shows its record in the full view; a record moves the pane to the nearest hit', async () => {
    counts.set(`${uuid(8)}|`, 1000);
    const a = await open(8, '/x/Big.log');
    handlers.logsFilter = () => ({ viewId: 'v-hits', matches: 3 });
    useLogs.getState().setDraft({ levels: ['error'] });
    await useLogs.getState().applyFilter();
    let s = useLogs.getState();
    assert.equal(s.viewId, undefined, 'all records stay in view');
    assert.equal(s.total, 1000);
    assert.deepEqual(s.hits && { viewId: s.hits.viewId, total: s.hits.total }, { viewId: 'v-hits', total: 3 });
    assert.equal(hitsStatus(s.hits?.selected ?? null, 3), '3 results');

    const hitBase = [100, 500, 900];
    handlers.logsLocate = ({ target }) => hitBase[(target as { index: number }).index];
    await useLogs.getState().selectHit(1, { file: 0, index: 1 });
    s = useLogs.getState();
    assert.equal(s.hits?.selected, 1);
    assert.equal(s.selected, 500, 'the hit is selected among all records');
    assert.equal(s.reveal?.row, 500, 'and scrolled to');
    assert.equal(hitsStatus(s.hits?.selected ?? null, 3), '2 of 3');

    handlers.logsNearestHit = ({ position }) => {
      const p = position as number;
      const k = hitBase.reduce((best, v, i) => (Math.abs(v - p) < Math.abs(hitBase[best] - p) ? i : best), 0);
      return { position: k, basePosition: hitBase[k] };
    };
    useLogs.getState().select(880);
    await until(() => useLogs.getState().hits?.selected === 2, 'the pane moved to the nearest hit');
    assert.equal(useLogs.getState().hits?.reveal?.row, 2);
    assert.ok(calls.some((k) => k.name === 'logsNearestHit' && k.arg.viewId === 'v-hits' && k.arg.session === a));

    useLogs.getState().setSearchPane(false);
    s = useLogs.getState();
    assert.equal(s.hits, null);
    assert.equal(s.viewId, 'v-hits', 'the toggle puts the results in place of all records');
    assert.equal(s.total, 3);
    assert.equal(s.selected, 2);
    useLogs.getState().setSearchPane(true);
    await until(() => useLogs.getState().total === 1000, 'and back: all records counted again');
    assert.equal(useLogs.getState().hits?.viewId, 'v-hits');
  });

  test('two records: Ctrl/Shift+click or Shift+↓ keeps the first as anchor; a plain click drops it', async () => {
    await open(9, '/x/T.log');
    useLogs.getState().select(3);
    useLogs.getState().extendTo(9);
    assert.deepEqual([useLogs.getState().anchor, useLogs.getState().selected], [3, 9]);
    useLogs.getState().extendTo(10);
    assert.deepEqual([useLogs.getState().anchor, useLogs.getState().selected], [3, 10]);
    useLogs.getState().select(4);
    assert.equal(useLogs.getState().anchor, null);
  });
});

test('tab names: the one file, the one zip, the common folder, or the device; full paths on hover', () => {
  assert.equal(tabEntry(info(1, 'C:\\ProgramData\\IME\\AppWorkload.log')).name, 'AppWorkload.log');
  assert.equal(tabEntry(info(1, '/d/ime.zip!/a.log', '/d/ime.zip!/b/c.log')).name, 'ime.zip');
  assert.equal(tabEntry(info(1, '/d/Logs/a.log', '/d/Logs/b.log')).name, 'Logs');
  assert.equal(tabEntry(info(1, '/d/a.log', '/e/b.log')).name, '2 files');
  assert.equal(tabEntry(info(1, '/d/a.log'), 'LAB-DEM-001').name, 'LAB-DEM-001');
  assert.equal(tabEntry(info(1, '/d/a.log', '/e/b.log')).title, '/d/a.log\n/e/b.log');
  assert.equal(cycleTab(['a', 'b', 'c'], 'a', -1), 'c');
  assert.equal(cycleTab([], null, 1), null);
  assert.equal(afterClose(['a', 'b', 'c'], 'c', 'c'), 'b');
  assert.equal(afterClose(['a', 'b', 'c'], 'a', 'c'), 'c');
});

test('pane status and split: "n of m", counts, none; the split stays in bounds', () => {
  assert.equal(hitsStatus(null, 0), 'No results');
  assert.equal(hitsStatus(null, 1), '1 result');
  assert.equal(hitsStatus(40, 41_000), '41 of 41,000');
  assert.equal(shareAt(100, 0, 400), 0.75);
  assert.equal(shareAt(0, 0, 400), 0.85);
  assert.equal(shareAt(400, 0, 400), 0.15);
});

test('time between two records: as CMTrace says it, in the log\'s own times, or why not', () => {
  const files = [file('/a/IME.log'), file('/a/AgentExecutor.log', 60)];
  const r = (position: number, time: string | null, timeMs: number | null, f = 0) => ({ position, file: f, time, timeMs });
  assert.equal(formatSpan(134_250), '2 min 14.250 s');
  assert.equal(formatSpan(999), '0.999 s');
  assert.equal(formatSpan(90_061_001), '1 d 1 h 1 min 1.001 s');
  assert.equal(timeBetween(r(9, '12:02:15.350', 43_335_350), r(2, '12:00:01.100', 43_201_100), [files[0]], ['IME.log']), '2 min 14.250 s between 12:00:01.100 and 12:02:15.350');
  assert.equal(timeBetween(r(0, null, null), r(5, '12:00:01.100', 1), files, ['IME.log', 'AgentExecutor.log']), 'No time between these records: record 1 has no time.');
  assert.equal(
    timeBetween(r(0, '12:00:00.000', 0), r(5, '11:30:00.000', 1000, 1), files, ['IME.log', 'AgentExecutor.log']),
    '1.000 s between 12:00:00.000 and 11:30:00.000 (offsets applied: IME.log ±0 min, AgentExecutor.log +60 min)',
  );
});
