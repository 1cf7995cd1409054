// Counting records without an index (`sdh logs stats`) gives the index's numbers: the same records, level
// counts and first and last timed records, whether a file is counted whole or in two parts cut where
// indexing cuts it, with reads of any size; and the quick split is findSplit's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LogFormat } from '../../../electron/common/logs.ts';
import { runCount, splitNear, type CountResult } from '../../../electron/services/logs/count-scan.ts';
import { formatSpec } from '../../../electron/services/logs/formats/table.ts';
import { findSplit, sniffFile } from '../../../electron/services/logs/indexer.ts';
import { createScanner } from '../../../electron/services/logs/scanner.ts';
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

function checkFile(path: string, forceFormat?: LogFormat): void {
  const whole = indexPath(path, { format: forceFormat });
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
  // A scanner asked to count does so from its next window: reads of a few KB count most of a small file so.
  expect(runCount({ path, format, startByte: 0, endByte: size }, never, 4096), `${path} in 4 KB reads`);
  expect(runCount({ path, format, startByte: 0, endByte: size }, never, undefined, false), `${path} with every time read`);
  expect(runCount({ path, format, startByte: 0, endByte: size, bomBytes: sniffFile(path).bomBytes }, never), `${path} with its head read by the caller`);
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

/**
 * Serilog text lines, most near the usual header's shape: a header with one to three bytes changed, at
 * its separators, zone, brackets and level more often than elsewhere, to bytes that matter to it (other
 * separators and signs, brackets, line breaks, letters), so some stay headers (`T`, `/`, `-` offsets,
 * another level word, no fraction, a `Z` zone) and some do not; continuations, short lines, lines of 19
 * to 38 bytes, CRLF, impossible dates (records without a time). Seeded: the same lines every run.
 */
function nearSerilog(seed: number, lines: number, lastUntimed: boolean): string {
  const rnd = (n: number): number => {
    // mulberry32: every bit varies (a plain LCG's low bits repeat with a short period)
    seed = (seed + 0x6d2b79f5) >>> 0;
    let t = Math.imul(seed ^ (seed >>> 15), seed | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) % n;
  };
  const bytes = '0123456789-/ T:.+Z[]\n\r,aIWEDVFx';
  const shape = [4, 7, 10, 13, 16, 19, 23, 24, 27, 30, 31, 32, 33, 34, 35, 36];
  const out: string[] = [];
  for (let n = 0; n < lines; n++) {
    const level = ['INF', 'WRN', 'ERR', 'DBG', 'VRB', 'FTL', 'Information', 'XYZ', 'INFO', 'I', 'IN', ''][rnd(12)];
    const tail = ['.123 +01:00', '.456 -05:00', ' +01:00', '.12 +01:00', '.1234567 +01:00', '.123Z', '.123 +0100'][rnd(12) < 6 ? 0 : rnd(7)];
    let line = `2026-${rnd(20) ? '11' : '13'}-20 08:${String(rnd(60)).padStart(2, '0')}:${String(rnd(61)).padStart(2, '0')}${tail} [${level}] step ${n}`;
    const r = rnd(10);
    if (r === 0) line = ['   at Hub.Step()', 'System.Exception: failed', '', '12', '2026-11-20', ']x', 'x'][rnd(7)];
    else if (r === 1) line = line.slice(0, 19 + rnd(20));
    else if (r < 6) {
      const chars = [...line];
      for (let k = 1 + rnd(3); k > 0; k--) chars[rnd(2) ? shape[rnd(shape.length)] : rnd(40)] = bytes[rnd(bytes.length)];
      line = chars.join('');
    }
    out.push(line + (rnd(4) ? '\n' : '\r\n'));
    // Now and then a header cut just before its `]`, the next line putting a `]` where it would be.
    if (rnd(50) === 0) out.push(`${line.slice(0, 33)}\nx]\n`, `${line.slice(0, 34)}\n]\n`, `${line.slice(0, 33)}\r\n]\n`);
  }
  if (lastUntimed) out.push('2026-13-20 08:00:00.000 +01:00 [INF] the last record, no time\n   at Hub.Step()\n');
  return out.join('');
}

test('Serilog lines counted without their times match the index, headers or not, the last record timed or not', () => {
  withTempDir((dir) => {
    for (const [seed, lastUntimed] of [[1, false], [2, true], [3, false], [4, true]] as const) {
      const path = join(dir, `near-${seed}.log`);
      writeFileSync(path, nearSerilog(seed, 6000, lastUntimed));
      checkFile(path, 'serilog-text');
      // The quicker way was taken: records reached the sink counted, not pushed one by one.
      const scanner = createScanner(formatSpec('serilog-text'), 0);
      let counted = 0;
      const bytes = Buffer.from(nearSerilog(seed, 6000, lastUntimed));
      const buf = scanner.buffer?.(bytes.length) ?? Buffer.alloc(0);
      bytes.copy(buf);
      assert.equal(scanner.countOnly?.(), true);
      scanner.scan(buf.subarray(0, bytes.length), 0, true, { push: () => {}, counted: (levels) => void (counted += levels.slice(0, 8).reduce((a, n) => a + n, 0)) });
      assert.ok(counted > 500, `seed ${seed}: ${counted} records counted`);
    }
  });
});

test('Serilog lines longer than a scanner keeps (1 MB) are counted as the index counts them, with or without times', () => {
  withTempDir((dir) => {
    const path = join(dir, 'huge.log');
    const head = (n: number, level: string): string => `2026-11-20 08:00:${String(n).padStart(2, '0')}.000 +01:00 [${level}] step ${n}`;
    const lines = [head(0, 'INF'), `${head(1, 'ERR')} ${'x'.repeat(1_200_000)}`, head(2, 'WRN'), 'y'.repeat(1_500_000), `1${'2'.repeat(1_100_000)}`, head(3, 'INF'), '   at Hub.Step()', head(4, 'DBG')];
    writeFileSync(path, `${lines.join('\n')}\n`);
    const whole = indexPath(path, { format: 'serilog-text' });
    const size = statSync(path).size;
    for (const readBytes of [undefined, 65536, 300_000]) {
      for (const countOnly of [true, false]) {
        const r = runCount({ path, format: 'serilog-text', startByte: 0, endByte: size }, never, readBytes, countOnly);
        assert.equal(r.records, whole.summary.records, `records, reads of ${readBytes}, countOnly ${countOnly}`);
        assert.deepEqual(r.levelCounts, whole.summary.levelCounts, `levels, reads of ${readBytes}, countOnly ${countOnly}`);
        const last = whole.records.filter((x) => x.sec === x.sec).at(-1);
        assert.deepEqual(r.lastTimed, last ? { offset: last.offset, length: last.length, level: last.level } : null);
      }
    }
  });
});
