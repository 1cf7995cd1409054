// The log viewer end to end: the demo device's diagnostics zip opens, records show, the reassignment
// attempts are explained, filters count and find jumps.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
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

  test('Follow picks up records appended to an open file (tail)', async () => {
    const { page } = app;
    const file = join(mkdtempSync(join(tmpdir(), 'sdh-tail-')), 'DeviceReassignment-20261123.log');
    writeFileSync(file, '2026-11-23 08:00:00.000 +01:00 [INF] User logon detected: CONTOSO\\anna.berg (session 2). Starting device reassignment check.\n');
    await page.getByRole('button', { name: 'Close' }).click();
    await page.getByRole('textbox', { name: 'Path to open' }).fill(file);
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await page.getByText('1 file · 1 records').waitFor();
    await page.getByRole('button', { name: 'Follow' }).click();
    await page.getByRole('button', { name: 'Follow', pressed: true }).waitFor();
    appendFileSync(file, '2026-11-23 08:00:01.000 +01:00 [ERR] User switch failed: HTTP 500 Internal Server Error\n2026-11-23 08:00:02.000 +01:00 [INF] Current enrolled user: lab.staging@contoso.com\n');
    await page.getByText('1 file · 3 records').waitFor({ timeout: 10_000 });
  });

  test('no console errors', () => {
    assert.deepEqual(app.pageErrors, []);
  });
});
