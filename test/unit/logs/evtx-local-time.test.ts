// Event log times are UTC; the viewer shows them in local time with the zone and orders them by that
// wall clock (as text logs are ordered by theirs). Run in a zone with summer time to see both offsets.
process.env.TZ = 'Europe/Berlin';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { localStamp, localWallMs } from '../../../electron/services/logs/formats/evtx/local-time.ts';
import { readAll } from './evtx-helpers.ts';

test('local stamps carry the zone, winter and summer, and the wall clock they show', () => {
  assert.equal(localStamp(Date.UTC(2026, 0, 15, 12, 0, 0, 5)), '2026-01-15 13:00:00.005 +01:00');
  assert.equal(localStamp(Date.UTC(2026, 6, 30, 11, 5, 1, 250)), '2026-07-30 13:05:01.250 +02:00');
  assert.equal(localWallMs(Date.UTC(2026, 6, 30, 11, 5, 1)), Date.UTC(2026, 6, 30, 13, 5, 1));
  // The hour summer time starts (01:00 UTC on 29 March 2026) is a quarter-hour boundary.
  assert.equal(localStamp(Date.UTC(2026, 2, 29, 0, 59, 59)), '2026-03-29 01:59:59.000 +01:00');
  assert.equal(localStamp(Date.UTC(2026, 2, 29, 1, 0, 0)), '2026-03-29 03:00:00.000 +02:00');
  assert.equal(localStamp(Number.NaN), '');
});

test('System.evtx: each event shows its written time in local time, the wall clock the index orders by', () => {
  const { ix, shown } = readAll('system.evtx');
  for (let k = 0; k < shown.length; k++) {
    const s = shown[k];
    if (!s.fields) continue;
    assert.match(s.time ?? '', /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} \+0[12]:00$/);
    // The index keeps whole seconds (fractions would add up in its step-from-the-last encoding).
    assert.equal(ix.records[k].sec, Math.floor((s.timeMs ?? 0) / 1000), `record ${k}: shown and indexed time agree`);
    assert.equal(s.time, localStamp((s.timeMs ?? 0) - (s.time?.endsWith('+02:00') ? 2 : 1) * 3600_000));
    // TimeCreated (UTC) is among the fields, never after the written time.
    assert.ok(Date.parse(s.fields.time) <= (s.timeMs ?? 0) - (s.time?.endsWith('+02:00') ? 2 : 1) * 3600_000 + 1, `record ${k}`);
  }
});
