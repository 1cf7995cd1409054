// Marks for highlighting come from a log worker and agree with what V8 finds in the texts on screen.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { LogsService } from '../../../electron/services/logs/service.ts';
import type { LogTextQuery } from '../../../electron/common/logs.ts';

const imeReal = new URL('../../fixtures/ime-real/', import.meta.url).pathname;
const svc = new LogsService({ tempDir: tmpdir() });
after(() => svc.dispose());

const spansOf = (message: string, q: LogTextQuery): [number, number][] =>
  [...message.matchAll(new RegExp(q.regex ? q.pattern : q.pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), `g${q.caseSensitive ? '' : 'i'}`))].map((m) => [m.index, m.index + m[0].length]);

test('texts on screen are marked on a log worker: as V8 finds them, empty matches left out, a backtracking pattern stopped by its budget', async () => {
  const info = await svc.open([`${imeReal}AppWorkload-20260401-160729.log`]);
  await svc.whenIndexed(info.id);
  const texts = (await svc.window(info.id, 0, 300)).records.map((r) => r.message.split('\n')[0]);
  for (const q of [
    { pattern: 'app', regex: false, caseSensitive: false },
    { pattern: '[0-9a-f]{8}-[0-9a-f]{4}', regex: true, caseSensitive: true },
    { pattern: '(?<=\\[)Win32App', regex: true, caseSensitive: true }, // look-behind: V8 in the worker
  ]) {
    const got = await svc.markTexts(q, texts);
    assert.equal(got.length, texts.length);
    got.forEach((g, k) => assert.deepEqual(g, spansOf(texts[k], q), `${q.pattern} in text ${k}`));
    assert.ok(got.some((g) => g.length > 0), q.pattern);
  }
  assert.deepEqual(await svc.markTexts({ pattern: 'x*', regex: true, caseSensitive: true }, ['abc', 'axxb']), [[], [[1, 3]]], 'empty matches are not marks');
  // The pattern of issue 13 runs on RE2 (linear); with a look-ahead added only V8 runs it, and on a run of
  // 40 word characters it backtracks through 2^40 ways of splitting them (for good: "a a a …" would only be
  // quadratic, and could end within the budget): the budget stops it, the technician is told, and the next
  // screen is marked by a fresh worker.
  const hang = `${'a'.repeat(40)}!`;
  assert.deepEqual(await svc.markTexts({ pattern: '(\\w+\\s?)+$X', regex: true, caseSensitive: true }, [hang, `${'a '.repeat(5000)}!`]), [[], []]);
  await assert.rejects(svc.markTexts({ pattern: '(?=a)(\\w+\\s?)+$X', regex: true, caseSensitive: true }, [hang], undefined, 200), (err: Error & { code?: string }) => {
    assert.equal(err.code, 'timeout');
    assert.match(err.message, /not marked: the pattern ran for more than 0\.2 s/);
    return true;
  });
  assert.deepEqual(await svc.markTexts({ pattern: 'b', regex: false, caseSensitive: true }, ['abcb']), [[[1, 2], [3, 4]]]);
  await svc.close(info.id);
});

test('logsMarkText takes a screen of texts, never a file', async () => {
  const { contract } = await import('../../../electron/common/ipc/contract.ts');
  const arg = (texts: string[]) => contract.logsMarkText.arg.safeParse({ task: 'marks', text: { pattern: 'a' }, texts });
  assert.equal(arg(['abc']).success, true);
  assert.equal(arg(Array.from({ length: 501 }, () => 'a')).success, false, 'at most 500 texts');
  assert.equal(arg(['a'.repeat(65_537)]).success, false, 'at most 64 Ki characters a text');
  assert.equal(arg(Array.from({ length: 17 }, () => 'a'.repeat(65_536))).success, false, 'at most 1 Mi characters in all');
});

test('a pattern neither engine reads is said as such by find, filter and marks, not as a failed worker', async () => {
  const info = await svc.open([`${imeReal}AgentExecutor.log`]);
  await svc.whenIndexed(info.id);
  const bad = { pattern: 'a(b', regex: true, caseSensitive: false };
  const said = (err: Error & { code?: string }) => {
    assert.equal(err.code, 'invalid_input');
    assert.match(err.message, /^The search pattern is not a valid regular expression/);
    return true;
  };
  await assert.rejects(svc.findMatch(info.id, { text: bad }, -1, 'next'), said);
  await assert.rejects(svc.filter(info.id, { text: bad }, () => {}), said);
  await assert.rejects(svc.markTexts(bad, ['a(b']), said);
  assert.equal((await svc.findMatch(info.id, { text: { pattern: 'a(b', regex: false, caseSensitive: false } }, -1, 'next')).total, 0, 'as a literal it is fine');
  await svc.close(info.id);
});
