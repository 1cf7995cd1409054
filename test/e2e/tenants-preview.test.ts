// The Tenants screen in the browser preview (demo tenant only): the real profile forms, read-only with their
// hints, and what connecting needs, so a newcomer sees what a tenant asks for.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join, resolve } from 'node:path';
import { goToArea, startApp, type AppHarness } from './support/app-harness.ts';

const shots = resolve(import.meta.dirname, '../../test-results/screenshots');

describe('tenants in the browser preview', () => {
  let app: AppHarness;
  before(async () => {
    app = await startApp();
    await goToArea(app.page, 'Control+,', 'Tenants');
  });
  after(async () => {
    await app?.close();
  });

  test('the Intune and Workspace ONE forms show read-only with their hints and what connecting needs', async () => {
    const { page } = app;
    const panel = page.getByRole('region', { name: 'What connecting a tenant asks for' });
    await panel.waitFor();
    const text = await panel.innerText();
    assert.match(text, /read-only here/);
    assert.match(text, /app registration/);
    assert.match(text, /DeviceManagementManagedDevices\.Read\.All/);
    assert.match(text, /OAuth client/);
    assert.match(text, /API key \(aw-tenant-code\)/);
    const intune = page.getByRole('form', { name: 'Intune profile (read-only)' });
    await intune.waitFor();
    assert.match(await intune.innerText(), /Directory \(tenant\) ID, or a domain/);
    assert.ok(await intune.getByLabel('Tenant', { exact: true }).isDisabled(), 'fields are read-only');
    assert.ok(await intune.getByLabel('Application (client) ID').isDisabled());
    assert.equal(await intune.getByRole('button', { name: 'Save' }).count(), 0, 'no Save in the preview');
    await page.screenshot({ path: join(shots, 'tenants-preview.png') }).catch(() => {});
    await panel.getByRole('button', { name: 'Workspace ONE, OAuth client' }).click();
    const ws1 = page.getByRole('form', { name: 'Workspace ONE profile (read-only)' });
    assert.match(await ws1.innerText(), /REST API host, e\.g\. as1506\.awmdm\.com/);
    assert.ok(await ws1.getByLabel('OAuth client secret').isDisabled());
    await panel.getByRole('button', { name: 'Workspace ONE, admin account and API key' }).click();
    assert.ok(await ws1.getByLabel('Admin user name').isDisabled());
    await ws1.getByLabel('API key (aw-tenant-code)').waitFor();
  });

  test('no console errors', () => {
    assert.deepEqual(app.pageErrors, []);
  });
});
