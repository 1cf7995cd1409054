// Technicians' patterns: RE2 (linear time) for every pattern it can run, V8 only for lookaround and
// backreferences, escaped literals on V8; CRLF line ends keep V8's `$`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileUserRegex, crlfEnds } from '../../../electron/services/logs/user-regex.ts';
import { AppError } from '../../../electron/common/errors.ts';

test('ordinary and catastrophic patterns run on RE2, lookaround and backreferences on V8', () => {
  for (const pattern of ['for [0-9]+ apps?', '(\\w+\\s?)+$X', '(?i)error', '\\bHRESULT\\b', 'a{2,3}', '(?<name>x)y']) assert.equal(compileUserRegex({ pattern, regex: true, caseSensitive: true }).engine, 're2', pattern);
  for (const pattern of ['foo(?=bar)', 'foo(?!bar)', '(a)\\1']) assert.equal(compileUserRegex({ pattern, regex: true, caseSensitive: true }).engine, 'v8', pattern);
  assert.equal(compileUserRegex({ pattern: '(a+)+$', regex: false, caseSensitive: true }).engine, 'v8');
});

test('RE2 answers the catastrophic pattern in linear time', () => {
  const re = compileUserRegex({ pattern: '(\\w+\\s?)+$X', regex: true, caseSensitive: true });
  const text = 'alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu\n'.repeat(2000);
  const t0 = performance.now();
  assert.equal(re.exec(text, 0), null);
  assert.ok(performance.now() - t0 < 5000);
});

test('positions, case folding and CRLF line ends agree with V8', () => {
  const text = 'one Error two\r\nthree error\r\n';
  for (const [pattern, caseSensitive] of [['error$', false], ['Error', true], ['t\\w+', true], ['^three', true]] as const) {
    const ours = compileUserRegex({ pattern, regex: true, caseSensitive });
    const v8 = new RegExp(pattern, `gm${caseSensitive ? '' : 'i'}`);
    const theirs: [number, number][] = [...text.matchAll(v8)].map((m) => [m.index, m.index + m[0].length]);
    const found: [number, number][] = [];
    for (let at = 0, hit = ours.exec(text, 0); hit; hit = ours.exec(text, at)) {
      found.push(hit);
      at = Math.max(hit[1], hit[0] + 1);
    }
    assert.deepEqual(found.map((h) => h[0]), theirs.map((h) => h[0]), pattern);
    assert.equal(ours.test(text), theirs.length > 0);
  }
  assert.equal(crlfEnds('a$|[$]\\$'), 'a(?:\\r?$)|[$]\\$');
});

test('a pattern neither engine accepts is invalid input', () => {
  assert.throws(() => compileUserRegex({ pattern: '(unclosed', regex: true, caseSensitive: true }), (err: unknown) => err instanceof AppError && err.code === 'invalid_input');
});
