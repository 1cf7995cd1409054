// An event log in the viewer end to end: a real System.evtx opens by path, its events show with level,
// provider and event id, the detail shows the event's fields and XML; a screenshot is kept.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join, resolve } from 'node:path';
import { goToArea, startApp, type AppHarness } from './support/app-harness.ts';

const shots = resolve(import.meta.dirname, '../../test-results/screenshots');
const system = resolve(import.meta.dirname, '../fixtures/evtx/system.evtx');

describe('event log in the viewer', () => {
  let app: AppHarness;
  before(async () => {
    app = await startApp();
    await goToArea(app.page, 'Control+2', 'Logs');
  });
  after(async () => {
    await app?.close();
  });

  test('System.evtx opens as 1,881 events; a row shows its fields and XML', async () => {
    const { page } = app;
    await page.getByRole('textbox', { name: 'Path to open' }).fill(system);
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await page.getByText('1 file · 1,881 records').waitFor({ timeout: 15_000 });
    const first = page.locator('.log-row').first();
    await first.waitFor();
    await first.click();
    await page.getByText('<EventRecordID>1</EventRecordID>', { exact: false }).first().waitFor({ timeout: 10_000 });
    // F8: the next error, whose detail shows its provider and level in the XML.
    await page.keyboard.press('F8');
    await page.getByText('<Level>2</Level>', { exact: false }).first().waitFor({ timeout: 10_000 });
    assert.ok((await page.getByText('Provider: Service Control Manager', { exact: false }).count()) > 0, 'the error event is shown with its fields');
    await page.screenshot({ path: join(shots, 'logs-evtx.png') });
  });

  test('no console errors', () => {
    assert.deepEqual(app.pageErrors, []);
  });
});
