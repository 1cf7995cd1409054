// How a technician's pattern is run (regex-plan.ts): the literal every match must contain, the V8
// spelling where RE2 and V8 read the pattern alike, nothing where the planner does not follow the syntax;
// and, through createMatcher, the same records matched as RE2 alone matches them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RE2JS } from 're2js';
import { planRegex, v8LinearFallback } from '../../../electron/services/logs/regex-plan.ts';
import { createMatcher } from '../../../electron/services/logs/match.ts';

test('the required literal: top-level runs only, optional characters dropped, none under a top-level |', () => {
  const cases: [string, string | null][] = [
    ['for [0-9]+ apps?', 'for '],
    ['attempt [0-9] of 3\\)', 'attempt '],
    ['ab*c{0,2}de{2}', 'de'],
    ['foo(bar|baz)qux', 'foo'],
    ['\\bHRESULT\\b 0x[0-9a-f]{8}', 'HRESULT'],
    ['a|bcd', null],
    ['(?i)error', null],
    ['\\Qa.b\\E', null],
    ['[[:alpha:]]+', null],
  ];
  for (const [pattern, literal] of cases) assert.equal(planRegex(pattern).literal, literal, pattern);
});

test('the class right after the literal, when every match has one there', () => {
  const cases: [string, string | null | undefined][] = [
    ['for [0-9]+ apps?', '[0-9]'],
    ['attempt [0-9] of 3\\)', '[0-9]'],
    ['code=\\d{2,}', '[\\d]'],
    ['code=\\s', '[\\t\\n\\f\\r ]'],
    ['code=[0-9]*x', null],
    ['code=[0-9]?', null],
    ['code=\\d{0,3}', null],
    ['codes?[0-9]', null],
    ['HRESULT\\b', null],
    ['code=.', null],
    ['code=[[:digit:]]', null],
  ];
  for (const [pattern, after] of cases) assert.equal(planRegex(pattern).after ?? null, after, pattern);
});

test('the V8 spelling keeps RE2 meanings for . and \\s, and is withheld where V8 reads differently', () => {
  assert.equal(planRegex('x.y\\sz').v8, 'x[^\\n]y[\\t\\n\\f\\r ]z');
  assert.equal(planRegex('(?P<n>abc)d').v8, '(?:abc)d');
  for (const pattern of ['[]a]x', '[[:alpha:]]', '\\pL', '(?s)a.b']) assert.equal(planRegex(pattern).v8, null, pattern);
});

test('V8 takes over-backtracking matches to its linear engine: the catastrophic pattern ends quickly', () => {
  assert.equal(v8LinearFallback(), true);
  const line = `${'alpha beta gamma delta epsilon zeta eta theta iota kappa '.repeat(4)}X\n`;
  const t0 = performance.now();
  assert.equal(new RegExp(planRegex('(\\w+\\s?)+$X').v8 ?? '', 'm').test(line), false);
  assert.ok(performance.now() - t0 < 5000, `${(performance.now() - t0).toFixed(0)} ms`);
});

test('records matched through the literal prefilter and V8 are those RE2 matches', () => {
  const records = ['Found 3 apps with intent', 'found 1 app', 'for 12 apps', 'for  apps', 'FOR 2 APPS\r', 'x for 7 app\r', 'attempt 2 of 3)', 'at\ntempt', 'for x, then for 3 apps', 'for ', 'for 4'];
  const text = `${records.join('\n')}\n`;
  const win = Buffer.from(text);
  const starts = records.map((_, k) => records.slice(0, k).reduce((a, r) => a + r.length + 1, 0));
  for (const pattern of ['for [0-9]+ apps?$', 'for [0-9]+ apps?', '[0-9] of 3\\)', 'app\\s*$', 'f.r']) {
    for (const caseSensitive of [true, false]) {
      const m = createMatcher({ pattern, regex: true, caseSensitive }, 'utf-8');
      const buf = m.buffer?.(win.length) ?? Buffer.alloc(win.length);
      win.copy(buf);
      m.load(buf.subarray(0, win.length));
      const re = RE2JS.compile(pattern.replace('$', '\\r?$'), RE2JS.MULTILINE | (caseSensitive ? 0 : RE2JS.CASE_INSENSITIVE));
      records.forEach((r, k) => {
        const end = starts[k] + r.length + 1;
        const hit = m.nextHit(starts[k]);
        const ours = hit !== null && hit[0] < end && (hit[1] <= end || m.matchesRange(starts[k], end));
        assert.equal(ours, re.test(`${r}\n`), `${pattern} (${caseSensitive ? 'case' : 'any case'}) on ${JSON.stringify(r)}`);
      });
    }
  }
});
