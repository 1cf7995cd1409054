// A file big enough for its index to spill (several full chunks per indexing part) answers every lookup
// the app makes exactly as an index kept in memory does: windows, filters, find, next error, histogram,
// stats, tail mode; its spill folder lives in the temp folder while the session is open, never after.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LogsService } from '../../../electron/services/logs/service.ts';
import { SPILL_PREFIX } from '../../../electron/services/logs/index-spill.ts';

const line = (i: number): string =>
  `2026-11-20 08:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}.${String(i % 1000).padStart(3, '0')} +01:00 [${i % 7 ? 'INF' : 'ERR'}] line ${i}${i % 5 ? '' : '\n  continuation'}\n`;

test('a spilled index answers every lookup as an index kept in memory, and its files go on close', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sdh-spill-'));
  const tempDir = join(dir, 'tmp');
  const spilled = new LogsService({ tempDir, inProcessBytes: 0, splitBytes: 1, workers: 2 });
  const inMemory = new LogsService({ tempDir: join(dir, 'tmp-mem'), inProcessBytes: 0, workers: 1, spillIndex: false });
  try {
    const path = join(dir, 'hub.log');
    writeFileSync(path, Array.from({ length: 80_000 }, (_, i) => line(i)).join(''));
    const a = await inMemory.open([path]);
    const b = await spilled.open([path]);
    await inMemory.whenIndexed(a.id);
    await spilled.whenIndexed(b.id);
    const folders = readdirSync(tempDir).filter((n) => n.startsWith(SPILL_PREFIX));
    assert.equal(folders.length, 1, 'the session has one spill folder');
    assert.equal(readdirSync(join(tempDir, folders[0])).filter((n) => n.endsWith('.idx')).length, 2, 'one spill file per indexing part');
    assert.deepEqual(readdirSync(dir).filter((n) => n.startsWith('tmp-mem')), [], 'spilling off: nothing written to its temp folder');
    const same = async (what: string): Promise<void> => {
      assert.equal(spilled.count(b.id), inMemory.count(a.id), what);
      const wa = await inMemory.window(a.id, 0, 200_000), wb = await spilled.window(b.id, 0, 200_000);
      assert.deepEqual(wb.records.map((r) => [r.offset, r.length, r.level, r.time]), wa.records.map((r) => [r.offset, r.length, r.level, r.time]), what);
      assert.deepEqual(await spilled.stats(b.id), await inMemory.stats(a.id), what);
      assert.deepEqual(await spilled.histogram(b.id, 50), await inMemory.histogram(a.id, 50), what);
      for (const spec of [
        { text: { pattern: 'line 4', regex: false, caseSensitive: true } },
        { text: { pattern: 'line [0-9]*7$', regex: true, caseSensitive: true } },
        { levels: ['error' as const] },
        { fromMs: Date.parse('2026-11-20T07:10:00Z'), toMs: Date.parse('2026-11-20T07:20:00Z') },
      ]) {
        const fa = await inMemory.filter(a.id, spec), fb = await spilled.filter(b.id, spec);
        assert.equal(fb.matches, fa.matches, `${what}: ${JSON.stringify(spec)}`);
        const ra = await inMemory.window(a.id, fa.matches - 40, 40, fa.viewId), rb = await spilled.window(b.id, fb.matches - 40, 40, fb.viewId);
        assert.deepEqual(rb.records.map((r) => r.index), ra.records.map((r) => r.index), what);
      }
      for (const from of [0, 33_333, 79_000]) {
        assert.equal(await spilled.nextLevel(b.id, from, 'next'), await inMemory.nextLevel(a.id, from, 'next'), what);
        assert.equal(await spilled.nextLevel(b.id, from, 'previous'), await inMemory.nextLevel(a.id, from, 'previous'), what);
        const spec = { text: { pattern: 'line 7', regex: false, caseSensitive: true } };
        assert.equal(await spilled.find(b.id, spec, from, 'next'), await inMemory.find(a.id, spec, from, 'next'), what);
      }
    };
    await same('indexed');
    // Tail mode: the last record is read again and new records follow the spilled chunks.
    appendFileSync(path, Array.from({ length: 20_000 }, (_, i) => line(80_000 + i)).join(''));
    assert.equal(await spilled.refresh(b.id), true);
    assert.equal(await inMemory.refresh(a.id), true);
    await same('after the file grew');
    await spilled.close(b.id);
    assert.deepEqual(readdirSync(tempDir).filter((n) => n.startsWith(SPILL_PREFIX)), [], 'closing removes the spill folder');
  } finally {
    await spilled.dispose();
    await inMemory.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
});
