// The browser preview's Tenants screen names the Graph permissions the app really asks for.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { graphScopeNames } from '../../../electron/services/auth/scopes.ts';
import { previewGraphScopes } from '../../../renderer/src/features/settings/preview-needs.ts';

test('the preview lists exactly the delegated scopes sign-in asks for, by need', () => {
  assert.deepEqual(previewGraphScopes, graphScopeNames);
});
