// The ISO stamp reader runs on every line of multi-GB logs, so it reads words and remembers the last hour;
// here it must agree with a plain regular-expression reading of the same rule, line after line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { isoStamp, newHeader } from '../../../electron/services/logs/formats/header.ts';

/** The rule, read slowly: stamp, optional fraction, optional zone (`Z`, `±HH:MM`, `±HHMM`, one space before). */
function reference(line: string): { end: number; sec: number } {
  const m = /^(\d{4})([-/])(\d\d)\2(\d\d)[T ](\d\d):(\d\d):(\d\d)((?:[.,]\d+)?)((?: ?(?:Z|[+-]\d\d:?\d\d))?)/.exec(line);
  if (!m) return { end: -1, sec: NaN };
  const [y, mo, d, h, mi, s] = [m[1], m[3], m[4], m[5], m[6], m[7]].map(Number);
  const valid = y >= 1970 && y <= 2200 && mo >= 1 && mo <= 12 && d >= 1 && d <= 31 && h <= 23 && mi <= 59 && s <= 60;
  return { end: m[0].length, sec: valid ? Date.UTC(y, mo - 1, d, h, mi, s) / 1000 : NaN };
}

const two = (n: number): string => String(n).padStart(2, '0');
const fields = {
  y: fc.integer({ min: 1965, max: 2205 }),
  mo: fc.integer({ min: 0, max: 13 }),
  d: fc.integer({ min: 0, max: 32 }),
  h: fc.integer({ min: 0, max: 25 }),
  mi: fc.integer({ min: 0, max: 61 }),
  s: fc.integer({ min: 0, max: 61 }),
  sep: fc.constantFrom('-', '/'),
  t: fc.constantFrom(' ', 'T'),
  fraction: fc.constantFrom('', '.1', ',532', '.037', '.1234567', '.', 'x'),
  zone: fc.constantFrom('', 'Z', ' Z', '+01:00', ' +01:00', ' -05:30', '+0100', ' +0100', '+01:', ' +1', '-12:0'),
  rest: fc.constantFrom('', ' [INF] text', '\r', ' x', '5'),
};
type Stamp = { [K in keyof typeof fields]: (typeof fields)[K] extends fc.Arbitrary<infer T> ? T : never };
const text = (r: Stamp): string => `${r.y}${r.sep}${two(r.mo)}${r.sep}${two(r.d)}${r.t}${two(r.h)}:${two(r.mi)}:${two(r.s)}${r.fraction}${r.zone}${r.rest}`;
// Runs of lines as a log has them: each changes one field of the one before (so most share their hour),
// and now and then has one character replaced or is cut short, anywhere in the stamp.
const change = fc.oneof(...Object.entries(fields).map(([k, a]) => (a as fc.Arbitrary<unknown>).map((v) => ({ [k]: v }) as Partial<Stamp>)));
const damage = fc.tuple(fc.nat(40), fc.constantFrom('', '', '', '0', '9', ':', '-', ' ', 'a', '\u00ff', '/'), fc.integer({ min: 0, max: 9 }));
const run = fc.tuple(fc.record(fields), fc.array(fc.tuple(change, damage), { minLength: 1, maxLength: 40 })).map(([first, steps]) => {
  let r = first;
  return steps.map(([c, [at, ch, roll]]) => {
    r = { ...r, ...c };
    const s = text(r);
    if (roll === 0) return s.slice(0, at);
    return ch && at < s.length ? s.slice(0, at) + ch + s.slice(at + 1) : s;
  });
});

test('isoStamp agrees with the slow reading on every line of fuzzed runs (the hour it remembers included)', () => {
  fc.assert(
    fc.property(run, (lines) => {
      const h = newHeader();
      for (const l of lines) {
        // Each line sits inside a larger buffer, as in the scanner, with bytes after its end.
        const b = Buffer.from(`#${l}\n2026-01-01 00:00:00`, 'latin1');
        h.sec[0] = NaN;
        const end = isoStamp(b, 1, 1 + Buffer.byteLength(l, 'latin1'), h);
        const want = reference(l);
        assert.equal(end < 0 ? -1 : end - 1, want.end, JSON.stringify(l));
        if (want.end >= 0) assert.ok(Object.is(h.sec[0], want.sec) || h.sec[0] === want.sec, `${JSON.stringify(l)}: ${h.sec[0]} vs ${want.sec}`);
      }
    }),
    { numRuns: 400, seed: 20261123 },
  );
});
