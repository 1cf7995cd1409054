// The scanners' byte search (byte-finder.ts): every answer equals Buffer.indexOf's, in buffers read into
// its memory and in buffers it copies, across its 64 KB blocks and 32-byte steps, for two bytes at once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ByteFinder } from '../../../electron/services/logs/byte-finder.ts';

function check(f: ByteFinder, b: Buffer, bytes: number[], rnd: (n: number) => number): void {
  f.reset(b);
  const at = bytes.map(() => 0);
  // Two streams moving forward independently, sometimes jumping, sometimes going back.
  for (let step = 0; step < 400; step++) {
    const k = rnd(bytes.length);
    const r = rnd(10);
    const from = r === 0 ? rnd(b.length + 2) : r === 1 ? at[k] + rnd(70000) : at[k];
    const want = b.indexOf(bytes[k], from);
    assert.equal(f.next(k, from), want, `byte ${bytes[k]} from ${from} of ${b.length}`);
    at[k] = want < 0 ? 0 : want + 1;
  }
}

test('every position equals Buffer.indexOf, in its memory and copied, over several blocks', () => {
  let seed = 11;
  const rnd = (n: number): number => (seed = (seed * 1103515245 + 12345) >>> 0) % n;
  for (let t = 0; t < 40; t++) {
    const size = t < 20 ? rnd(300) : 60000 + rnd(200000);
    const density = 1 + rnd(400);
    const hay = Buffer.alloc(size);
    for (let i = 0; i < size; i++) hay[i] = rnd(density) === 0 ? (rnd(2) ? 10 : 33) : 97 + rnd(3);
    const own = new ByteFinder([10, 33]);
    const buf = own.buffer(size + 100);
    hay.copy(buf, 7);
    buf.fill(10, 7 + size); // bytes past the buffer searched must never be reported
    check(own, buf.subarray(7, 7 + size), [10, 33], rnd);
    const copied = new ByteFinder([10]);
    check(copied, hay, [10], rnd);
  }
});
