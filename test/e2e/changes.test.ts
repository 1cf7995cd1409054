// Mode changes end to end against the demo tenant: a fix on a device card → preview → start → the job
// finishes → undo restores the device → the audit trail holds both and its chain verifies. Sync from a card
// (sent once, no undo) and the source an automatic user choice names.
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
    // Intune applies a primary-user change at once: done, not pending
    const job = page.locator('.job').first();
    await job.getByText(/1 done · 0 failed/).waitFor({ timeout: 20_000 });
    assert.equal(await job.locator('.job-state').innerText(), 'finished');
    await job.getByRole('button', { name: 'Devices' }).click();
    const devices = job.getByRole('table', { name: 'Devices of the job' });
    await devices.getByRole('cell', { name: 'LAB-DEM-001' }).waitFor();
    assert.match(await devices.innerText(), /LAB-DEM-001\s+done\s+primary/);
  });

  test('undo previews and restores the primary user', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Undo…' }).first().click();
    const preview = page.getByRole('region', { name: 'Preview' });
    await preview.waitFor();
    assert.match(await preview.innerText(), /Undo/);
    // the undo preview replaces the form: no stale "Change to …" form with an empty device list above it
    assert.equal(await page.getByRole('form', { name: 'New change' }).count(), 0);
    await page.getByText(/^Undo of the job/).waitFor();
    await page.getByRole('button', { name: /^Start: change 1 device$/ }).click();
    await page.getByRole('tab', { name: 'Jobs', selected: true }).waitFor();
    await page.locator('.job', { has: page.locator('strong', { hasText: /^Undo:/ }) }).getByText(/1 done · 0 failed/).waitFor({ timeout: 20_000 });
    // undo only once: the job undone says so and offers no second undo
    const undone = page.locator('.job', { has: page.locator('strong', { hasText: /^Intune: remove/ }) });
    assert.equal(await undone.locator('.job-state').innerText(), 'undone');
    assert.equal(await page.getByRole('button', { name: 'Undo…' }).count(), 0);
    await page.screenshot({ path: join(shots, 'changes-jobs.png') });
  });

  test('a preview not started is listed apart from the jobs, and can be discarded', async () => {
    const { page } = app;
    await page.getByRole('tab', { name: 'New change' }).click();
    const change = page.getByRole('combobox', { name: 'Change' });
    const groups = await change.locator('optgroup').evaluateAll((els) => els.map((e) => e.getAttribute('label')));
    assert.deepEqual(groups, ['Workspace ONE (user mode)', 'Intune (primary user)']);
    await change.selectOption('shared');
    await page.getByRole('textbox', { name: 'Device names or serials, one per line' }).fill('LAB-DEM-002');
    await page.getByRole('button', { name: 'Preview 1 device' }).click();
    await page.getByRole('region', { name: 'Preview' }).waitFor();
    await page.getByRole('tab', { name: 'Jobs' }).click();
    const plans = page.getByRole('region', { name: 'Previews not started' });
    await plans.getByText(/1 device · previewed .* · expires /).waitFor();
    assert.equal(await page.getByRole('list', { name: 'Jobs' }).locator('.job-planned').count(), 0, 'a preview is not a job');
    await plans.getByRole('button', { name: 'Discard' }).click();
    await plans.waitFor({ state: 'detached' });
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
    // Workspace ONE mode changes stay pending on the device until it reports the new mode
    await page.getByText(new RegExp(`0 done · ${n} pending on the device · 0 failed`)).waitFor({ timeout: 30_000 });
  });

  test('"Sync (Intune)" on a card previews one sync with no undo, runs it and offers no undo', async () => {
    const { page } = app;
    await page.getByRole('navigation', { name: 'Areas' }).getByRole('tab', { name: /Lookup/ }).click();
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
    assert.equal(await page.getByRole('textbox', { name: 'Confirmation count' }).count(), 0, 'one device: no typed count');
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
    await page.getByRole('radio', { name: 'These names or serials' }).check();
    await page.getByRole('textbox', { name: 'Device names or serials, one per line' }).fill('LAB-DEM-003\nLAB-DEM-010');
    await page.getByRole('button', { name: /^Preview/ }).click();
    const preview = page.getByRole('region', { name: 'Preview' });
    await preview.getByText(/Windows sign-ins over 30 days: [a-z]+\.[a-z]+ \d+ of \d+/).waitFor({ timeout: 20_000 });
    await preview.getByText(/no candidate: only enrollment accounts signed in/).waitFor();
  });

  test('no console errors', () => {
    assert.deepEqual(app.pageErrors, []);
  });
});
