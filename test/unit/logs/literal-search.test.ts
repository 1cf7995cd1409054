// The literal search of filters and `sdh logs search` (literal-search.ts): every match position equals a
// plain indexOf's, case-sensitive and with ASCII case folding, in windows read into its memory, in windows
// it copies, within a bounded range and in records searched on their own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LiteralSearch } from '../../../electron/services/logs/literal-search.ts';

const fold = (s: string): string => s.replace(/[A-Z]/g, (c) => c.toLowerCase());

function expected(hay: string, needle: string, caseSensitive: boolean, end = hay.length): number[] {
  const [h, n] = caseSensitive ? [hay, needle] : [fold(hay), fold(needle)];
  const out: number[] = [];
  for (let i = h.indexOf(n); i >= 0 && i + n.length <= end; i = h.indexOf(n, i + 1)) out.push(i);
  return out;
}

function found(s: LiteralSearch, end?: number): number[] {
  const out: number[] = [];
  for (let i = s.indexIn(0, end); i >= 0; i = s.indexIn(i + 1, end)) out.push(i);
  return out;
}

test('every match, in and out of its memory, equals indexOf (random haystacks and needles)', () => {
  let seed = 7;
  const rnd = (n: number): number => (seed = (seed * 1103515245 + 12345) >>> 0) % n;
  const alphabet = 'abAB xyZ\n[]09';
  const word = (n: number): string => Array.from({ length: n }, () => alphabet[rnd(alphabet.length)]).join('');
  for (let t = 0; t < 2000; t++) {
    const hay = word(rnd(400));
    const needle = word(1 + rnd(6));
    const caseSensitive = rnd(2) === 0;
    const own = new LiteralSearch(Buffer.from(needle, 'latin1'), caseSensitive);
    const buf = own.buffer(1024);
    buf.write(hay, 'latin1');
    own.load(buf.subarray(0, hay.length));
    const want = expected(hay, needle, caseSensitive);
    assert.deepEqual(found(own), want, `${JSON.stringify(needle)} in ${JSON.stringify(hay)}`);
    const end = rnd(hay.length + 1);
    assert.deepEqual(found(own, end), expected(hay, needle, caseSensitive, end), 'bounded');
    const copied = new LiteralSearch(Buffer.from(needle, 'latin1'), caseSensitive);
    copied.load(Buffer.from(hay, 'latin1'));
    assert.deepEqual(found(copied), want, 'copied window');
    assert.equal(copied.containedIn(Buffer.from(hay, 'latin1')), want.length > 0, 'one record');
  }
});

test('a match across the 16- and 64-start blocks, at the window end and in a window read at full size', () => {
  const s = new LiteralSearch(Buffer.from('Remediation Script'), false);
  const buf = s.buffer(4 << 20);
  buf.fill('x');
  const at = [0, 31, 63, 96, 127, 150, 191, 1000, (4 << 20) - 18];
  for (const a of at) buf.write('remediation SCRIPT', a, 'latin1');
  s.load(buf);
  assert.deepEqual(found(s), at);
  assert.deepEqual(found(s, (4 << 20) - 1), at.slice(0, -1));
});

test('non-ASCII bytes compare exactly when folding', () => {
  const s = new LiteralSearch(Buffer.from('Größe'), false);
  s.load(Buffer.from('GRÖSSE größe GRößE'));
  assert.deepEqual(found(s), [Buffer.byteLength('GRÖSSE '), Buffer.byteLength('GRÖSSE größe ')]);
});

test('searches sharing one memory find what each finds alone, in windows read into it, over many windows', () => {
  const needles = [
    { text: 'session', caseSensitive: false },
    { text: 'sign', caseSensitive: false },
    { text: 'log', caseSensitive: false },
    { text: 'Scripts\\', caseSensitive: true },
  ];
  const size = 1 << 16;
  const shared = LiteralSearch.sharing(needles.map((n) => ({ needle: Buffer.from(n.text, 'utf8'), caseSensitive: n.caseSensitive })), size);
  const buf = shared[0].buffer(size);
  assert.ok(shared.every((s) => s.buffer(size).buffer === buf.buffer), 'one memory for all');
  const words = ['<![LOG[', ']LOG]!>', 'Session', 'SIGN-in', 'logon', 'C:\\Scripts\\a.ps1', 'scripts\\', 'x', ' ', '\n', 'sessio', 'lo'];
  let seed = 7;
  const rand = (n: number): number => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 8) % n;
  for (let w = 0; w < 20; w++) {
    let hay = '';
    while (hay.length < size - 64) hay += words[rand(words.length)];
    const len = Buffer.from(hay.slice(0, size - rand(500)), 'latin1').copy(buf);
    const win = buf.subarray(0, len);
    const text = win.toString('latin1');
    shared.forEach((s, k) => {
      s.load(win);
      assert.deepEqual(found(s), expected(text, needles[k].text, needles[k].caseSensitive), `${needles[k].text} in window ${w}`);
    });
  }
});
