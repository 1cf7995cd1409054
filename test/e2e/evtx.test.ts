// Bundle files in the viewer end to end: a real System.evtx opens by path, its events show with level,
// provider and event id, the detail shows the event's fields and XML; a Security log shows local times
// with their zone and logons in plain words; dsregcmd /status shows one row per section and a section's
// fields. Screenshots are kept for the closing note. Main runs in a zone with summer time here,
// so the zone the times carry is visible (+02:00 in July).
process.env.TZ = 'Europe/Berlin';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join, resolve } from 'node:path';
import { closeLogs, goToArea, startApp, type AppHarness } from './support/app-harness.ts';

const shots = resolve(import.meta.dirname, '../../test-results/screenshots');
const system = resolve(import.meta.dirname, '../fixtures/evtx/system.evtx');
const security = resolve(import.meta.dirname, '../fixtures/evtx/security_bad_string_cache.evtx');
const dsregcmd = resolve(import.meta.dirname, '../fixtures/bundle/dsregcmd-status.txt');

describe('event logs and bundle files in the viewer', () => {
  let app: AppHarness;
  before(async () => {
    app = await startApp();
    await goToArea(app.page, 'Control+2', 'Logs');
  });
  after(async () => {
    await app?.close();
  });

  async function openPath(path: string, records: string): Promise<void> {
    const { page } = app;
    await page.getByRole('textbox', { name: 'Path to open' }).fill(path);
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await page.getByText(`1 file · ${records} records`).waitFor({ timeout: 15_000 });
  }

  test('System.evtx opens as 1,881 events; a row shows its fields and XML', async () => {
    const { page } = app;
    await openPath(system, '1,881');
    const first = page.locator('.log-row').first();
    await first.waitFor();
    await first.click();
    await page.getByText('<EventRecordID>1</EventRecordID>', { exact: false }).first().waitFor({ timeout: 10_000 });
    // F8: the next error, whose detail shows its provider and level in the XML.
    await page.keyboard.press('F8');
    await page.getByText('<Level>2</Level>', { exact: false }).first().waitFor({ timeout: 10_000 });
    assert.ok((await page.getByText('Provider: Service Control Manager', { exact: false }).count()) > 0, 'the error event is shown with its fields');
    await page.screenshot({ path: join(shots, 'logs-evtx.png') });
    await closeLogs(page);
  });

  test('a Security event log: local times with the zone, logons in plain words', async () => {
    const { page } = app;
    await openPath(security, '2,262');
    // The sample's first row is a note (its chunk's header checksum is wrong); the events follow.
    const logon = page.locator('.log-row', { hasText: 'An account logged on' }).first();
    await logon.waitFor({ timeout: 10_000 });
    await logon.click();
    // 2016-07-08 18:12:51.681 UTC, shown in Berlin's summer time.
    await page.locator('.detail-fields', { hasText: '2016-07-08 20:12:51.681 +02:00' }).waitFor({ timeout: 10_000 });
    await page.getByText('Provider: Microsoft-Windows-Security-Auditing', { exact: false }).first().waitFor({ timeout: 10_000 });
    await page.screenshot({ path: join(shots, 'evtx.png') });
    await closeLogs(page);
  });

  test('dsregcmd /status: one row per section; a section shows its fields', async () => {
    const { page } = app;
    await openPath(dsregcmd, '8');
    const sso = page.locator('.log-row', { hasText: 'AzureAdPrt: NO' }).first();
    await sso.waitFor({ timeout: 10_000 });
    assert.equal(await page.locator('.log-row').count(), 8);
    await page.locator('.log-row', { hasText: 'Attempt Status' }).first().click();
    await page.getByText('Server Error Description: AADSTS50126', { exact: false }).first().waitFor({ timeout: 10_000 });
    await page.screenshot({ path: join(shots, 'dsregcmd.png') });
  });

  test('no console errors', () => {
    assert.deepEqual(app.pageErrors, []);
  });
});
