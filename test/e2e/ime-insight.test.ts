// The real IME logs in the viewer (issue 18, points 2-5): who was signed in (the band, and the filter
// "only while X was signed in"), the IME timeline with names for GUIDs (GUID on hover) and a click that
// shows the run's record, and an extra reassignment pattern file loaded from Settings. Screenshots kept.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildZip } from '../integration/logs/zip-writer.ts';
import { goToArea, startApp, type AppHarness } from './support/app-harness.ts';

const shots = resolve(import.meta.dirname, '../../test-results/screenshots');
const imeReal = resolve(import.meta.dirname, '../fixtures/ime-real');

describe('IME logs: user sessions, timeline, names', () => {
  let app: AppHarness;
  // Typed paths open log-like names only (a folder needs the Open dialog): the four logs go in one zip.
  const dir = mkdtempSync(join(tmpdir(), 'sdh-ime-e2e-'));
  const zip = join(dir, 'ime-real.zip');
  before(async () => {
    writeFileSync(zip, buildZip(readdirSync(imeReal).filter((f) => f.endsWith('.log')).map((name) => ({ name, data: readFileSync(join(imeReal, name)) }))));
    app = await startApp();
    await goToArea(app.page, 'Control+2', 'Logs');
  });
  after(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('the four real IME logs open; the band says AzureAD\\AdamGell was signed in, and the filter keeps only those records', async () => {
    const { page } = app;
    await page.getByRole('textbox', { name: 'Path to open' }).fill(zip);
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await page.getByText('4 files · 29,334 records').waitFor({ timeout: 30_000 });
    const band = page.getByRole('group', { name: 'Who was signed in when' }).first();
    await band.getByRole('button', { name: 'AzureAD\\AdamGell' }).waitFor({ timeout: 30_000 });
    await page.getByRole('combobox', { name: 'Only while this user was signed in' }).selectOption({ label: 'only while AzureAD\\AdamGell was signed in' });
    // From the first IME user-session line (AppWorkload, 4-1-2026 14:01) to the end: AppWorkload's later records
    // only, in the search pane under all records.
    await page.locator('.filter-status', { hasText: '2,466 matching records' }).waitFor({ timeout: 30_000 });
    await page.locator('.log-table-hits .log-row .col-time', { hasText: /4-1-2026 1\d:\d\d/ }).first().waitFor({ timeout: 15_000 });
    await page.screenshot({ path: join(shots, 'logs-user-sessions.png') });
    await page.getByRole('combobox', { name: 'Only while this user was signed in' }).selectOption({ label: 'any time' });
    await page.getByRole('region', { name: 'Search results' }).waitFor({ state: 'detached', timeout: 30_000 });
    await page.getByText('4 files · 29,334 records').waitFor({ timeout: 30_000 });
  });

  test('the IME timeline lists runs by name, the GUID on hover; a click shows the run in the log', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'IME runs' }).click();
    const runs = page.getByRole('list', { name: 'IME runs' });
    await runs.waitFor({ timeout: 60_000 });
    assert.match(await page.locator('.attempts-summary').innerText(), /^2,?205 runs, 6 failed, 37 GUIDs named\./);
    await page.getByRole('combobox', { name: 'Runs to show' }).selectOption('win32app');
    const edge = runs.locator('.ime-run-head', { hasText: 'Win32 app: Microsoft Edge 146.0.3856.84' }).first();
    await edge.waitFor();
    assert.match((await edge.getAttribute('title')) ?? '', /^087d41ab-40fb-43b9-9e9e-023ff4715398/);
    await edge.click();
    const selected = page.locator('.log-table-all .log-row.selected');
    await selected.waitFor({ timeout: 15_000 });
    // The record names the app: the row and the detail pane show its name, the GUID on hover.
    const named = page.locator('.detail-message abbr.guid-name', { hasText: 'Microsoft Edge 146.0.3856.84' }).first();
    await named.waitFor({ timeout: 15_000 });
    assert.equal(await named.getAttribute('title'), '087d41ab-40fb-43b9-9e9e-023ff4715398');
    await page.screenshot({ path: join(shots, 'logs-ime-timeline.png') });
  });

  test('Settings: a bad pattern file is refused with its reason, a good one is loaded', async () => {
    const { page } = app;
    await goToArea(page, 'Control+,', 'Tenants');
    const input = page.getByLabel('Load an extra pattern file');
    await input.setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"patterns":[{"kind":"teleport"}]}') });
    await page.getByRole('alert').filter({ hasText: /bad\.json: The file is not a step pattern file \(patterns\.0\.kind/ }).waitFor();
    const good = { patterns: [{ kind: 'trigger', meaning: 'A German sign-in line', allOf: [['angemeldet']], captures: { user: [{ type: 'user' }] }, requires: ['user'], examples: [{ line: 'CONTOSO\\anna angemeldet' }] }] };
    await input.setInputFiles({ name: 'hub-de.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(good)) });
    await page.getByText('Extra patterns: hub-de.json (1).').waitFor();
    await page.screenshot({ path: join(shots, 'settings-step-patterns.png') });
    await page.getByRole('button', { name: 'Forget the extra patterns' }).click();
    await page.getByText('No extra pattern file loaded.').waitFor();
  });

  test('no console errors', () => {
    assert.deepEqual(app.pageErrors, []);
  });
});
