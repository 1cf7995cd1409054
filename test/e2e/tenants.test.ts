// The tenant setup screen: validation names the field to fix, a saved secret never comes back to the
// page, and a profile can be removed. (No connection test here: it would reach the internet.)
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join, resolve } from 'node:path';
import { waitUntil } from '../support/wait.ts';
import { goToArea, startApp, type AppHarness } from './support/app-harness.ts';

const shots = resolve(import.meta.dirname, '../../test-results/screenshots');
const SECRET = 'oauth-client-secret-Zq8RtY2vLm4Pw9';

describe('tenants', () => {
  let app: AppHarness;
  before(async () => {
    app = await startApp({ tenantPolicy: 'any' });
    await goToArea(app.page, 'Control+,', 'Tenants');
  });
  after(async () => {
    await app?.close();
  });

  test('an incomplete Intune profile is refused field by field', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Add a profile' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Contoso production');
    await page.getByLabel('Tenant', { exact: true }).fill('not a tenant');
    await page.getByLabel('Application (client) ID').fill('1234');
    await page.getByRole('button', { name: 'Save' }).click();
    const problems = page.locator('.field .problem');
    await problems.first().waitFor();
    assert.ok((await problems.count()) >= 2, (await problems.allInnerTexts()).join(' | '));
  });

  test('a Workspace ONE OAuth profile saves; its secret never returns to the page', async () => {
    const { page } = app;
    await page.getByLabel('Workspace ONE UEM').check();
    await page.getByLabel('Name', { exact: true }).fill('Contoso UEM');
    await page.getByLabel('API host').fill('as1506.awmdm.com');
    await page.getByLabel('OAuth client ID').fill('helpdesk-client');
    await page.getByLabel('OAuth client secret').fill(SECRET);
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved Contoso UEM.').waitFor();
    await page.getByRole('listitem').filter({ hasText: 'Contoso UEM' }).waitFor();
    await page.screenshot({ path: join(shots, 'tenants.png') });
    const html = await page.content();
    assert.equal(html.includes(SECRET), false, 'the secret is in the DOM');
    const list = await app.services.router.invoke('profilesList', undefined, { frameUrl: `${app.origin}/`, isMainFrame: true });
    assert.equal(JSON.stringify(list).includes(SECRET), false, 'the secret is in an IPC result');
    const value = list.ok ? (list.value as { profiles: { secretsSaved: { clientSecret: boolean } }[] }) : null;
    assert.equal(value?.profiles[0].secretsSaved.clientSecret, true);
  });

  test('bulk-change guard rails are set per profile: a bad pair names the field, saved ones come back in the form', async () => {
    const { page } = app;
    const form = page.getByRole('form', { name: 'Tenant profile' });
    const profiles = async () => {
      const list = await app.services.router.invoke('profilesList', undefined, { frameUrl: `${app.origin}/`, isMainFrame: true });
      return list.ok ? (list.value as { profiles: { profile: { guardRails?: { reasonAbove: number; stageAbove: number } } }[] }).profiles : [];
    };
    await page.getByRole('button', { name: 'Edit' }).click();
    await page.getByLabel('Ask for a reason above (devices)').fill('50');
    await page.getByLabel('Start in stages above (devices)').fill('20');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.locator('.field .problem', { hasText: 'should not begin below the reason threshold' }).waitFor();
    assert.equal((await profiles())[0].profile.guardRails, undefined, 'the refused pair was not saved');
    await page.getByLabel('Start in stages above (devices)').fill('500');
    await page.getByRole('button', { name: 'Save' }).click();
    await form.waitFor({ state: 'detached' });
    await waitUntil(async () => (await profiles())[0].profile.guardRails?.stageAbove === 500, 'the thresholds saved');
    assert.equal((await profiles())[0].profile.guardRails?.reasonAbove, 50);
    await page.getByRole('button', { name: 'Edit' }).click();
    assert.equal(await page.getByLabel('Ask for a reason above (devices)').inputValue(), '50');
    assert.equal(await page.getByLabel('Start in stages above (devices)').inputValue(), '500');
    await page.getByRole('button', { name: 'Cancel' }).click();
    await form.waitFor({ state: 'detached' });
  });

  test('editing the API host says, before saving, that the saved secrets are cleared; saving asks for them again', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Edit' }).click();
    const warning = page.getByRole('status').filter({ hasText: 'Saving clears the saved secrets' });
    assert.equal(await warning.count(), 0, 'no warning while nothing that binds the secrets changed');
    await page.getByLabel('API host').fill('as1507.awmdm.com');
    await warning.waitFor();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.locator('.field .problem', { hasText: 'client secret' }).waitFor();
    await page.getByRole('button', { name: 'Cancel' }).click();
    const list = await app.services.router.invoke('profilesList', undefined, { frameUrl: `${app.origin}/`, isMainFrame: true });
    const value = list.ok ? (list.value as { profiles: { profile: { apiHost: string }; secretsSaved: { clientSecret: boolean } }[] }) : null;
    assert.equal(value?.profiles[0].profile.apiHost, 'as1506.awmdm.com', 'the refused edit changed nothing');
    assert.equal(value?.profiles[0].secretsSaved.clientSecret, true);
  });

  test('a profile is removed after confirmation', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Remove…' }).click();
    await page.getByRole('button', { name: 'Remove', exact: true }).click();
    await page.getByText('No profile yet.').waitFor();
  });

  test('no console errors', () => {
    assert.deepEqual(app.pageErrors, []);
  });
});
