import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InteractionRequiredAuthError, ServerError, AuthError } from '@azure/msal-node';
import { authorityUrl, graphScopes } from '../../../electron/services/auth/scopes.ts';
import { fromMsalError } from '../../../electron/services/auth/msal-errors.ts';

test('scopes are full URIs on the cloud’s own Graph host; write scopes are separate', () => {
  assert.deepEqual(graphScopes('global', 'read'), ['https://graph.microsoft.com/DeviceManagementManagedDevices.Read.All', 'https://graph.microsoft.com/User.ReadBasic.All']);
  assert.deepEqual(graphScopes('usGovDoD', 'write'), ['https://dod-graph.microsoft.us/DeviceManagementManagedDevices.ReadWrite.All']);
  assert.deepEqual(graphScopes('china', 'privileged'), ['https://microsoftgraph.chinacloudapi.cn/DeviceManagementManagedDevices.PrivilegedOperations.All']);
  assert.equal(authorityUrl('usGovL4', 'contoso.onmicrosoft.us'), 'https://login.microsoftonline.us/contoso.onmicrosoft.us');
});

test('MSAL and Entra errors become sentences naming what is wrong', () => {
  const ctx = { tenant: 'contoso.onmicrosoft.com', clientId: '11111111-1111-1111-1111-111111111111' };
  const revoked = fromMsalError(new InteractionRequiredAuthError('invalid_grant', 'corr', 'AADSTS50173: The provided grant has expired due to it being revoked.', 'bad_token'), ctx);
  assert.equal(revoked.code, 'unauthorized');
  assert.match(revoked.message, /revoked/);
  const app = fromMsalError(new ServerError('unauthorized_client', 'corr', 'AADSTS700016: Application with identifier x was not found'), ctx);
  assert.equal(app.code, 'invalid_input');
  assert.match(app.message, /11111111-1111-1111-1111-111111111111.*contoso/);
  const consent = fromMsalError(new InteractionRequiredAuthError('invalid_grant', 'corr', 'no consent', 'consent_required'), ctx);
  assert.equal(consent.code, 'forbidden');
  assert.match(consent.message, /consent/);
  const expired = fromMsalError(new InteractionRequiredAuthError('no_tokens_found', 'corr', 'none'), ctx);
  assert.equal(expired.code, 'unauthorized');
  const net = fromMsalError(new AuthError('network_error', 'corr', 'Network request failed: getaddrinfo ENOTFOUND'), ctx);
  assert.equal(net.code, 'unavailable');
  assert.equal(fromMsalError(new Error('boom'), ctx).code, 'internal');
});
