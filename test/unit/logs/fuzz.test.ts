// Property tests: for any input, in any format, records tile the file exactly, and the cut does not
// depend on how the file is read (tiny reads cross every boundary a 1 MB read does not).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { logFormats } from '../../../electron/common/logs.ts';
import { assertCovers, imeReal, indexBytes } from './helpers.ts';

const fragments = [
  '<![LOG[', ']LOG]!>', ']LOG]!><time="01:02:03.1234567" date="4-1-2026" component="c" context="" type="3" thread="7" file="">',
  '<time="', '" date="', 'type="2"', '>', '\r', '\n', '\r\n', '"', ' ',
  '2026-11-20 08:02:11.532 +01:00 [INF] ', '2026-11-20 08:02:11, Error  CBS  ', 'MSI (s) (7C:44) [08:02:11:532]: ',
  '{"@t":"2026-11-20T07:02:11Z","@l":"Error","@mt":"x"}', '{"Timestamp":"2026-11-20T07:02:11Z","Level":"Warning"}',
  '11/20/2026 8:02:11 AM WARN ', 'Return value 3', '\uFEFF', 'é', '\u0000', 'text',
  // The other bundle formats: ReportingEvents, ctime with a pid, mixed stamps, dsregcmd sections.
  '{68D698EE-B4A7-4CA5-9D33-EFB2EDE6CD36}\t2017-12-13 10:37:22:371+0900\t1\t147 [AGENT_DETECTION_FINISHED]\t101\t{00000000-0000-0000-0000-000000000000}\t0\t0\tUpdateOrchestrator\t',
  'Failure\t', 'Success\t', '\t', '[Thu Jul 30 13:05:01 2026][8604] - ', '[Thu Jul  2 13:05:01 2026][1] ', 'Jul 29 09:15:32 host ', '09:15:33.250 ', '07/29/2026 09:15:31 ',
  '+----------------------------------------------------------------------+', '| Device State |', '  AzureAdJoined : YES',
];

const input = fc
  .array(fc.oneof(fc.constantFrom(...fragments).map((s) => Buffer.from(s)), fc.uint8Array({ maxLength: 24 }).map((a) => Buffer.from(a))), { maxLength: 60 })
  .map((parts) => Buffer.concat(parts));
const prefix = fc.constantFrom(Buffer.alloc(0), Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from([0xff, 0xfe]), Buffer.from([0xfe, 0xff]));
const format = fc.constantFrom(undefined, ...logFormats);

test('records tile any input in any format, whatever the read size (fuzzed)', () => {
  fc.assert(
    fc.property(prefix, input, format, fc.integer({ min: 2, max: 48 }), (bom, body, f, readBytes) => {
      const bytes = Buffer.concat([bom, body]);
      const whole = indexBytes(bytes, { format: f });
      const tiny = indexBytes(bytes, { format: f, readBytes });
      assert.ok(assertCovers(whole), 'tiles with 1 MB reads');
      assert.ok(assertCovers(tiny), 'tiles with tiny reads');
      assert.deepEqual(
        tiny.records.map((r) => [r.offset, r.length, r.level]),
        whole.records.map((r) => [r.offset, r.length, r.level]),
      );
    }),
    { numRuns: 150, seed: 20261120 },
  );
});

test('real IME bytes cut at random points and spliced still tile (fuzzed)', () => {
  const real = readFileSync(join(imeReal, 'AgentExecutor.log'));
  fc.assert(
    fc.property(fc.array(fc.tuple(fc.nat(real.length), fc.nat(400)), { minLength: 1, maxLength: 8 }), fc.integer({ min: 3, max: 4096 }), (cuts, readBytes) => {
      const bytes = Buffer.concat(cuts.map(([at, n]) => real.subarray(at, at + n)));
      const whole = indexBytes(bytes);
      const tiny = indexBytes(bytes, { readBytes });
      assert.ok(assertCovers(whole));
      assert.deepEqual(tiny.records.map((r) => r.length), whole.records.map((r) => r.length));
    }),
    { numRuns: 100, seed: 7 },
  );
});

test('the literal matcher (rare-byte or Boyer-Moore path) finds exactly what Buffer.indexOf finds (fuzzed)', async () => {
  const { createMatcher } = await import('../../../electron/services/logs/match.ts');
  // Mostly-common bytes with rare ones, so both strategies run (a needle byte under 1/400 picks memchr).
  const common = fc.constantFrom(...'aab c\nxyz'.split(''));
  const hayByte = fc.oneof({ arbitrary: common, weight: 2000 }, { arbitrary: fc.constantFrom('@', '#'), weight: 1 });
  const skewed = fc.oneof({ arbitrary: fc.constant('a'), weight: 3000 }, { arbitrary: fc.constantFrom('@', 'b'), weight: 1 });
  fc.assert(
    fc.property(fc.oneof(fc.array(hayByte, { maxLength: 6000 }), fc.array(skewed, { maxLength: 6000 })), fc.array(fc.constantFrom('a', 'b', '@', '#', 'c'), { minLength: 1, maxLength: 6 }), (hay, pat) => {
      const win = Buffer.from(hay.join('')), needle = pat.join('');
      const m = createMatcher({ pattern: needle, regex: false, caseSensitive: true }, 'utf-8');
      m.load(win);
      const got: number[] = [], want: number[] = [];
      for (let h = m.nextHit(0); h; h = m.nextHit(h[0] + 1)) got.push(h[0]);
      for (let i = win.indexOf(needle); i >= 0; i = win.indexOf(needle, i + 1)) want.push(i);
      assert.deepEqual(got, want);
    }),
    { numRuns: 300, seed: 42 },
  );
});
