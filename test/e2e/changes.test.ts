// Mode changes end to end against the demo tenant: a fix on a device card → preview → start → the job
// finishes → undo restores the device → the audit trail holds both and its chain verifies.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join, resolve } from 'node:path';
import { startApp, type AppHarness } from './support/app-harness.ts';

const shots = resolve(import.meta.dirname, '../../test-results/screenshots');

describe('changes', () => {
  let app: AppHarness;
  before(async () => {
    app = await startApp();
    await app.page.getByTestId('demo-banner').waitFor();
  });
  after(async () => {
    await app?.close();
  });

  test("a DEM device's fix opens a one-device preview", async () => {
    const { page } = app;
    await page.getByRole('searchbox', { name: 'Search devices' }).fill('LAB-DEM-001');
    const card = page.getByRole('article', { name: 'Device LAB-DEM-001' });
    await card.getByRole('button', { name: /Remove the primary user/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Changes' }).waitFor();
    const preview = page.getByRole('region', { name: 'Preview' });
    await preview.waitFor();
    assert.match(await preview.innerText(), /1\s+of 1 devices will change/);
    assert.match(await preview.innerText(), /users\/\$ref/);
    await page.screenshot({ path: join(shots, 'changes-preview.png') });
  });

  test('starting runs the job to the end', async () => {
    const { page } = app;
    await page.getByRole('button', { name: /^Start: change 1 device$/ }).click();
    await page.getByRole('tab', { name: 'Jobs', selected: true }).waitFor();
    await page.getByText(/1 changed · 0 failed/).waitFor({ timeout: 20_000 });
  });

  test('undo previews and restores the primary user', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Undo…' }).first().click();
    const preview = page.getByRole('region', { name: 'Preview' });
    await preview.waitFor();
    assert.match(await preview.innerText(), /Undo/);
    await page.getByRole('button', { name: /^Start: change 1 device$/ }).click();
    await page.getByRole('tab', { name: 'Jobs', selected: true }).waitFor();
    await page.locator('.job', { has: page.locator('strong', { hasText: /^Undo:/ }) }).getByText(/1 changed · 0 failed/).waitFor({ timeout: 20_000 });
    await page.screenshot({ path: join(shots, 'changes-jobs.png') });
  });

  test('the audit trail lists both changes and its chain is intact', async () => {
    const { page } = app;
    await page.getByRole('tab', { name: 'Audit trail' }).click();
    await page.getByRole('cell', { name: 'LAB-DEM-001' }).first().waitFor();
    assert.ok((await page.getByRole('cell', { name: 'LAB-DEM-001' }).count()) >= 2);
    await page.getByRole('button', { name: 'Check the chain' }).click();
    await page.getByText(/The audit trail is intact/).waitFor();
  });

  test('bulk from a search: the count must be typed, then every device changes', async () => {
    const { page } = app;
    await page.keyboard.press('Control+1');
    await page.getByRole('searchbox', { name: 'Search devices' }).fill('WS1-LEG');
    const bulk = page.getByRole('button', { name: /^Change these \d+ devices…$/ });
    await bulk.waitFor();
    const n = Number((await bulk.innerText()).match(/\d+/)![0]);
    assert.ok(n > 10);
    await bulk.click();
    await page.getByRole('combobox').first().selectOption('migrate');
    await page.getByRole('button', { name: `Preview ${n} devices` }).click();
    const preview = page.getByRole('region', { name: 'Preview' });
    await preview.waitFor();
    const start = page.getByRole('button', { name: `Start: change ${n} devices` });
    assert.equal(await start.isDisabled(), true);
    await page.getByRole('textbox', { name: 'Confirmation count' }).fill(String(n - 1));
    assert.equal(await start.isDisabled(), true);
    await page.getByRole('textbox', { name: 'Confirmation count' }).fill(String(n));
    await start.click();
    await page.getByText(new RegExp(`${n} changed · 0 failed`)).waitFor({ timeout: 30_000 });
    assert.ok((await page.getByText(/pending on the device/).count()) > 0);
  });

  test('no console errors', () => {
    assert.deepEqual(app.pageErrors, []);
  });
});
