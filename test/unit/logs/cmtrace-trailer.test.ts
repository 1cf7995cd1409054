// A CMTrace trailer read by position when it has IME's usual shape (formats/fields.ts trailerAttrs) gives
// exactly what the walk over every key="value" pair gives: on every trailer of the real IME logs, and on
// trailers shaped otherwise (keys moved, one missing, one more, text after the `>`, a value not closed).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { trailerAttrs, walkTrailer } from '../../../electron/services/logs/formats/fields.ts';
import { imeReal } from './helpers.ts';

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
