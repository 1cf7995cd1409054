// "Records like this": what the masking keeps and masks, the matcher's include / exclude rules, and that
// both stay linear on hostile messages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LIKE_MESSAGE_CHARS, likeTermLabel, likeThisTerm, maskMessage } from '../../../electron/common/like-this.ts';
import { likeMatcher } from '../../../electron/services/logs/like-this.ts';

test('masking: GUIDs, hex, numbers and decimals masked; words, paths and punctuation kept', () => {
  assert.equal(maskMessage('Downloading content for app 05d1ca79-1a9f-4d94-b9a2-6e8b279c5701, attempt 3'), 'Downloading content for app <guid>, attempt <n>');
  assert.equal(maskMessage('policy {5E2CA1A3-0B9F-4C32-9C8E-1F0E2D3C4B5A} failed with 0x87D1041C'), 'policy {<guid>} failed with <hex>');
  assert.equal(maskMessage('hash 3f786850e387550fdab836ed7e6dc881de23001b ok'), 'hash <hex> ok');
  assert.equal(maskMessage('took 1.25 s, 1,024 bytes at 10:22:33'), 'took <n> s, <n> bytes at <n>:<n>:<n>');
  assert.equal(maskMessage('C:\\Windows\\IMECache\\HealthScripts\\abc_12\\detect.ps1 exit code 1'), 'C:\\Windows\\IMECache\\HealthScripts\\abc_<n>\\detect.ps<n> exit code <n>');
  assert.equal(maskMessage('user42 in session 2 (S-1-5-21-100-200)'), 'user<n> in session <n> (S-<n>-<n>-<n>-<n>-<n>)');
  // Words made of hex letters stay words; a GUID glued to a word is not a GUID.
  assert.equal(maskMessage('added deadbeef to cafe'), 'added deadbeef to cafe');
  assert.equal(maskMessage('x05d1ca79-1a9f-4d94-b9a2-6e8b279c5701'), 'x<n>d<n>ca<n>-<n>a<n>f-<n>d<n>-b<n>a<n>-<n>e<n>b<n>c<n>');
  assert.equal(maskMessage('value at key 3mqrkKe7Bq3bEU73aI175vyWrCvcP1zY31w38E9d8NM=.'), 'value at key <key>.');
  assert.equal(maskMessage('at key /R1JtVdSEXYvyk4hG0xld5llBgPYBeGk7/+C6KxCm0E=.'), 'at key <key>.', 'a key may start with / or +');
  assert.equal(maskMessage('C:/Program Files/WindowsPowerShell/Modules/v1/x.ps1'), 'C:/Program Files/WindowsPowerShell/Modules/v<n>/x.ps<n>', 'a path is not a key');
  assert.equal(maskMessage(''), '');
  assert.equal(maskMessage(`${'a'.repeat(LIKE_MESSAGE_CHARS)} 12`), 'a'.repeat(LIKE_MESSAGE_CHARS), 'only the start is read');
});

test('masking and matching stay linear on hostile messages', () => {
  const hostile = [`${'0'.repeat(200_000)}`, '0-'.repeat(100_000), 'a1-'.repeat(100_000), '{'.repeat(200_000), '0x'.repeat(100_000), 'a/'.repeat(100_000), 'Ab1+'.repeat(50_000)];
  const t0 = performance.now();
  for (const m of hostile) {
    const term = likeThisTerm({ message: m }, 'include', 'message');
    assert.ok(term);
    assert.equal(likeMatcher([term])?.({ message: m }), true);
  }
  assert.ok(performance.now() - t0 < 2000, `${Math.round(performance.now() - t0)} ms`);
});

test('like-this terms: from a record, in words, and the include / exclude rules', () => {
  const r = { component: 'AppWorkload', thread: '24', message: 'Downloading content for app 05d1ca79-1a9f-4d94-b9a2-6e8b279c5701, attempt 1' };
  assert.deepEqual(likeThisTerm(r, 'exclude', 'component'), { mode: 'exclude', by: 'component', value: 'AppWorkload' });
  assert.equal(likeThisTerm({ message: 'x' }, 'include', 'thread'), null, 'no thread, no term');
  assert.equal(likeTermLabel({ mode: 'exclude', by: 'thread', value: '24' }), 'Not thread 24');
  assert.equal(likeTermLabel({ mode: 'include', by: 'message', value: 'Downloading content for app <guid>, attempt <n>' }), 'Only messages like “Downloading content for app <guid>, attempt <n>”');

  assert.equal(likeMatcher([]), null);
  const sameKind = { component: 'AgentExecutor', thread: '7', message: 'Downloading content for app 11111111-2222-3333-4444-555555555555, attempt 12' };
  const other = { component: 'AppWorkload', thread: '24', message: 'Downloading content for app 11111111-2222-3333-4444-555555555555 done' };
  const byMessage = likeMatcher([likeThisTerm(r, 'include', 'message')!])!;
  assert.equal(byMessage(sameKind), true);
  assert.equal(byMessage(other), false);
  const notMessage = likeMatcher([likeThisTerm(r, 'exclude', 'message')!])!;
  assert.equal(notMessage(sameKind), false);
  assert.equal(notMessage(other), true);
  // Includes of one kind are alternatives, kinds together all hold, an exclude wins.
  const either = likeMatcher([
    { mode: 'include', by: 'component', value: 'AppWorkload' },
    { mode: 'include', by: 'component', value: 'AgentExecutor' },
    { mode: 'include', by: 'thread', value: '24' },
  ])!;
  assert.equal(either(other), true);
  assert.equal(either(sameKind), false, 'thread 7 is not included');
  const excluded = likeMatcher([{ mode: 'include', by: 'component', value: 'AppWorkload' }, { mode: 'exclude', by: 'thread', value: '24' }])!;
  assert.equal(excluded(other), false);
  assert.equal(excluded({ message: 'no fields' }), false, 'a record without a component is not included by one');
});
