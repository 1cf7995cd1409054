// Playwright's _electron against the real app, where an Electron binary exists (not on this CI machine:
// Electron cannot be downloaded here). When it is absent the test says so plainly and is reported skipped.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { _electron } from 'playwright-core';

const root = resolve(import.meta.dirname, '../..');
const binary = execFileSync(process.execPath, [resolve(root, 'scripts/electron-binary.mjs')], { encoding: 'utf8' }).trim();
const reason = 'NOT RUN: no Electron binary on this machine (it cannot be downloaded here); set ELECTRON_OVERRIDE_DIST_PATH to run it';
if (!binary) console.log(`electron smoke test ${reason}`);

test('Electron smoke: the packaged shell opens the window on the demo tenant', { skip: binary ? false : reason }, async () => {
  const app = await _electron.launch({ executablePath: binary, args: [root], env: { ...process.env, ELECTRON_ENABLE_LOGGING: '1' } });
  try {
    const page = await app.firstWindow();
    await page.getByTestId('demo-banner').waitFor();
    assert.equal(new URL(page.url()).protocol, 'app:');
    assert.equal(await page.evaluate(() => typeof (window as unknown as { require?: unknown }).require), 'undefined');
    assert.equal(await page.evaluate(() => typeof (window as unknown as { process?: unknown }).process), 'undefined');
    assert.equal((await page.evaluate(() => window.helpdesk.getAppInfo())).ok, true);
  } finally {
    await app.close();
  }
});
