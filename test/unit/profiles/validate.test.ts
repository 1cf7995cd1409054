import { test } from 'node:test';
import assert from 'node:assert/strict';
import { profileViewSchema, validateProfileDraft, type DraftCheck } from '../../../electron/common/profiles.ts';

const guid = '0b6f4a3e-1d2c-4e5f-8a9b-0c1d2e3f4a5b';
const problems = (check: DraftCheck) => (check.ok ? {} : Object.fromEntries(check.problems.map((p) => [p.field, p.message])));

test('a complete Intune draft becomes a profile with a slug id and no secrets', () => {
  const check = validateProfileDraft({ kind: 'intune', name: 'Contoso Prod', tenant: ' Contoso.OnMicrosoft.com ', clientId: guid.toUpperCase(), cloud: 'usGovL4' });
  assert.deepEqual(check, {
    ok: true,
    profile: { kind: 'intune', id: 'contoso-prod', name: 'Contoso Prod', tenant: 'contoso.onmicrosoft.com', clientId: guid, cloud: 'usGovL4' },
    secrets: {},
  });
});

test('Intune mistakes are named field by field', () => {
  assert.deepEqual(Object.keys(problems(validateProfileDraft({ kind: 'intune', name: '' }))).sort(), ['clientId', 'name', 'tenant']);
  const p = problems(validateProfileDraft({ kind: 'intune', name: 'x', tenant: 'https://login.microsoftonline.com/abc', clientId: 'my app', cloud: 'mars' }));
  assert.match(p.tenant, /not a URL/);
  assert.match(p.clientId, /GUID/);
  assert.match(p.cloud, /Global, US Government L4, US Government DoD or China/);
  assert.match(problems(validateProfileDraft({ kind: 'intune', name: 'x', tenant: 'common', clientId: guid })).tenant, /"common" is not a tenant/);
  assert.match(problems(validateProfileDraft({ kind: 'intune', name: 'x', tenant: guid, clientId: guid, secrets: { clientSecret: 'zz' } })).secrets, /takes no secret/);
});

test('Workspace ONE: console host, token host and pasted URLs', () => {
  const base = { kind: 'ws1' as const, name: 'WS1', authMethod: 'oauth' as const, clientId: 'cid', region: 'emea', secrets: { clientSecret: 's' } };
  assert.match(problems(validateProfileDraft({ ...base, apiHost: 'cn1506.awmdm.com' })).apiHost, /console host.*as1506\.awmdm\.com/);
  assert.match(problems(validateProfileDraft({ ...base, apiHost: 'emea.uemauth.workspaceone.com' })).apiHost, /OAuth token host/);
  assert.match(problems(validateProfileDraft({ ...base, apiHost: 'http://as1.awmdm.com' })).apiHost, /https/);
  const ok = validateProfileDraft({ ...base, apiHost: 'https://AS1506.awmdm.com/API/' });
  assert.ok(ok.ok);
  if (ok.ok) {
    assert.deepEqual(ok.profile, { kind: 'ws1', id: 'ws1', name: 'WS1', apiHost: 'as1506.awmdm.com', auth: { method: 'oauth', region: 'emea', clientId: 'cid' } });
    assert.deepEqual(ok.secrets, { clientSecret: 's' });
  }
});

test('Workspace ONE: what each auth method needs, and saved secrets count', () => {
  const oauth = problems(validateProfileDraft({ kind: 'ws1', name: 'w', apiHost: 'as1.awmdm.com', authMethod: 'oauth' }));
  assert.deepEqual(Object.keys(oauth).sort(), ['clientId', 'clientSecret', 'region']);
  assert.match(oauth.region, /North America, EMEA, APAC or UAT/);
  const basic = problems(validateProfileDraft({ kind: 'ws1', name: 'w', apiHost: 'as1.awmdm.com', authMethod: 'basic' }));
  assert.deepEqual(Object.keys(basic).sort(), ['apiKey', 'password', 'username']);
  assert.match(basic.apiKey, /tenant code/);
  assert.match(problems(validateProfileDraft({ kind: 'ws1', name: 'w', apiHost: 'as1.awmdm.com' })).authMethod, /OAuth client credentials/);
  const edit = validateProfileDraft({ kind: 'ws1', id: 'w', name: 'w', apiHost: 'as1.awmdm.com', authMethod: 'basic', username: 'admin' }, ['password', 'apiKey']);
  assert.equal(edit.ok, true);
  assert.match(problems(validateProfileDraft({ kind: 'ws1', name: 'w', apiHost: 'as1.awmdm.com', authMethod: 'basic', username: 'a', secrets: { password: 'p', apiKey: 'k', clientSecret: 'c' } })).clientSecret, /only used with OAuth/);
});

test('the renderer view schema has no field that could carry a secret value', () => {
  const keys = JSON.stringify(profileViewSchema.toJSONSchema());
  assert.doesNotMatch(keys, /"(clientSecret|apiKey|password)":\{"type":"string"/);
});
