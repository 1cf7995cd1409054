// The mode-change wire shape derived from a tenant's API description: Swagger 2.0 (the demo tenant's own)
// and an OpenAPI 3 variant with other names, refs, allOf and no response schema; the best-known fallback.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { demoDescriptions } from '../../../electron/services/demo/ws1/description.ts';
import { deriveActionBody, deriveActionResponse, deriveUserModeField, listedMdmDocs, wireFromDescriptions } from '../../../electron/services/ws1/api-description.ts';
import { bestKnownModeWire, modeWireStatusLine } from '../../../electron/services/ws1/mode-wire.ts';
import { parseWs1ModeActionResponse, ws1ModeActionRequest, describeWs1Call } from '../../../electron/services/jobs/ws1-action-wire.ts';

const openApi3 = {
  openapi: '3.0.1',
  servers: [{ url: '/api/mdm' }],
  paths: {
    '/devices/action': {
      post: {
        requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Bulk' } } } },
        responses: { '202': { description: 'Accepted' } },
      },
    },
    '/devices/{deviceUuid}': {
      get: { responses: { '200': { content: { 'application/json': { schema: { $ref: '#/components/schemas/Device' } } } } } },
    },
  },
  components: {
    schemas: {
      Bulk: { allOf: [{ $ref: '#/components/schemas/Base' }, { properties: { DeviceUuids: { type: 'array', items: { type: 'string' } }, Reason: { type: 'string' } } }] },
      Base: { properties: { OrganizationGroupUuid: { type: 'string' }, ActionType: { $ref: '#/components/schemas/Action' } } },
      Action: { type: 'string', enum: ['MIGRATE_TO_MULTIUSER', 'CHANGE_TO_SINGLEUSER', 'CHANGE_TO_MULTIUSER'] },
      Device: { properties: { Uuid: { type: 'string' }, WindowsInfo: { properties: { PendingUserModeAction: { type: 'string' }, UserMode: { type: 'string', enum: ['SingleUser', 'MultiUser'] } } } } },
    },
  },
};

test('the demo tenant description: body, response and user-mode field', () => {
  const body = deriveActionBody(demoDescriptions.mdmv3 as Record<string, unknown>)!;
  assert.deepEqual(
    { ...body, actionValues: body.actionValues.length },
    { actionKey: 'action_type', actionValues: 4, deviceUuidsKey: 'device_uuid_list', organizationGroupUuidKey: 'organization_group_uuid', countKey: 'requested_device_count', reasonKey: null, required: ['action_type', 'device_uuid_list', 'organization_group_uuid', 'requested_device_count'] },
  );
  assert.deepEqual(deriveActionResponse(demoDescriptions.mdmv3 as Record<string, unknown>), {
    status: 200,
    acceptedKey: 'queued_device_uuids',
    rejectedKey: 'failed_devices',
    rejectedUuidKey: 'device_uuid',
    rejectedReasonKey: 'failure_reason',
  });
  assert.deepEqual(deriveUserModeField(demoDescriptions.mdmv2 as Record<string, unknown>), { path: 'windowsInfo.windowsUserMode', values: ['SINGLE_USER_LEGACY', 'SINGLE_USER', 'MULTI_USER_CAPABLE', 'MULTI_USER'] });
  assert.equal(deriveUserModeField(demoDescriptions.mdmv3 as Record<string, unknown>), null);
});

test('an OpenAPI 3 description with other names, allOf, $ref enums and no response schema', () => {
  const wire = wireFromDescriptions([{ name: 'mdmv3', doc: openApi3 }], '2026-12-01T10:00:00.000Z')!;
  assert.equal(wire.verified, true);
  assert.equal(wire.source, '/api/help/Docs/mdmv3');
  assert.equal(wire.body.actionKey, 'ActionType');
  assert.equal(wire.body.deviceUuidsKey, 'DeviceUuids');
  assert.equal(wire.body.organizationGroupUuidKey, 'OrganizationGroupUuid');
  assert.equal(wire.body.reasonKey, 'Reason');
  assert.equal(wire.body.countKey, null);
  assert.deepEqual(wire.response, { status: 202, acceptedKey: null, rejectedKey: null, rejectedUuidKey: null, rejectedReasonKey: null });
  assert.deepEqual(wire.userMode, { path: 'WindowsInfo.UserMode', values: ['SingleUser', 'MultiUser'], source: '/api/help/Docs/mdmv3' });
  const req = ws1ModeActionRequest('ws1.changeToMultiuser', ['u1', 'u2'], { wire, organizationGroupUuid: 'og-1' });
  assert.deepEqual(JSON.parse(req.body), { ActionType: 'CHANGE_TO_MULTIUSER', DeviceUuids: ['u1', 'u2'], OrganizationGroupUuid: 'og-1', Reason: 'User mode change requested from Shared Device Helpdesk' });
  // no response shape: a 2xx accepts every device sent, whatever the body
  assert.deepEqual(parseWs1ModeActionResponse({ anything: true }, ['u1', 'u2'], wire), { accepted: ['u1', 'u2'], rejected: [], shapeKnown: false });
  assert.equal(modeWireStatusLine(wire), "Mode changes: verified against this tenant's API description, 2026-12-01");
  assert.equal(describeWs1Call('ws1.changeToMultiuser', wire), 'POST /api/mdm/devices/action (v3) CHANGE_TO_MULTIUSER');
  // an action the tenant's enum lacks is refused before sending
  const narrow = { ...wire, body: { ...wire.body, actionValues: ['CHANGE_TO_MULTIUSER'] } };
  assert.throws(() => ws1ModeActionRequest('ws1.changeToSingleuser', ['u1'], { wire: narrow }), /does not offer CHANGE_TO_SINGLEUSER/);
});

test('no usable description: nothing derived, the best-known shape says it is unverified', () => {
  assert.equal(wireFromDescriptions([{ name: 'mdmv3', doc: { swagger: '2.0', paths: {} } }, { name: 'mdmv2', doc: 'html' }], 'x'), null);
  assert.equal(bestKnownModeWire.verified, false);
  assert.match(modeWireStatusLine(null), /request shape not verified on this tenant/);
  assert.equal(describeWs1Call('ws1.changeToSingleuser', null), 'POST /api/mdm/devices/action (v3) CHANGE_TO_SINGLEUSER (request shape not verified on this tenant)');
});

test('the help index lists the MDM descriptions, newest first', () => {
  assert.deepEqual(listedMdmDocs('<a href="/API/help/Docs/mdmv2">2</a> <a href="/api/help/Docs/MDMV4">4</a> Docs/mdmv3 Docs/systemv1'), ['mdmv4', 'mdmv3', 'mdmv2']);
});
