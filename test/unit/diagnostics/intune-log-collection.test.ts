// The three Graph calls of Collect diagnostics: paths on beta, the predefined template body, the scope each
// asks for, the documented `value`-wrapped answer, and the records read into the card's shape.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '../../../electron/common/errors.ts';
import { IntuneLogCollection, toDiagnosticsRequest } from '../../../electron/services/diagnostics/intune-log-collection.ts';
import { jsonResponse, scriptedFetch } from './support.ts';

const record = {
  '@odata.type': '#microsoft.graph.deviceLogCollectionResponse',
  id: 'tenant_dev-1_req-1',
  status: 'completed',
  managedDeviceId: 'dev-1',
  errorCode: 0,
  requestedDateTimeUTC: '2026-12-01T08:00:00Z',
  receivedDateTimeUTC: '2026-12-01T08:09:00Z',
  initiatedByUserPrincipalName: 'tech@contoso.com',
  expirationDateTimeUTC: '2026-12-29T08:00:00Z',
  size: 1.5,
  sizeInKB: 1536,
  enrolledByUser: null,
};

function client(answers: Parameters<typeof scriptedFetch>[0]) {
  const needs: string[] = [];
  const { fetch, seen } = scriptedFetch(answers);
  const c = new IntuneLogCollection({ baseUrl: 'https://graph.example/', getToken: async (need) => (needs.push(need), `token-${need}`), fetch, sleep: async () => {} });
  return { c, seen, needs };
}

describe('IntuneLogCollection', () => {
  test('request: POST beta createDeviceLogCollectionRequest with the predefined template, write scope, value unwrapped', async () => {
    const { c, seen, needs } = client([() => jsonResponse(200, { value: { ...record, status: 'pending', receivedDateTimeUTC: null, sizeInKB: 0 } })]);
    const r = await c.request('dev-1');
    assert.equal(seen[0].url, 'https://graph.example/beta/deviceManagement/managedDevices/dev-1/createDeviceLogCollectionRequest');
    assert.equal(seen[0].init.method, 'POST');
    assert.deepEqual(JSON.parse(String(seen[0].init.body)), { templateType: { '@odata.type': '#microsoft.graph.deviceLogCollectionRequest', templateType: 'predefined' } });
    assert.deepEqual(needs, ['write']);
    assert.equal(new Headers(seen[0].init.headers).get('authorization'), 'Bearer token-write');
    assert.equal(r.status, 'pending');
    assert.equal(r.sizeKB, null);
    assert.equal(r.receivedAt, null);
  });

  test('request: an entity answered without `value` is read too; a 400 names Graph\'s reason', async () => {
    const ok = client([() => jsonResponse(201, record)]);
    assert.equal((await ok.c.request('dev-1')).id, record.id);
    const refused = client([() => jsonResponse(400, { error: { code: 'BadRequest', message: 'Collect diagnostics is only available for Windows devices.' } })]);
    await assert.rejects(refused.c.request('dev-1'), (e: unknown) => e instanceof AppError && /only available for Windows/.test(e.message));
  });

  test('list: GET beta logCollectionRequests with the read scope, newest first, fields in the card\'s shape', async () => {
    const older = { ...record, id: 'r-old', requestedDateTimeUTC: '2026-11-20T08:00:00Z' };
    const { c, seen, needs } = client([() => jsonResponse(200, { value: [older, record] })]);
    const rows = await c.list('dev-1');
    assert.equal(seen[0].url, 'https://graph.example/beta/deviceManagement/managedDevices/dev-1/logCollectionRequests');
    assert.deepEqual(needs, ['read']);
    assert.deepEqual(rows.map((r) => r.id), [record.id, 'r-old']);
    assert.deepEqual(rows[0], {
      id: record.id,
      status: 'completed',
      requestedAt: '2026-12-01T08:00:00.000Z',
      receivedAt: '2026-12-01T08:09:00.000Z',
      expiresAt: '2026-12-29T08:00:00.000Z',
      sizeKB: 1536,
      initiatedBy: 'tech@contoso.com',
      errorCode: null,
      downloaded: false,
      watching: false,
    });
  });

  test('downloadUrl: POST createDownloadUrl with no body and the read scope, the URL from `value`', async () => {
    const { c, seen, needs } = client([() => jsonResponse(200, { value: 'https://lgmsapeweu.blob.core.windows.net/c/x.zip?sig=s' })]);
    assert.equal(await c.downloadUrl('dev-1', 'tenant_dev-1_req-1'), 'https://lgmsapeweu.blob.core.windows.net/c/x.zip?sig=s');
    assert.equal(seen[0].url, 'https://graph.example/beta/deviceManagement/managedDevices/dev-1/logCollectionRequests/tenant_dev-1_req-1/createDownloadUrl');
    assert.equal(seen[0].init.body, undefined);
    assert.deepEqual(needs, ['read']);
  });

  test('an unknown status value reads unknown; a non-zero error code is kept', () => {
    const r = toDiagnosticsRequest({ ...record, status: 'unknownFutureValue', errorCode: 9 });
    assert.equal(r.status, 'unknown');
    assert.equal(r.errorCode, 9);
  });

  test('a 403 on create names the write permission and the Intune role', async () => {
    const { c } = client([() => jsonResponse(403, { error: { code: 'Forbidden' } })]);
    await assert.rejects(c.request('dev-1'), (e: unknown) => e instanceof AppError && e.code === 'forbidden' && /ReadWrite\.All/.test(e.message) && /Collect diagnostics/.test(e.message));
  });
});
