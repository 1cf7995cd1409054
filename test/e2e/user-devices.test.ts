// "Every device this user used in the last 90 days" end to end on the demo tenant: a user search offers the
// view, which answers from our own sign-in history in the cache (also offline, and saying so), with a period
// capped by the retention, rows that open the device card, and CSV through the Save dialog.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startApp, type AppHarness } from './support/app-harness.ts';
import { saveIntoDataDir } from './support/save-file.ts';

const shots = resolve(import.meta.dirname, '../../test-results/screenshots');

describe('devices this user used', () => {
  let app: AppHarness;
  const saved: string[] = [];
  before(async () => {
    app = await startApp({
      saveFile: saveIntoDataDir(() => app, saved),
    });
  });
  after(async () => {
    await app?.close();
  });

  test('a user search offers the view; rows say platform, first and last seen and source, open the card and export', async () => {
    const { page } = app;
    const box = page.getByRole('searchbox', { name: 'Search devices' });
    await box.fill('remote.assist@contoso.com');
    await page.getByText('search finished').waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Devices this user used…' }).click();
    const view = page.getByRole('region', { name: 'Devices remote.assist@contoso.com used' });
    await view.waitFor();
    await view.getByText(/^\d+ devices in the last 90 days$/).waitFor();
    assert.match(await view.innerText(), /local cache only, so it works offline/);
    const rows = view.locator('tbody tr');
    const count = await rows.count();
    assert.ok(count >= 30, `the shared account's devices are listed (${count})`);
    const first = await rows.first().innerText();
    assert.match(first, /RA-SHARED-\d+/);
    assert.match(first, /Intune/);
    assert.match(first, /Intune \(still reported\)|our history/);
    assert.equal(await view.getByRole('button', { name: '90 days' }).getAttribute('aria-pressed'), 'true');
    await view.getByRole('button', { name: '30 days' }).click();
    await view.getByText(/^\d+ devices? in the last 30 days$/).waitFor();
    await view.getByRole('button', { name: '180 days' }).click();
    await view.getByText(/^\d+ devices in the last 180 days$/).waitFor();
    // A row opens the device card beside the table.
    const name = (await rows.first().getByRole('button').innerText()).trim();
    await rows.first().getByRole('button').click();
    await page.getByRole('article', { name: `Device ${name}` }).waitFor({ timeout: 30_000 });
    await page.screenshot({ path: join(shots, 'lookup-user-devices.png') }).catch(() => {});
    // CSV through the Save dialog.
    await view.getByRole('button', { name: 'Export to CSV…' }).click();
    await view.getByText(/^Saved \d+ devices to /).waitFor();
    const csv = readFileSync(saved.at(-1)!, 'utf8').trimEnd().split('\r\n');
    assert.match(csv[0], /^Device,Serial,Platforms,First seen,Last seen,Source,Accounts$/);
    assert.ok(csv.length - 1 >= count, 'every row of the 180 days is exported');
    await view.getByRole('button', { name: 'Back to the results' }).click();
    await page.getByRole('listbox', { name: 'Devices found' }).waitFor();
  });

  test('offline, the view answers from the cache alone', async () => {
    const { page } = app;
    await page.getByRole('checkbox', { name: 'Offline' }).check();
    const box = page.getByRole('searchbox', { name: 'Search devices' });
    await box.fill('CONTOSO\\remote.assist');
    await page.getByText('Offline: results come from the cache').waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Devices this user used…' }).click();
    const view = page.getByRole('region', { name: 'Devices CONTOSO\\remote.assist used' });
    await view.getByText(/^\d+ devices in the last 90 days$/).waitFor();
    assert.ok((await view.locator('tbody tr').count()) >= 30, 'DOMAIN\\user finds the same devices');
    await view.locator('tbody tr').first().getByRole('button').click();
    await page.getByRole('article').waitFor({ timeout: 30_000 });
    await page.getByRole('checkbox', { name: 'Offline' }).uncheck();
  });

  test('no console errors', () => {
    assert.deepEqual(app.pageErrors, []);
  });
});
