import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KnownSecrets, createRedactor, redact, redactValue } from '../../../electron/services/log/redact.ts';

const jwt = 'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJodHRwczovL2dyYXBoIn0.c2lnbmF0dXJlLXNpZ25hdHVyZQ';

test('Authorization headers lose their credentials whatever the scheme', () => {
  assert.equal(redact('Authorization: Bearer abc.def.ghi'), 'Authorization: Bearer [redacted]');
  assert.equal(redact('authorization=Basic dXNlcjpwYXNzd29yZA=='), 'authorization=Basic [redacted]');
  assert.equal(redact('{"Authorization":"Bearer opaque-token-123"}'), '{"Authorization":"[redacted]"}');
  assert.equal(redact("headers: { authorization: 'Token zzz999' }").includes('zzz999'), false);
  assert.equal(redact('Authorization: SomeSecretWithoutScheme').includes('SomeSecretWithoutScheme'), false);
});

test('JWTs, OAuth fields in JSON, forms, queries and header lines are masked', () => {
  const samples = [
    `token ${jwt} end`,
    '{"access_token":"at-123456789","refresh_token":"1.rt-abcdefgh","id_token":"x","expires_in":3599}',
    'grant_type=refresh_token&refresh_token=1.AV0Aabcdef&client_id=c&client_secret=s3cr3t-value',
    'POST /token?code=0.AXYZcode&state=abc',
    'aw-tenant-code: tenantcode123',
    "{ password: 'hunter22', apiKey: \"k-1234567\" }",
    'device_code=dc-9999999999&grant_type=urn:ietf:params:oauth:grant-type:device_code',
    'code_verifier=verifier-abcdef',
  ];
  const secrets = [jwt, 'at-123456789', '1.rt-abcdefgh', '1.AV0Aabcdef', 's3cr3t-value', '0.AXYZcode', 'tenantcode123', 'hunter22', 'k-1234567', 'dc-9999999999', 'verifier-abcdef'];
  for (const line of samples) {
    const out = redact(line);
    for (const s of secrets) assert.equal(out.includes(s), false, `${s} survived in ${out}`);
  }
  assert.match(redact('{"expires_in":3599,"token_type":"Bearer"}'), /3599/);
});

test('ordinary text and our own error codes survive', () => {
  const line = '{"code":"unauthorized","message":"Sign in again."} device 42 synced; error code: 403';
  assert.equal(redact(line), line);
});

test('known secrets are masked by value in any shape, including URL-encoded and base64', () => {
  const known = new KnownSecrets();
  known.add('opaque/refresh+token=value');
  known.add('short'); // too short to register
  const r = createRedactor(known);
  assert.equal(r('got opaque/refresh+token=value from cache'), 'got [redacted] from cache');
  assert.equal(r(`x=${encodeURIComponent('opaque/refresh+token=value')}`).includes('opaque'), false);
  assert.equal(r(Buffer.from('opaque/refresh+token=value').toString('base64')), '[redacted]');
  assert.equal(r('short stays'), 'short stays');
  const capped = new KnownSecrets(2);
  for (const v of ['token-one-1', 'token-two-2', 'token-three-3']) capped.add(v);
  assert.deepEqual([...capped].sort(), ['token-three-3', 'token-two-2']);
});

test('redactValue masks secret-named fields in structured log data', () => {
  const out = redactValue({ url: 'https://x/?a=1', headers: { Authorization: 'Bearer q', accept: 'json' }, body: { client_secret: 's', list: [{ password: 'p' }] } });
  assert.deepEqual(out, { url: 'https://x/?a=1', headers: { Authorization: '[redacted]', accept: 'json' }, body: { client_secret: '[redacted]', list: [{ password: '[redacted]' }] } });
});
