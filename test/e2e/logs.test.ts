// The log viewer end to end: the demo device's diagnostics zip opens, records show, the reassignment
// attempts are explained, filters count and find jumps.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join, resolve } from 'node:path';
import { startApp, type AppHarness } from './support/app-harness.ts';

const shots = resolve(import.meta.dirname, '../../test-results/screenshots');

describe('log viewer', () => {
  let app: AppHarness;
  before(async () => {
    app = await startApp();
    await app.page.getByTestId('demo-banner').waitFor();
    await app.page.keyboard.press('Control+2');
    await app.page.getByRole('heading', { level: 1, name: 'Logs' }).waitFor();
  });
  after(async () => {
    await app?.close();
  });

  test("opens the demo device's diagnostics zip and shows its records", async () => {
    const { page } = app;
    await page.getByRole('button', { name: "Open the demo device's logs" }).click();
    await page.getByRole('grid', { name: 'Log records' }).waitFor();
    await page.locator('.log-row').first().waitFor();
    assert.match(await page.locator('.area-hint').innerText(), /files · [\d,]+ records/);
  });

  test('explains each reassignment attempt in plain language', async () => {
    const { page } = app;
    const attempts = page.getByRole('list', { name: 'Reassignment attempts' }).locator('.attempt');
    await attempts.first().waitFor();
    assert.ok((await attempts.count()) >= 2);
    const text = await page.locator('.attempts').innerText();
    assert.match(text, /Identifier sent/);
    assert.match(text, /Failed|Reassigned/);
    await page.screenshot({ path: join(shots, 'logs-reassignment.png') });
  });

  test('filtering by level shows only errors, and Show all brings every record back', async () => {
    const { page } = app;
    const before = await page.locator('.area-hint').innerText();
    await page.getByRole('checkbox', { name: 'Errors' }).check();
    await page.getByRole('button', { name: 'Filter', exact: true }).click();
    await page.getByText(/matching records/).waitFor();
    const levels = await page.locator('.log-row .col-level').allInnerTexts();
    assert.ok(levels.length > 0);
    assert.ok(levels.every((l) => l === 'error' || l === 'fatal'), levels.join(','));
    await page.getByRole('button', { name: 'Show all' }).click();
    await page.waitForFunction((b) => document.querySelector('.area-hint')?.textContent === b, before);
  });

  test('find (Enter, F3) selects the next matching record and shows it in full', async () => {
    const { page } = app;
    await page.getByRole('searchbox', { name: 'Find text' }).fill('retrying in');
    await page.getByRole('searchbox', { name: 'Find text' }).press('Enter');
    await page.locator('.log-row.selected').waitFor();
    assert.match(await page.locator('.detail-message').innerText(), /retrying in/i);
    const first = await page.locator('.detail-fields').innerText();
    await page.keyboard.press('F3');
    await page.waitForFunction((f) => document.querySelector('.detail-fields')?.textContent !== f, first.replace(/\n/g, ''));
    assert.match(await page.locator('.detail-message').innerText(), /retrying in/i);
  });

  test('the timeline histogram draws and a bar jumps to its records', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Timeline' }).click();
    const bars = page.locator('.histogram-bar');
    await bars.first().waitFor();
    assert.ok((await bars.count()) > 1);
  });

  test('no console errors', () => {
    assert.deepEqual(app.pageErrors, []);
  });
});
