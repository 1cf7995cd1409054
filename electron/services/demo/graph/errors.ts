// Graph's error body: {"error":{"code","message","innerError":{"request-id","date"}}}.
import { randomUUID } from 'node:crypto';
import { json, type SimResponse } from '../http.ts';

export function graphError(status: number, code: string, message: string, headers: Record<string, string> = {}): SimResponse {
  const requestId = randomUUID();
  const date = new Date().toISOString().replace(/\.\d{3}Z$/, '');
  return json(
    status,
    { error: { code, message, innerError: { date, 'request-id': requestId, 'client-request-id': requestId } } },
    { 'request-id': requestId, 'client-request-id': requestId, ...headers },
  );
}

const serverCodes: Record<number, string> = { 500: 'InternalServerError', 502: 'BadGateway', 503: 'ServiceUnavailable', 504: 'GatewayTimeout' };

export const graphErrors = {
  noToken: () => graphError(401, 'InvalidAuthenticationToken', 'Access token is empty.'),
  badToken: () => graphError(401, 'InvalidAuthenticationToken', 'Access token has expired or is not yet valid.'),
  forbidden: () =>
    graphError(403, 'Forbidden', 'Application is not authorized to perform this operation. Application must have one of the following scopes: DeviceManagementManagedDevices.Read.All, DeviceManagementManagedDevices.ReadWrite.All'),
  throttled: (retryAfterSeconds: number | null) =>
    graphError(
      429,
      'TooManyRequests',
      retryAfterSeconds === null ? 'Too many requests.' : `Too many requests. Retry after ${retryAfterSeconds} seconds.`,
      retryAfterSeconds === null ? {} : { 'retry-after': String(retryAfterSeconds) },
    ),
  server: (status: number) => graphError(status, serverCodes[status] ?? 'UnknownError', 'The service is temporarily unavailable. Please try again later.'),
  notFound: (what: string) => graphError(404, 'ResourceNotFound', `Resource not found: ${what}`),
  userNotFound: (id: string) => graphError(404, 'Request_ResourceNotFound', `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`),
  /** Sign-in logs on a tenant without Entra ID P1/P2 (see docs/wire-facts.md). */
  nonPremium: () => graphError(403, 'Authentication_RequestFromNonPremiumTenantOrB2CTenant', "Neither tenant is B2C or tenant doesn't have premium license"),
  badRequest: (message: string) => graphError(400, 'BadRequest', message),
  noSegment: (segment: string) => graphError(400, 'BadRequest', `Resource not found for the segment '${segment}'.`),
};
