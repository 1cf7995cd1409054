// The first screen, end to end: the built renderer in Chromium, the real router and demo tenant.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startApp, type AppHarness } from './support/app-harness.ts';

const shots = resolve(import.meta.dirname, '../../test-results/screenshots');
mkdirSync(shots, { recursive: true });

describe('first screen', () => {
  let app: AppHarness;
  before(async () => {
    app = await startApp();
  });
  after(async () => {
    await app?.close();
  });

  test('shows the three areas and the demo tenant banner', async () => {
    const { page } = app;
    await page.getByTestId('demo-banner').waitFor();
    assert.match(await page.getByTestId('demo-banner').innerText(), /Demo tenant/);
    assert.deepEqual(await page.locator('[role=tab] .nav-label').allInnerTexts(), ['Lookup', 'Logs', 'Changes']);
    assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Lookup');
    await page.screenshot({ path: join(shots, 'first-screen-light.png') });
  });

  test('keyboard: Ctrl+2 / Ctrl+3 switch areas; arrow keys move along the area list', async () => {
    const { page } = app;
    await page.keyboard.press('Control+2');
    assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Logs');
    await page.keyboard.press('Control+3');
    assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Changes');
    await page.getByRole('tab', { name: /Changes/ }).focus();
    await page.keyboard.press('ArrowDown'); // wraps to the first
    assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Lookup');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'tab-lookup');
    await page.keyboard.press('End');
    assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Changes');
    await page.keyboard.press('Home');
    assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Lookup');
  });

  test('the theme switches to dark and back, and main remembers the choice', async () => {
    const { page, services } = app;
    await page.getByText('Dark', { exact: true }).click();
    await page.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
    const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    assert.equal(bg, 'rgb(27, 29, 33)');
    const saved = await services.router.invoke('getTheme', undefined, { frameUrl: `${app.origin}/`, isMainFrame: true });
    assert.deepEqual(saved, { ok: true, value: 'dark' });
    await page.screenshot({ path: join(shots, 'first-screen-dark.png') });
    await page.reload();
    await page.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
    await page.getByText('Light', { exact: true }).click();
    await page.waitForFunction(() => document.documentElement.dataset.theme === 'light');
  });

  test('events from main appear in the status bar', async () => {
    const { page, services } = app;
    services.router.emit('onNotice', { level: 'warning', message: 'Workspace ONE is answering slowly' });
    await page.getByText('Workspace ONE is answering slowly').waitFor();
  });

  test('a sub-frame cannot call main, even with the bridge in it', async () => {
    const { page } = app;
    await page.evaluate(async () => {
      const frame = document.createElement('iframe');
      frame.srcdoc = '<p>sub-frame</p>';
      document.body.append(frame);
      await new Promise((r) => frame.addEventListener('load', r, { once: true }));
    });
    const sub = page.frames().find((f) => f !== page.mainFrame());
    assert.ok(sub, 'the sub-frame exists');
    const res = await sub.evaluate(() => window.helpdesk.getAppInfo());
    assert.deepEqual(res, { ok: false, error: { code: 'forbidden_sender', message: 'This request did not come from the app window and was refused.' } });
    await page.evaluate(() => document.querySelector('iframe')?.remove());
  });

  test('no console errors and no CSP violations', () => {
    assert.deepEqual(app.pageErrors, []);
  });
});
