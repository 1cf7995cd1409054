// "Open with" in the renderer: when main is handed logs by the OS (file association, command line, a
// second launch; here through AppServices.offerLogs, which the shell calls), the running window switches to
// the Logs area and opens them by the handles main minted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApp } from './support/app-harness.ts';

test('a log the OS hands main opens in the Logs area of the running window, without console errors', async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'sdh-open-with-')), 'DeviceReassignment-20261123.log');
  writeFileSync(file, '2026-11-23 08:00:00.000 +01:00 [INF] User logon detected: CONTOSO\\anna.berg (session 2).\n');
  const app = await startApp();
  try {
    const { page } = app;
    await page.getByTestId('demo-banner').waitFor();
    await page.getByRole('heading', { level: 1, name: 'Lookup' }).waitFor();
    app.services.offerLogs([file]);
    await page.getByRole('heading', { level: 1, name: 'Logs' }).waitFor();
    await page.getByText('1 file · 1 records').waitFor();
    assert.ok(app.ipcTraffic.some((t) => t.includes(file)));
    assert.deepEqual(app.pageErrors, []);
  } finally {
    await app.close();
  }
});
