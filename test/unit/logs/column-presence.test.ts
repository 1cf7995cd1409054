// Column presence is computed while indexing, over the whole file: a column with a value only in the last
// record counts, and one empty everywhere (IME's `file=""`) does not. Parts indexed apart are unioned.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { unionColumns } from '../../../electron/services/logs/indexing.ts';
import { valueAfter } from '../../../electron/services/logs/column-presence.ts';
import { imeReal, indexBytes, indexPath } from './helpers.ts';

const trailer = (i: number, attrs: string): string =>
  `<![LOG[line ${i}]LOG]!><time="10:00:${String(i % 60).padStart(2, '0')}.000+000" date="11-20-2026" component="${attrs.includes('nocomp') ? '' : 'Agent'}" context="" type="1" thread="${attrs.includes('nothread') ? '' : '7'}" file="${attrs.includes('file') ? 'main.cpp:12' : ''}">\r\n`;

test('real IME logs: component and thread are filled, source (file="") is not', () => {
  const { summary } = indexPath(join(imeReal, 'AppActionProcessor.log'));
  assert.deepEqual(summary.columns, ['time', 'level', 'component', 'thread', 'message']);
});

test('CMTrace: a value in the last record of a file bigger than a read window counts', () => {
  const lines = Array.from({ length: 4000 }, (_, i) => trailer(i, i === 3999 ? 'nothread file' : 'nothread'));
  const { summary } = indexBytes(lines.join(''), { readBytes: 4096 });
  assert.equal(summary.records, 4000);
  assert.deepEqual(summary.columns, ['time', 'level', 'component', 'source', 'message']);
  const none = indexBytes(Array.from({ length: 50 }, (_, i) => trailer(i, 'nocomp nothread')).join(''));
  assert.deepEqual(none.summary.columns, ['time', 'level', 'message']);
});

test('Serilog compact JSON: SourceContext and ThreadId count only with a value', () => {
  const line = (i: number, extra: string) => `{"@t":"2026-11-20T08:00:0${i % 10}.000Z","@mt":"line ${i}"${extra}}\n`;
  const empty = indexBytes([line(0, ''), line(1, ',"SourceContext":""'), line(2, '')].join(''), { format: 'serilog-compact-json' });
  assert.deepEqual(empty.summary.columns, ['time', 'level', 'message']);
  const later = indexBytes([line(0, ''), line(1, ',"SourceContext":""'), line(2, ',"SourceContext": "Hub.Switch","ThreadId":12')].join(''), { format: 'serilog-compact-json' });
  assert.deepEqual(later.summary.columns, ['time', 'level', 'component', 'thread', 'message']);
});

test('plain text without stamps has only its message; parts are unioned in column order', () => {
  assert.deepEqual(indexBytes('just text\nmore text\n', { format: 'raw' }).summary.columns, ['message']);
  assert.deepEqual(indexBytes('no stamp here\n', { format: 'iso-text' }).summary.columns, ['level', 'message']);
  assert.deepEqual(unionColumns([['time', 'message'], ['level', 'source', 'message']]), ['time', 'level', 'source', 'message']);
});

test('valueAfter: empty values and names past the end do not count', () => {
  const b = Buffer.from(' component="" thread="3" file="');
  assert.equal(valueAfter(b, Buffer.from(' component="'), 0, b.length), false);
  assert.equal(valueAfter(b, Buffer.from(' thread="'), 0, b.length), true);
  assert.equal(valueAfter(b, Buffer.from(' file="'), 0, b.length), false);
  assert.equal(valueAfter(b, Buffer.from(' thread="'), 0, 10), false);
});
