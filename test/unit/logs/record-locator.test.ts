// The record around a byte without an index (record-locator.ts) is the indexed record holding it, whether
// the locator reads the file itself, scans the caller's window in place, or starts in one window and runs
// past its end (a record cut by the window's end is read on from the file).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { closeSync, openSync, readSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatSpec } from '../../../electron/services/logs/formats/table.ts';
import { sniffFile } from '../../../electron/services/logs/indexer.ts';
import { RecordLocator } from '../../../electron/services/logs/record-locator.ts';
import { imeReal, indexPath, withTempDir } from './helpers.ts';

function check(path: string): void {
  const { records } = indexPath(path);
  const sn = sniffFile(path);
  const size = sn.size;
  // Hits: starts, middles and last bytes of records, in file order, sampled so each file stays quick.
  const hits: { h: number; k: number }[] = [];
  records.forEach((r, k) => {
    if (k % 7 === 0 || r.length > 4096) hits.push({ h: r.offset, k }, { h: r.offset + (r.length >> 1), k }, { h: r.offset + r.length - 1, k });
  });
  const fd = openSync(path, 'r');
  try {
    for (const win of [0, size, 700, 64 * 1024]) {
      const locator = new RecordLocator(fd, formatSpec(sn.format), size, sn.bomBytes);
      let winStart = -1;
      const buf = Buffer.alloc(Math.max(1, win));
      for (const { h, k } of hits) {
        if (win > 0 && (winStart < 0 || h >= winStart + win)) {
          winStart = h - (h % win);
          locator.setWindow(buf.subarray(0, readSync(fd, buf, 0, win, winStart)), winStart);
        }
        const r = locator.locate(h);
        const want = records[k];
        assert.deepEqual([r.offset, r.length, r.level], [want.offset, want.length, want.level], `${path}: byte ${h}, window ${win}`);
      }
    }
  } finally {
    closeSync(fd);
  }
}

test('located records are the indexed ones: the real IME logs, with and without the caller\'s windows', () => {
  for (const f of readdirSync(imeReal).filter((n) => n.endsWith('.log'))) check(join(imeReal, f));
});

test('line formats too: a Serilog file with a BOM, stack traces and a line longer than a window', () => {
  withTempDir((dir) => {
    const path = join(dir, 'hub.log');
    const lines: string[] = [];
    for (let n = 0; n < 1500; n++) {
      lines.push(`2026-11-20 08:00:${String(n % 60).padStart(2, '0')}.000 +01:00 [${['INF', 'ERR'][n % 2]}] step ${n}${n === 700 ? 'x'.repeat(100_000) : ''}`);
      if (n % 2) lines.push('System.Exception: failed', '   at Hub.Step()');
    }
    writeFileSync(path, `\ufeff${lines.join('\r\n')}\r\n`);
    check(path);
  });
});

test('CMTrace runs that start at the last trailer before the hit: text between records, unclosed openers, a stray trailer in a message, records past 64 KB', () => {
  withTempDir((dir) => {
    const path = join(dir, 'agent.log');
    const rec = (msg: string, n: number) => `<![LOG[${msg}]LOG]!><time="08:00:${String(n % 60).padStart(2, '0')}.000+000" date="3-19-2026" component="Agent" context="" type="${1 + (n % 3)}" thread="7" file="">\r\n`;
    const parts: string[] = [];
    for (let n = 0; n < 600; n++) {
      if (n === 100) parts.push('loose text between records\r\n');
      if (n === 200) parts.push('<![LOG[an opener never closed\r\n');
      if (n === 300) parts.push(rec('a message quoting ]LOG]!> in its text', n));
      if (n === 400) parts.push(rec('y'.repeat(70_000), n));
      if (n === 500) parts.push(rec('multi\r\nline\r\nmessage', n));
      parts.push(rec(`step ${n}`, n));
    }
    writeFileSync(path, parts.join(''));
    check(path);
  });
});
