// The demo tenant's own API description (Swagger 2.0, as a real tenant serves at /api/help/Docs/mdmv3
// and /api/help/Docs/mdmv2), with property names of its own, and the check that holds the mode-change body
// to it: the app has to read the description to know what to send.
import { modeActions } from './modes.ts';

export const demoActionBody = {
  action: 'action_type',
  uuids: 'device_uuid_list',
  organizationGroup: 'organization_group_uuid',
  count: 'requested_device_count',
} as const;

export const demoActionAnswer = { queued: 'queued_device_uuids', failed: 'failed_devices', uuid: 'device_uuid', reason: 'failure_reason' } as const;

export const demoUserModeValues = ['SINGLE_USER_LEGACY', 'SINGLE_USER', 'MULTI_USER_CAPABLE', 'MULTI_USER'] as const;

const text = { type: 'string' };

const swagger = (version: number) => ({ swagger: '2.0', info: { title: `MDM API V${version}`, version: String(version) }, basePath: '/api/mdm' });

const mdmv3 = {
  ...swagger(3),
  paths: {
    '/devices/action': {
      post: {
        tags: ['DeviceActionsV3'],
        operationId: 'DeviceActionsV3_ExecuteBulkDeviceActionAsync',
        consumes: ['application/json'],
        produces: ['application/json'],
        parameters: [{ name: 'request', in: 'body', required: true, schema: { $ref: '#/definitions/BulkDeviceActionRequest' } }],
        responses: {
          '200': { description: 'The action was queued for the devices that can take it.', schema: { $ref: '#/definitions/BulkDeviceActionResult' } },
          '400': { description: 'The request does not follow this description.' },
        },
      },
    },
  },
  definitions: {
    BulkDeviceActionRequest: {
      type: 'object',
      additionalProperties: false,
      required: [demoActionBody.action, demoActionBody.uuids, demoActionBody.organizationGroup, demoActionBody.count],
      properties: {
        [demoActionBody.action]: { $ref: '#/definitions/DeviceActionType' },
        [demoActionBody.uuids]: { type: 'array', maxItems: 100, minItems: 1, items: { type: 'string', format: 'uuid' } },
        [demoActionBody.organizationGroup]: { type: 'string', format: 'uuid' },
        [demoActionBody.count]: { type: 'integer', format: 'int32' },
      },
    },
    DeviceActionType: { type: 'string', enum: [...modeActions] },
    BulkDeviceActionResult: {
      type: 'object',
      properties: {
        [demoActionAnswer.queued]: { type: 'array', items: text },
        [demoActionAnswer.failed]: { type: 'array', items: { $ref: '#/definitions/DeviceActionFailure' } },
      },
    },
    DeviceActionFailure: { type: 'object', properties: { [demoActionAnswer.uuid]: text, [demoActionAnswer.reason]: text } },
  },
};

const mdmv2 = {
  ...swagger(2),
  paths: {
    '/devices/{uuid}': {
      get: {
        operationId: 'DevicesV2_GetByUuidAsync',
        parameters: [{ name: 'uuid', in: 'path', required: true, type: 'string' }],
        responses: { '200': { description: 'Device details.', schema: { $ref: '#/definitions/DeviceV2' } }, '404': { description: 'errorCode 5061: device not found.' } },
      },
    },
  },
  definitions: {
    DeviceV2: {
      type: 'object',
      properties: {
        uuid: text,
        udid: text,
        serialNumber: text,
        macAddress: text,
        friendlyName: text,
        deviceReportedName: text,
        organizationGroupName: text,
        platformInfo: { type: 'object', properties: { deviceType: text, platformName: text, modelName: text, osVersion: text } },
        enrollmentInfo: {
          type: 'object',
          properties: {
            enrollmentStatus: text,
            compliant: { type: 'boolean' },
            enrollmentTimestamp: text,
            lastSeenTimestamp: text,
            ownership: text,
            organizationGroupId: { type: 'string', format: 'uuid' },
            organizationGroupName: text,
            userName: text,
            userEmailAddress: text,
            enrollmentUserUuid: text,
          },
        },
        windowsInfo: {
          type: 'object',
          properties: {
            windowsUserMode: { type: 'string', enum: [...demoUserModeValues] },
            pendingUserModeAction: { type: 'string', enum: [...modeActions] },
          },
        },
      },
    },
  },
};

export const demoDescriptions: Record<string, unknown> = { mdmv2, mdmv3 };

/** The help index: the API explorer page listing each description. */
export function demoHelpIndex(): string {
  const links = Object.keys(demoDescriptions)
    .map((n) => `<li><a href="/api/help/Docs/${n}">${n.toUpperCase()}</a></li>`)
    .join('');
  return `<!DOCTYPE html><html><head><title>API Explorer</title></head><body><ul>${links}</ul></body></html>`;
}

/** Why the body does not follow BulkDeviceActionRequest, or null when it does. */
export function actionBodyProblem(body: unknown): string | null {
  const schema = mdmv3.definitions.BulkDeviceActionRequest;
  if (!body || typeof body !== 'object' || Array.isArray(body)) return 'The body must be a BulkDeviceActionRequest object.';
  const b = body as Record<string, unknown>;
  const extra = Object.keys(b).filter((k) => !(k in schema.properties));
  if (extra.length) return `Unknown properties ${extra.join(', ')}: see /api/help/Docs/mdmv3 (BulkDeviceActionRequest).`;
  const missing = schema.required.filter((k) => b[k] === undefined);
  if (missing.length) return `Missing ${missing.join(', ')}: see /api/help/Docs/mdmv3 (BulkDeviceActionRequest).`;
  if (!(modeActions as readonly string[]).includes(b[demoActionBody.action] as string)) return `${demoActionBody.action} must be one of ${modeActions.join(', ')}.`;
  const uuids = b[demoActionBody.uuids];
  if (!Array.isArray(uuids) || uuids.length === 0 || !uuids.every((u) => typeof u === 'string')) return `${demoActionBody.uuids} must be a non-empty list of device UUIDs.`;
  if (uuids.length > schema.properties[demoActionBody.uuids].maxItems) return `At most ${schema.properties[demoActionBody.uuids].maxItems} devices per call.`;
  if (typeof b[demoActionBody.organizationGroup] !== 'string') return `${demoActionBody.organizationGroup} must be the organization group's UUID.`;
  if (b[demoActionBody.count] !== uuids.length) return `${demoActionBody.count} must equal the number of UUIDs sent (${uuids.length}).`;
  return null;
}
