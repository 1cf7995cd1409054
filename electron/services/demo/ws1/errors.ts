// Workspace ONE error bodies: JSON {errorCode, message, activityId}, and the HTML 404 of unknown routes.
import { randomUUID } from 'node:crypto';
import { json, type SimResponse } from '../http.ts';
import { ws1Unverified } from './records.ts';

const codes = ws1Unverified.errorCodes;

export function ws1Error(status: number, errorCode: number, message: string, headers: Record<string, string> = {}): SimResponse {
  return json(status, { errorCode, message, activityId: randomUUID() }, headers);
}

export const ws1Errors = {
  unauthorized: () => ws1Error(401, codes.unauthorized, 'User credentials are invalid.'),
  tenantCode: () => ws1Error(401, codes.tenantCode, 'The aw-tenant-code header is missing or does not match an API key.'),
  forbidden: () => ws1Error(403, codes.forbidden, 'Access denied: the administrator role lacks the permission for this API (for mode changes, the Device Reassignment privilege).'),
  throttled: (retryAfterSeconds: number | null) =>
    ws1Error(429, codes.throttled, 'API rate limit exceeded for this tenant.', retryAfterSeconds === null ? {} : { 'retry-after': String(retryAfterSeconds) }),
  server: (status: number) => ws1Error(status, codes.server, 'An unexpected error occurred on the server. Please try again later.'),
  deviceNotFound: () => ws1Error(404, codes.notFound, 'Device not found.'),
  badRequest: (message: string) => ws1Error(400, codes.badRequest, message),
  bulkRefused: () =>
    ws1Error(405, codes.notAllowed, 'POST /api/mdm/devices/bulk deletes devices in Workspace ONE UEM; the demo tenant never implements it.', { allow: '' }),
  htmlNotFound: (): SimResponse => ({
    status: 404,
    headers: { 'content-type': 'text/html; charset=utf-8' },
    body: '<!DOCTYPE html>\r\n<html><head><title>404 - File or directory not found.</title></head><body><div id="header"><h1>Server Error</h1></div><div id="content"><fieldset><h2>404 - File or directory not found.</h2><h3>The resource you are looking for might have been removed, had its name changed, or is temporarily unavailable.</h3></fieldset></div></body></html>',
  }),
};
