// Nothing secret reaches the page or lands in a file: after lookup, logs, collect diagnostics, a change with undo and a saved
// profile, every IPC result and event, the DOM, web storage, the app's data folder and its log are scanned
// for the demo tenant's tokens and credentials and the secret typed into the setup form (raw and encoded).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { findLeaks } from '../support/leaks.ts';
import { startApp, type AppHarness } from './support/app-harness.ts';

const TYPED_SECRET = 'ws1-oauth-secret-Pq7Lm2Xv9Rt4';
let traceText = '';

describe('no secret leaves main', () => {
  let app: AppHarness;
  before(async () => {
    app = await startApp({ tenantPolicy: 'any' });
    await app.page.getByTestId('demo-banner').waitFor();
  });
  after(async () => {
    await app?.close();
  });

  test('every flow runs', async () => {
    const { page, services } = app;
    await page.getByRole('searchbox', { name: 'Search devices' }).fill('LAB-DEM-002');
    await page.getByRole('article', { name: 'Device LAB-DEM-002' }).getByRole('button', { name: /Remove the primary user/ }).click();
    await page.getByRole('button', { name: /^Start: change 1 device$/ }).click();
    await page.getByText(/1 done · 0 failed/).waitFor({ timeout: 20_000 });
    await page.keyboard.press('Control+2');
    await page.getByRole('button', { name: "Open the demo device's logs" }).click();
    await page.locator('.attempt').first().waitFor();
    // Collect diagnostics from a card: the earlier collection downloads from its pre-signed URL and opens.
    await page.keyboard.press('Control+1');
    await page.getByRole('searchbox', { name: 'Search devices' }).fill('LAB-DEM-002');
    const diagnostics = page.getByRole('article', { name: 'Device LAB-DEM-002' }).getByRole('region', { name: 'Diagnostics' });
    await diagnostics.getByRole('button', { name: 'Download and open' }).first().click();
    await page.getByRole('grid', { name: 'Log records' }).waitFor();
    await page.keyboard.press('Control+,');
    await page.getByRole('button', { name: 'Add a profile' }).click();
    await page.getByLabel('Workspace ONE UEM').check();
    await page.getByLabel('Name', { exact: true }).fill('Leak check');
    await page.getByLabel('API host').fill('as9999.awmdm.com');
    await page.getByLabel('OAuth client ID').fill('leak-client');
    await page.getByLabel('OAuth client secret').fill(TYPED_SECRET);
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved Leak check.').waitFor();
    // the support trace of every call above is part of what is scanned (IPC result and DOM)
    await page.getByTestId('ws1-mode-wire').getByText("Mode changes: verified against this tenant's API description", { exact: false }).waitFor();
    await page.getByRole('button', { name: 'Copy API trace' }).click();
    await page.getByText(/Copied the last \d+ API calls|could not be copied/).waitFor();
    const trace = await services.router.invoke('supportApiTrace', undefined, { frameUrl: `${app.origin}/`, isMainFrame: true });
    const value = (trace.ok ? trace.value : { text: '', calls: 0 }) as { text: string; calls: number };
    assert.ok(value.calls > 5, 'the flows were traced');
    traceText = value.text;
  });

  test('no token, credential or typed secret in IPC, DOM, storage, files or logs', async () => {
    const { page, services, ipcTraffic, logLines, dataDir } = app;
    const d = services.demo;
    const secrets = [d.graphToken, d.ws1.clientSecret, d.ws1.basicPassword, d.ws1.tenantCode, TYPED_SECRET];
    const storage = await page.evaluate(() => JSON.stringify({ local: { ...localStorage }, session: { ...sessionStorage }, cookie: document.cookie }));
    assert.ok(ipcTraffic.length > 20, 'the flows produced IPC traffic to scan');
    const leaks = findLeaks(secrets, [
      { label: 'IPC results and events', text: ipcTraffic.join('\n') },
      { label: 'DOM', text: await page.content() },
      { label: 'web storage and cookies', text: storage },
      { label: 'app log', text: logLines.join('') },
      { label: 'data folder', path: dataDir },
      { label: 'API trace', text: traceText },
    ]);
    assert.deepEqual(leaks, []);
    // no user names either: the demo tenant's users never appear in the trace
    const users = d.data.ws1Users.map((u) => u.userName).filter((n) => n.length > 3);
    assert.deepEqual(users.filter((n) => traceText.toLowerCase().includes(n.toLowerCase())), []);
    assert.doesNotMatch(traceText, /@|%40|Bearer|Basic /);
  });
});
