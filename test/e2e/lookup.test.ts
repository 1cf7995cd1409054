// Lookup end to end: typing streams results from both simulated platforms into cards with a diagnosis.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join, resolve } from 'node:path';
import { startApp, type AppHarness } from './support/app-harness.ts';

const shots = resolve(import.meta.dirname, '../../test-results/screenshots');

describe('lookup', () => {
  let app: AppHarness;
  before(async () => {
    app = await startApp();
  });
  after(async () => {
    await app?.close();
  });

  test('a serial-matched device shows one card with both platforms', async () => {
    const { page } = app;
    await page.getByRole('searchbox', { name: 'Search devices' }).fill('MIG-BOTH-001');
    const card = page.getByRole('article', { name: 'Device MIG-BOTH-001' });
    await card.waitFor();
    await card.getByRole('region', { name: 'Intune' }).waitFor();
    await card.getByRole('region', { name: 'Workspace ONE' }).waitFor();
    assert.match(await card.innerText(), /User mode/);
    await page.screenshot({ path: join(shots, 'lookup-both-platforms.png') });
  });

  test('a shared account finds every device it signed in to, with the shared-account finding', async () => {
    const { page } = app;
    await page.getByRole('searchbox', { name: 'Search devices' }).fill('remote.assist');
    await page.getByRole('option', { name: /RA-SHARED-0/ }).first().waitFor();
    // The list is virtual: it draws the rows in view, and each says its place in the whole list.
    await page.waitForFunction(() => Number(document.querySelector('[role=option]')?.getAttribute('aria-setsize')) >= 30);
    assert.ok(Number(await page.getByRole('option').first().getAttribute('aria-setsize')) >= 30);
    await page.getByRole('article').getByRole('region', { name: 'Diagnosis' }).waitFor();
  });

  test('arrow keys move through the results from the search box', async () => {
    const { page } = app;
    const box = page.getByRole('searchbox', { name: 'Search devices' });
    await box.focus();
    const first = await page.locator('[role=option][aria-selected=true] .result-name').innerText();
    await page.keyboard.press('ArrowDown');
    const second = await page.locator('[role=option][aria-selected=true] .result-name').innerText();
    assert.notEqual(first, second);
    assert.match(await page.getByRole('article').getByRole('heading', { level: 2 }).innerText(), new RegExp(second));
  });

  test('offline: the cache answers and says how old its data is', async () => {
    const { page } = app;
    await page.getByRole('checkbox', { name: 'Offline' }).check();
    await page.getByRole('searchbox', { name: 'Search devices' }).fill('FLOOR-LAG-001');
    const card = page.getByRole('article', { name: 'Device FLOOR-LAG-001' });
    await card.waitFor();
    assert.match(await card.getByRole('region', { name: 'Workspace ONE' }).innerText(), /from the offline cache, saved /);
    await page.getByRole('checkbox', { name: 'Offline' }).uncheck();
  });

  test('a full sync shows progress and can be stopped', async () => {
    const { page } = app;
    // The demo tenant holds every Intune details $batch until the test opens the gate: the sync is still
    // running (it has listed its first page, no more) when Stop is clicked, however fast the machine is.
    let open = () => {};
    const gate = new Promise<void>((r) => (open = r));
    app.services.demo.faults.inject('*/$batch', 'slow', { target: 'graph', until: gate });
    try {
      await page.getByRole('button', { name: 'Full sync' }).click();
      const stop = page.getByRole('button', { name: 'Stop sync' });
      await stop.waitFor();
      // The status line shows the latest progress of either source, so which source's line is up depends on
      // which answered last; Intune cannot finish while its details are held, so a progress line stays up.
      await page.getByText(/^(Intune|Workspace ONE): (listing devices|reading details|sync finished), \d/).waitFor();
      await stop.click();
      await page.getByText('The sync was stopped; what was fetched so far is kept.').waitFor();
      await stop.waitFor({ state: 'detached' });
    } finally {
      open();
      app.services.demo.faults.clear();
    }
  });

  test('a 100,000-character paste stops at the box limit with a counter; Esc clears the box and the results', async () => {
    const { page } = app;
    const box = page.getByRole('searchbox', { name: 'Search devices' });
    await box.fill('x'.repeat(100_000));
    assert.equal((await box.inputValue()).length, 256, 'the box holds at most 256 characters');
    await page.getByText('256/256').waitFor();
    await page.getByText('search finished').waitFor({ timeout: 30_000 });
    const shown = await page.locator('main').innerText();
    assert.doesNotMatch(shown, /lookupSearch|invalid argument|Too big/, 'no IPC validation message on screen');
    await box.fill('MIG-BOTH-001');
    await page.getByRole('article', { name: 'Device MIG-BOTH-001' }).waitFor();
    await box.press('Escape');
    assert.equal(await box.inputValue(), '');
    await page.getByRole('article').waitFor({ state: 'detached' });
    await page.getByRole('listbox', { name: 'Devices found' }).waitFor({ state: 'detached' });
  });

  test('no console errors', () => {
    assert.deepEqual(app.pageErrors, []);
  });
});
