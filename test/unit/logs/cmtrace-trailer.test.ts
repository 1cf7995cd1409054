// A CMTrace trailer read by position when it has IME's usual shape (formats/fields.ts trailerAttrs) gives
// exactly what the walk over every key="value" pair gives: on every trailer of the real IME logs, and on
// trailers shaped otherwise (keys moved, one missing, one more, text after the `>`, a value not closed);
// and a record's message and time read from its bytes are the decoded record's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { trailerAttrs, walkTrailer } from '../../../electron/services/logs/formats/fields.ts';
import { cmtraceMessageTime, decodeRecord } from '../../../electron/services/logs/record-decode.ts';
import { imeReal, indexPath } from './helpers.ts';

test('every trailer of the real IME logs reads the same by position as walked', () => {
  let n = 0;
  for (const f of readdirSync(imeReal).filter((x) => x.endsWith('.log'))) {
    const text = readFileSync(join(imeReal, f), 'utf8');
    for (let t = text.indexOf(']LOG]!>'); t >= 0; t = text.indexOf(']LOG]!>', t + 1)) {
      const end = text.indexOf('\n', t);
      const rest = text.slice(t + 7, end < 0 ? text.length : end + 1);
      assert.deepEqual(trailerAttrs(rest, 0), walkTrailer(rest, 0), `${f}: ${rest}`);
      n++;
    }
  }
  assert.ok(n > 29_000, `${n} trailers`);
});

test('trailers of other shapes read the same as walked', () => {
  const usual = '<time="16:02:36.1105157" date="3-21-2026" component="AppActionProcessor" context="" type="1" thread="134" file="">';
  const shapes = [
    usual,
    `${usual}\r\n`,
    `${usual}\r\r\n`,
    `${usual} time="01:00:00.000"`,
    `${usual}>`,
    usual.replace(' date=', '  date='),
    usual.replace('date="3-21-2026" component="AppActionProcessor"', 'component="AppActionProcessor" date="3-21-2026"'),
    usual.replace(' context=""', ''),
    usual.replace(' file=""', ' file="x.cpp:12" extra="1"'),
    usual.replace('thread="134"', 'thread="134'),
    usual.replace('>', ''),
    usual.replace('<', ''),
    '<time="1" date="2" component="3" context="4" type="5" thread="6" file="7">\n',
  ];
  for (const s of shapes) assert.deepEqual(trailerAttrs(s, 0), walkTrailer(s, 0), s);
});

test("a record's message and time read from its bytes equal the decoded record's, on every record of the real IME logs", () => {
  let fast = 0;
  for (const f of readdirSync(imeReal).filter((x) => x.endsWith('.log'))) {
    const path = join(imeReal, f);
    const bytes = readFileSync(path);
    const ix = indexPath(path);
    const src = { format: ix.summary.format, encoding: ix.summary.encoding, offsetMinutes: 90, unitSize: 1 as const };
    ix.index.walk(0, ix.index.count, (rec) => {
      const got = cmtraceMessageTime(src, rec, bytes, rec.offset, 1 << 20);
      if (!got) return;
      const want = decodeRecord(src, 0, rec, bytes.subarray(rec.offset, rec.offset + rec.length), null, 1 << 20);
      assert.deepEqual(got, { message: want.message, timeMs: want.timeMs }, `${f} record ${rec.index}`);
      fast++;
    });
  }
  assert.ok(fast > 29_000, `${fast} read from their bytes`);
});
