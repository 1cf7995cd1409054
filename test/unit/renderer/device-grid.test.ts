// The device grid's model: per-column filters, sorting, the virtual-scroll window and CSV export.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Device } from '../../../electron/common/device.ts';
import { buildDevice } from '../../../electron/services/lookup/merge.ts';
import { gridCsv, gridRows, rowWindow } from '../../../renderer/src/features/lookup/grid-model.ts';
import { intuneSide, ws1Side } from '../lookup/fixtures.ts';

const devices: Device[] = [
  buildDevice({ intune: intuneSide({ id: 'a', name: 'PC-10', serial: 'S10' }), ws1: null }, null),
  buildDevice({ intune: intuneSide({ id: 'b', name: 'PC-9', serial: 'S9' }), ws1: ws1Side({ serial: 'S9', userMode: 'multiUser' }) }, null),
  buildDevice({ intune: null, ws1: ws1Side({ id: 'c', name: '=HYPERLINK("x")', serial: 'S1,2', userMode: 'singleUser' }) }, null),
];

test('filters per column (contains, any case) and numeric-aware sorting both ways', () => {
  assert.deepEqual(gridRows(devices, { filters: { platforms: 'workspace' }, sort: null }).map((d) => d.serial), ['S9', 'S1,2']);
  assert.deepEqual(gridRows(devices, { filters: { userMode: 'multi', name: 'pc' }, sort: null }).map((d) => d.name), ['PC-9']);
  assert.deepEqual(gridRows(devices, { filters: {}, sort: { key: 'name', dir: 'asc' } }).map((d) => d.name).slice(1), ['PC-9', 'PC-10']);
  assert.deepEqual(gridRows(devices, { filters: {}, sort: { key: 'name', dir: 'desc' } }).map((d) => d.name).slice(0, 2), ['PC-10', 'PC-9']);
});

test('virtual scrolling draws a window of 20,000 rows, and the spacers keep the full height', () => {
  const w = rowWindow(20_000, 30 * 5000, 420, 30);
  assert.equal(w.start, 4990);
  assert.equal(w.end, 5024);
  assert.equal(w.before + (w.end - w.start) * 30 + w.after, 20_000 * 30);
});

test('CSV: a header, one line per device, quotes where needed, and formulas neutralised', () => {
  const csv = gridCsv(devices);
  const lines = csv.trimEnd().split('\r\n');
  assert.equal(lines.length, 4);
  assert.match(lines[0], /^Name,Serial,Platforms,User mode \(WS1\),Primary \/ enrolled user,Last check-in,Diagnosis$/);
  assert.match(lines[3], /^"'=HYPERLINK\(""x""\)","S1,2",Workspace ONE,Single user,/);
});
