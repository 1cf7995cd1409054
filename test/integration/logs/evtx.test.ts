// Event logs through the logs service: detection, windows, the detail pane (fields and XML), level, text
// and provider filters, find, histogram and the merged view with a text log.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LogsService } from '../../../electron/services/logs/service.ts';

const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');
const system = join(repoRoot, 'test/fixtures/evtx/system.evtx');
const agent = join(repoRoot, 'test/fixtures/ime-real/AgentExecutor.log');
const svc = new LogsService({ tempDir: tmpdir() });

test('an event log opens as events: windows, detail with fields and XML, filters, find, histogram', async () => {
  const info = await svc.open([system]);
  assert.equal(info.files[0].format, 'evtx');
  assert.deepEqual(info.files[0].columns, ['time', 'level', 'component', 'source', 'message']);
  await svc.whenIndexed(info.id);
  const w = await svc.window(info.id, 0, 50);
  assert.equal(w.total, 1881);
  assert.equal(w.records.length, 50);
  const first = w.records[0];
  assert.match(first.time ?? '', /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} [+-]\d\d:\d\d$/, 'local time with its zone');
  assert.ok(first.timeMs !== null && first.component, 'time and provider');
  const detail = await svc.detail(info.id, 0);
  assert.ok(detail?.message.includes('<EventRecordID>1</EventRecordID>'), 'the event as XML');
  assert.ok(detail?.message.includes('Record ID: 1'), 'the event as fields');

  const errors = await svc.filter(info.id, { levels: ['error'] });
  assert.equal(errors.matches, 41);
  const spooler = await svc.filter(info.id, { text: { pattern: 'param1=Spooler', regex: false, caseSensitive: true } });
  assert.ok(spooler.matches > 0, 'text is searched in the decoded event');
  const sw = await svc.window(info.id, 0, spooler.matches, spooler.viewId);
  assert.ok(sw.records.every((r) => r.message.includes('param1=Spooler')), 'only matching events');
  const scm = await svc.filter(info.id, { components: ['Service Control Manager'], levels: ['error'] });
  assert.ok(scm.matches > 0 && scm.matches <= 41, `${scm.matches} Service Control Manager errors`);
  const next = await svc.find(info.id, { levels: ['error'] }, 0, 'next');
  assert.ok(next !== null && (await svc.window(info.id, next, 1)).records[0].level === 'error', 'find next error');
  const hist = await svc.histogram(info.id, 20);
  assert.equal(hist.reduce((a, b) => a + b.records, 0), 1881);
  await svc.close(info.id);
});

test('an event log rewritten in place is read again whole when followed', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sdh-evtx-tail-'));
  try {
    const live = join(dir, 'Live.evtx');
    copyFileSync(join(repoRoot, 'test/fixtures/evtx/Security_short_selected.evtx'), live);
    const info = await svc.open([live]);
    await svc.whenIndexed(info.id);
    assert.equal(svc.count(info.id), 7);
    writeFileSync(live, readFileSync(system));
    assert.equal(await svc.refresh(info.id), true);
    assert.equal(svc.count(info.id), 1881);
    assert.equal((await svc.window(info.id, 1880, 1)).records[0].message.includes('<EventRecordID>1881</EventRecordID>'), true);
    await svc.close(info.id);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('an event log merges by time with a text log', async () => {
  const info = await svc.open([system, agent]);
  await svc.whenIndexed(info.id);
  const w = await svc.window(info.id, 0, 5);
  assert.equal(w.total, 1881 + 159);
  // Merged by time: the 2017 events come before the 2026 IME lines (an event log is not strictly in
  // time order itself: Windows writes buffered events late, so each file keeps its own order).
  const all = await svc.window(info.id, 0, w.total);
  const files = all.records.map((r) => r.file);
  assert.equal(files.lastIndexOf(0), 1880);
  assert.equal(files.indexOf(1), 1881);
  assert.ok(all.records.every((r) => r.timeMs !== null || r.file === 1));
  const stats = await svc.stats(info.id);
  assert.equal(stats[0].records, 1881);
  assert.deepEqual([stats[0].levels.error, stats[0].levels.warning, stats[0].levels.info], [41, 342, 1498]);
  await svc.close(info.id);
  await svc.dispose();
});
