// Sync from the device card (one device: no typed count, audited, no undo offered) and the preview of an
// automatic primary-user choice saying which source decided (the demo's Entra sign-in logs).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startApp, type AppHarness } from './support/app-harness.ts';

describe('sync and user-choice sources', () => {
  let app: AppHarness;
  before(async () => {
    app = await startApp();
    await app.page.getByTestId('demo-banner').waitFor();
  });
  after(async () => {
    await app?.close();
  });

  test('"Sync (Intune)" on a card previews one sync with no undo, runs it and offers no undo', async () => {
    const { page } = app;
    await page.getByRole('searchbox', { name: 'Search devices' }).fill('LAB-DEM-002');
    const card = page.getByRole('article', { name: 'Device LAB-DEM-002' });
    await card.getByRole('button', { name: /Sync \(Intune\)/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Changes' }).waitFor();
    const preview = page.getByRole('region', { name: 'Preview' });
    await preview.waitFor();
    const text = await preview.innerText();
    assert.match(text, /1\s+of 1 devices will change/);
    assert.match(text, /syncDevice/);
    assert.match(text, /no undo/);
    assert.equal(await preview.getByRole('spinbutton').count() + (await preview.getByLabel(/Type/).count()), 0, 'one device: no typed count');
    await page.getByRole('button', { name: /^Start: change 1 device$/ }).click();
    await page.getByRole('tab', { name: 'Jobs', selected: true }).waitFor();
    const job = page.locator('.job', { has: page.locator('strong', { hasText: /^Intune: sync the device/ }) });
    await job.getByText(/1 done · 0 failed/).waitFor({ timeout: 20_000 });
    assert.equal(await job.getByRole('button', { name: 'Undo…' }).count(), 0);
    await page.getByRole('tab', { name: 'Audit trail' }).click();
    await page.getByText(/Sync with Intune/).first().waitFor();
  });

  test('the most frequent user preview names the user and the source that decided', async () => {
    const { page } = app;
    await page.getByRole('tab', { name: 'New change' }).click();
    await page.getByRole('combobox', { name: 'Change' }).selectOption('mostFrequent');
    await page.getByRole('textbox', { name: 'Device names or serials, one per line' }).fill('LAB-DEM-003\nLAB-DEM-010');
    await page.getByRole('button', { name: /^Preview/ }).click();
    const preview = page.getByRole('region', { name: 'Preview' });
    await preview.getByText(/Windows sign-ins over 30 days: [a-z]+\.[a-z]+ \d+ of \d+/).waitFor({ timeout: 20_000 });
    await preview.getByText(/no candidate: only enrollment accounts signed in/).waitFor();
  });
});
