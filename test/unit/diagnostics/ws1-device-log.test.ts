// Workspace ONE device-log detection in the tenant's own API description: found only when an operation
// names a device log; the demo's descriptions have none, so the card says it is not offered.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { findDeviceLogOperation } from '../../../electron/services/diagnostics/ws1-device-log.ts';
import { demoDescriptions } from '../../../electron/services/demo/ws1/description.ts';

describe('findDeviceLogOperation', () => {
  test('an operation whose path, id or summary names a device-log request is found', () => {
    const doc = { swagger: '2.0', paths: { '/devices/{uuid}/commands/requestdevicelog': { post: { operationId: 'DevicesV2_RequestDeviceLog', summary: 'Request device log' } } } };
    assert.deepEqual(findDeviceLogOperation([{ name: 'mdmv2', doc }]), { method: 'POST', path: '/devices/{uuid}/commands/requestdevicelog', operationId: 'DevicesV2_RequestDeviceLog', doc: 'mdmv2' });
  });

  test('reads of logs (GET) and unrelated operations are not taken for one', () => {
    const doc = { paths: { '/devices/{id}/devicelog': { get: { operationId: 'GetDeviceLog' } }, '/devices/action': { post: { operationId: 'DeviceActionsV3_ExecuteBulkDeviceActionAsync' } }, '/apps/{id}/logs': { post: { summary: 'App logs' } } } };
    assert.equal(findDeviceLogOperation([{ name: 'mdmv3', doc }]), null);
  });

  test("the demo tenant's descriptions have no device-log operation", () => {
    assert.equal(findDeviceLogOperation(Object.entries(demoDescriptions).map(([name, doc]) => ({ name, doc }))), null);
  });
});
