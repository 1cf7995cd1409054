// Collect diagnostics from the device card, end to end on the demo tenant: the earlier collection is
// listed with its expiry; "Collect diagnostics" shows a request waiting for the device with its time;
// once the simulator has the upload, "Download and open" downloads it and the log viewer shows records.
// Back on the card, what the bundle's dsregcmd output says (join state, PRT) is shown. Non-Windows and
// Workspace ONE-only cards say why the action is absent.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join, resolve } from 'node:path';
import { startApp, type AppHarness } from './support/app-harness.ts';

const shots = resolve(import.meta.dirname, '../../test-results/screenshots');

describe('collect diagnostics from the device card', () => {
  let app: AppHarness;
  before(async () => {
    app = await startApp();
  });
  after(async () => {
    await app?.close();
  });

  const card = async (name: string) => {
    await app.page.getByRole('searchbox', { name: 'Search devices' }).fill(name);
    const c = app.page.getByRole('article', { name: `Device ${name}` });
    await c.waitFor();
    return c.getByRole('region', { name: 'Diagnostics' });
  };

  test('request → waiting for the device → uploaded → download and open in the log viewer', async () => {
    const { page } = app;
    const panel = await card('MIG-BOTH-001');
    const rows = panel.getByRole('table', { name: 'Diagnostics requests' }).locator('tbody tr');
    await rows.first().waitFor();
    assert.equal(await rows.count(), 1, 'the demo device starts with one earlier collection');
    assert.match(await rows.first().innerText(), /Uploaded[\s\S]*expires in 2[67] days/);
    await panel.getByRole('button', { name: 'Collect diagnostics' }).click();
    const waiting = rows.filter({ hasText: 'Waiting for the device' });
    await waiting.waitFor();
    assert.match(await waiting.innerText(), /Waiting for the device · \d+:\d\d/);
    assert.match(await panel.innerText(), /Workspace ONE does not offer a device-log request on this tenant/);
    await panel.screenshot({ path: join(shots, 'diagnostics-waiting.png') });
    // The demo keeps a request pending for 15 s; main polls it (1 s, growing to 3 s) until uploaded.
    await rows.filter({ hasText: 'Waiting for the device' }).waitFor({ state: 'detached', timeout: 45_000 });
    assert.equal(await rows.filter({ hasText: 'Uploaded' }).count(), 2);
    await rows.first().getByRole('button', { name: 'Download and open' }).click();
    await page.getByRole('grid', { name: 'Log records' }).waitFor();
    await page.locator('.log-row').first().waitFor();
    assert.match(await page.locator('.area-hint').innerText(), /files · [\d,]+ records/);
    assert.deepEqual(app.pageErrors, []);
  });

  test('the downloaded bundle opens again without a download; the card says what its dsregcmd output found', async () => {
    await app.page.keyboard.press('Control+1');
    const panel = await card('MIG-BOTH-001');
    await panel.getByRole('button', { name: 'Open in log viewer' }).first().waitFor();
    const facts = panel.getByRole('region', { name: 'What the bundle says' });
    await facts.waitFor();
    assert.match(await facts.innerText(), /(Microsoft Entra (hybrid )?joined|Domain joined|Microsoft Entra registered|Not joined); the signed-in user (has|has no) a sign-in token \(PRT\)|no word on/);
  });

  test('an iPad card says why Collect diagnostics is absent', async () => {
    const panel = await card('IPAD-UE-001');
    assert.equal(await panel.getByRole('button', { name: 'Collect diagnostics' }).count(), 0);
    assert.match(await panel.innerText(), /for Windows devices; this one runs/);
    assert.match(String(await panel.locator('.diag-absent').getAttribute('title')), /Windows devices/);
  });
});
