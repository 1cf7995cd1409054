// The log viewer's pure helpers: file labels and sizes, pretty bodies, and
// times learnt from a record and typed back in the log's own format.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileLabels, fileSize } from '../../../renderer/src/features/logs/format.ts';
import { PRETTY_CAP, prettyBody } from '../../../renderer/src/features/logs/pretty-body.ts';
import { isoTimeFormat, learnTimeFormat, parseLogTime } from '../../../renderer/src/features/logs/log-time.ts';

test('file labels add folders only where names repeat; sizes read 12 KB, 3.4 MB', () => {
  assert.deepEqual(fileLabels([{ path: 'C:\\Logs\\a\\output.log' }, { path: '/x/b/output.log' }, { path: '/x/b/IntuneManagementExtension.log' }]), [
    'a/output.log',
    'b/output.log',
    'IntuneManagementExtension.log',
  ]);
  assert.deepEqual(fileLabels([{ path: 'bundle.zip!/Dsregcmd/output.log' }, { path: 'bundle.zip!/MdmDiag/output.log' }]), ['Dsregcmd/output.log', 'MdmDiag/output.log']);
  assert.deepEqual(fileLabels([{ path: '/same/x.log' }, { path: '/same/x.log' }]), ['same/x.log', 'same/x.log'], 'ends when no folder is left to tell them apart');
  assert.equal(fileSize(300), '300 B');
  assert.equal(fileSize(12 * 1024), '12 KB');
  assert.equal(fileSize(3.4 * 1024 * 1024), '3.4 MB');
  assert.equal(fileSize(2 * 1024 ** 3), '2.0 GB');
});

test('pretty bodies: JSON and XML indented with their prefix kept; malformed or huge bodies as they are', () => {
  assert.deepEqual(prettyBody('Got {"a":1,"b":[2]} done'), { kind: 'json', text: 'Got {\n  "a": 1,\n  "b": [\n    2\n  ]\n} done' });
  assert.deepEqual(prettyBody('<a><b x="1">t</b><c/></a>'), { kind: 'xml', text: '<a>\n  <b x="1">t</b>\n  <c/>\n</a>' });
  assert.equal(prettyBody('Got {"a":1').kind, null);
  assert.equal(prettyBody('<a><b></a></b>').kind, null);
  assert.equal(prettyBody('x < y and y > z').kind, null);
  const huge = `{"a":"${'x'.repeat(PRETTY_CAP)}"}`;
  assert.equal(prettyBody(huge).text, huge);
});

test("times are shown and typed in the log's own format", () => {
  const cm = learnTimeFormat('4-1-2026 16:07:29.7511984', Date.UTC(2026, 3, 1, 16, 7, 29, 751));
  assert.equal(cm.template, 'M-D-YYYY hh:mm:ss.fffffff');
  assert.equal(cm.example, '4-1-2026 16:07:29.7511984');
  assert.equal(parseLogTime('4-2-2026 08:05', cm), Date.UTC(2026, 3, 2, 8, 5));
  assert.equal(parseLogTime('4-2-2026 08:05', cm, true), Date.UTC(2026, 3, 2, 8, 5, 59, 999));
  const serilog = learnTimeFormat('2026-11-20 08:02:11.532 +01:00', Date.UTC(2026, 10, 20, 8, 2, 11, 532));
  assert.equal(serilog.template, 'YYYY-MM-DD hh:mm:ss.fff');
  assert.equal(serilog.example, '2026-11-20 08:02:11.532', 'the zone is left out');
  assert.equal(parseLogTime('2026-11-20 08:02:11', serilog), Date.UTC(2026, 10, 20, 8, 2, 11));
  assert.equal(learnTimeFormat('[08:02:11:532]', Date.UTC(1970, 0, 1, 8, 2, 11, 532)), isoTimeFormat, 'no date: ISO');
  assert.ok(Number.isNaN(parseLogTime('16:07', cm)));
  assert.ok(Number.isNaN(parseLogTime('13-45-2026', cm)));
});
