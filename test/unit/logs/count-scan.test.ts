// Counting records without an index (`sdh logs stats`) gives the index's numbers: the same records, level
// counts and first and last timed records, whether a file is counted whole or in two parts cut where
// indexing cuts it, with reads of any size; and the quick split is findSplit's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCount, splitNear, type CountResult } from '../../../electron/services/logs/count-scan.ts';
import { findSplit, sniffFile } from '../../../electron/services/logs/indexer.ts';
import { imeReal, indexPath, withTempDir } from './helpers.ts';

const never = (): boolean => false;

function serilog(): string {
  const lines: string[] = [];
  for (let n = 0; n < 2000; n++) {
    lines.push(`2026-11-20 08:${String(Math.floor(n / 60) % 60).padStart(2, '0')}:${String(n % 60).padStart(2, '0')}.000 +01:00 [${['INF', 'WRN', 'ERR'][n % 3]}] step ${n}`);
    if (n % 3 === 2) lines.push('System.Exception: failed', '   at Hub.Step()');
  }
  return `\ufeff${lines.join('\r\n')}\r\n`;
}

function checkFile(path: string): void {
  const whole = indexPath(path);
  const format = whole.summary.format;
  const timed = whole.records.filter((r) => r.sec === r.sec);
  const expect = (r: CountResult, what: string): void => {
    assert.equal(r.records, whole.summary.records, `${what}: records`);
    assert.deepEqual(r.levelCounts, whole.summary.levelCounts, `${what}: levels`);
    const pick = (x: (typeof timed)[number] | undefined) => (x ? { offset: x.offset, length: x.length, level: x.level } : null);
    assert.deepEqual(r.firstTimed, pick(timed[0]), `${what}: first timed`);
    assert.deepEqual(r.lastTimed, pick(timed.at(-1)), `${what}: last timed`);
  };
  const size = statSync(path).size;
  expect(runCount({ path, format, startByte: 0, endByte: size }, never), `${path} whole`);
  expect(runCount({ path, format, startByte: 0, endByte: size }, never, 7), `${path} in 7-byte reads`);
  for (let k = 1; k < 8; k++) {
    const at = Math.floor((size * k) / 8);
    const split = splitNear(path, format, at);
    assert.equal(split, findSplit(path, format, at), `${path} split near ${at}`);
    if (split === null || split <= 0 || split >= size) continue;
    const a = runCount({ path, format, startByte: 0, endByte: split }, never);
    const b = runCount({ path, format, startByte: split, endByte: size }, never);
    expect(
      {
        records: a.records + b.records,
        levelCounts: a.levelCounts.map((n, i) => n + b.levelCounts[i]),
        firstTimed: a.firstTimed ?? b.firstTimed,
        lastTimed: b.lastTimed ?? a.lastTimed,
        stopped: false,
      },
      `${path} in two parts at ${split}`,
    );
  }
}

test('counts in one part or two match the index: the real IME logs and a Serilog file with a BOM and stack traces', () => {
  for (const f of readdirSync(imeReal).filter((n) => n.endsWith('.log'))) checkFile(join(imeReal, f));
  withTempDir((dir) => {
    const path = join(dir, 'hub.log');
    writeFileSync(path, serilog());
    checkFile(path);
  });
});

test('a split point past the first 64 KB is still findSplit\'s (a long line; a CMTrace record longer than the look)', () => {
  withTempDir((dir) => {
    const line = join(dir, 'long.log');
    writeFileSync(line, `2026-11-20 08:00:00.000 +01:00 [INF] ${'x'.repeat(200_000)}\n2026-11-20 08:00:01.000 +01:00 [INF] after\n`.repeat(3));
    const cm = join(dir, 'cm.log');
    const rec = (msg: string) => `<![LOG[${msg}]LOG]!><time="10:00:00.0000000" date="3-19-2026" component="C" context="" type="1" thread="1" file="">\n`;
    writeFileSync(cm, rec('a') + rec('y'.repeat(150_000)) + rec('b') + rec('c'));
    for (const path of [line, cm]) {
      const { format } = sniffFile(path);
      for (const at of [1, 10, 1000, 70_000, 150_000, 200_100, 300_000]) assert.equal(splitNear(path, format, at), findSplit(path, format, at), `${path} at ${at}`);
      checkFile(path);
    }
  });
});

test('a count stops between reads when asked', () => {
  const path = join(imeReal, 'AgentExecutor-20260321-225458.log');
  const r = runCount({ path, format: 'cmtrace', startByte: 0, endByte: statSync(path).size }, () => true, 4096);
  assert.equal(r.stopped, true);
  assert.ok(r.records < indexPath(path).summary.records);
});
