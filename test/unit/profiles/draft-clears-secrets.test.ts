// The setup form's warning before saving: which edits clear a Workspace ONE profile's saved secrets.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { draftClearsSecrets, secretBinding, type Ws1Profile } from '../../../electron/common/profiles.ts';

const saved: Ws1Profile = { kind: 'ws1', id: 'w', name: 'W', apiHost: 'as1506.awmdm.com', auth: { method: 'oauth', region: 'na', clientId: 'cid' } };
const draft = { kind: 'ws1' as const, id: 'w', name: 'W', apiHost: 'as1506.awmdm.com', authMethod: 'oauth' as const, region: 'na', clientId: 'cid' };

test('host, port, region and method edits clear the secrets; a rename, a new client ID or the same host pasted as a URL do not', () => {
  assert.equal(draftClearsSecrets(saved, draft), false);
  assert.equal(draftClearsSecrets(saved, { ...draft, name: 'Renamed', clientId: 'cid-2' }), false);
  assert.equal(draftClearsSecrets(saved, { ...draft, apiHost: 'https://AS1506.awmdm.com/API/help' }), false);
  assert.equal(draftClearsSecrets(saved, { ...draft, apiHost: 'as1506.awmdm.com:443' }), false, 'the https default port is the same origin');
  for (const edit of [{ apiHost: 'as1507.awmdm.com' }, { apiHost: 'as1506.awmdm.com:8443' }, { region: 'emea' }, { authMethod: 'basic' as const, username: 'admin' }]) {
    assert.equal(draftClearsSecrets(saved, { ...draft, ...edit }), true, JSON.stringify(edit));
  }
  const basic: Ws1Profile = { ...saved, auth: { method: 'basic', username: 'admin' } };
  assert.equal(draftClearsSecrets(basic, { ...draft, authMethod: 'basic', username: 'other' }), true);
  assert.equal(draftClearsSecrets(undefined, draft), false, 'a new profile has nothing saved');
  assert.equal(secretBinding(saved), 'https://as1506.awmdm.com|oauth|na');
});
