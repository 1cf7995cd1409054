// The simulator's OData subset: $filter parsing and evaluation, $select.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { matches, ODataError, parseFilter, parseSelect, project } from '../../../electron/services/demo/graph/odata.ts';

const fields = new Set(['deviceName', 'serialNumber', 'operatingSystem', 'lastSyncDateTime', 'autopilotEnrolled', 'userPrincipalName']);
const rec = { deviceName: 'LAB-DEM-001', serialNumber: 'ABC123', operatingSystem: 'Windows', lastSyncDateTime: '2026-11-01T10:00:00Z', autopilotEnrolled: false, userPrincipalName: '' };
const check = (f: string) => matches(parseFilter(f, fields), rec);

test('comparisons, functions, and/or/not and parentheses', () => {
  assert.equal(check("startswith(deviceName,'lab-')"), true);
  assert.equal(check("startswith(deviceName,'DEM')"), false, 'startswith is not contains');
  assert.equal(check("contains(deviceName,'DEM')"), true);
  assert.equal(check("endswith(deviceName,'001')"), true);
  assert.equal(check("serialNumber eq 'abc123'"), true, 'case-insensitive');
  assert.equal(check("serialNumber ne 'ABC123'"), false);
  assert.equal(check("operatingSystem eq 'Windows' and startswith(deviceName,'LAB')"), true);
  assert.equal(check("operatingSystem eq 'iOS' or contains(deviceName,'DEM')"), true);
  assert.equal(check("not (operatingSystem eq 'iOS') and (serialNumber eq 'x' or serialNumber eq 'ABC123')"), true);
  assert.equal(check('autopilotEnrolled eq false'), true);
  assert.equal(check('userPrincipalName eq null'), true, 'an empty string reads as null');
  assert.equal(check('lastSyncDateTime lt 2026-11-02T00:00:00Z'), true);
  assert.equal(check('lastSyncDateTime ge 2026-11-02T00:00:00Z'), false);
  assert.equal(matches(parseFilter("deviceName eq 'O''Brien'", fields), { deviceName: "O'Brien" }), true);
});

test('unknown properties, operators and broken syntax are ODataErrors', () => {
  for (const bad of ["nope eq 'x'", "deviceName like 'x'", "startswith(deviceName,'x'", "deviceName eq 'x", "deviceName eq 'x' and", 'deviceName eq']) {
    assert.throws(() => parseFilter(bad, fields), ODataError, bad);
  }
});

test('startswith and contains agree with a local check for any text', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 12 }), fc.string({ maxLength: 4 }), (name, part) => {
      const q = part.replace(/'/g, "''");
      const r = { deviceName: name };
      assert.equal(matches(parseFilter(`startswith(deviceName,'${q}')`, fields), r), name.toLowerCase().startsWith(part.toLowerCase()));
      assert.equal(matches(parseFilter(`contains(deviceName,'${q}')`, fields), r), name.toLowerCase().includes(part.toLowerCase()));
    }),
    { numRuns: 300 },
  );
});

test('$select keeps the named properties in order and refuses unknown ones', () => {
  assert.deepEqual(project(rec, parseSelect('serialNumber, deviceName', fields, 'managedDevice')), { serialNumber: 'ABC123', deviceName: 'LAB-DEM-001' });
  assert.equal(parseSelect(null, fields, 'managedDevice'), null);
  assert.throws(() => parseSelect('id,nope', fields, 'managedDevice'), /Could not find a property named 'id'/);
});
