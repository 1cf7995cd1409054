// The log viewer's find and layout as CMTrace and klogg have them (issue 13, point 4): matches marked in
// the row and the detail pane with "n of m", "no match" and "no more errors" said; a box for typed
// error codes; empty columns hidden, columns resized and remembered; wrap; JSON and XML indented; the
// toolbar on one row at 1280 px with the rest in keyboard-reachable menus; times typed as the log writes them.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { goToArea, startApp, type AppHarness } from './support/app-harness.ts';

const shots = resolve(import.meta.dirname, '../../test-results/screenshots');

const lines = [
  '2026-11-20 08:02:11.532 +01:00 [INF] Sync started for CONTOSO\\anna.berg',
  '2026-11-20 08:02:12.000 +01:00 [INF] Response: {"user":"anna","groups":["ward-3","nurses"]}',
  '2026-11-20 08:02:13.000 +01:00 [WRN] Policy <Policy id="7"><Name>Kiosk</Name><Mode>shared</Mode></Policy>',
  '2026-11-20 08:02:14.000 +01:00 [INF] Check-in timed out after 30 s, retrying',
  '2026-11-20 08:03:15.000 +01:00 [INF] Check-in timed out after 30 s, retrying',
  '2026-11-20 08:04:16.000 +01:00 [INF] Check-in TIMED OUT after 30 s, giving up',
  '2026-11-20 08:05:17.000 +01:00 [INF] Sync finished',
];

const waitText = (page: Page, selector: string, re: RegExp) =>
  page.waitForFunction(([s, src]) => new RegExp(src).test(document.querySelector(s)?.textContent ?? ''), [selector, re.source] as const);

describe('log viewer: find, codes and layout', () => {
  let app: AppHarness;
  let file: string;
  before(async () => {
    file = join(mkdtempSync(join(tmpdir(), 'sdh-find-')), 'Sync-20261120.log');
    writeFileSync(file, `${lines.join('\n')}\n`);
    app = await startApp();
    await goToArea(app.page, 'Control+2', 'Logs');
    await open(app.page, file);
  });
  after(async () => {
    await app?.close();
  });

  async function open(page: Page, path: string): Promise<void> {
    await page.getByRole('textbox', { name: 'Path to open' }).fill(path);
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await page.getByText(`1 file · ${lines.length} records`).waitFor();
    await page.locator('.log-row .col-time', { hasText: '08:02:11' }).waitFor();
  }

  test('a Serilog text file shows only the columns it fills', async () => {
    const headers = await app.page.getByRole('columnheader').allInnerTexts();
    assert.deepEqual(
      headers.map((h) => h.trim()),
      ['Time', 'Level', 'Message'],
    );
    // the Time column fits the whole time, zone included
    const cell = app.page.locator('.log-row .col-time').first();
    assert.ok(await cell.evaluate((el) => el.scrollWidth <= el.clientWidth), 'the time is not cut');
  });

  test('find marks the match in the row and the detail pane and says "n of m"; F3 and Shift+F3 step', async () => {
    const { page } = app;
    const box = page.getByRole('searchbox', { name: 'Find text' });
    await box.fill('timed out');
    await box.press('Enter');
    await waitText(page, '#find-status', /^1 of 3$/);
    assert.equal(await page.locator('.log-row.selected mark.find-mark').innerText(), 'timed out');
    await waitText(page, '.detail-message', /08|Check-in/);
    assert.equal(await page.locator('.detail-message mark.find-mark').innerText(), 'timed out');
    await page.keyboard.press('F3');
    await waitText(page, '#find-status', /^2 of 3$/);
    await page.keyboard.press('F3');
    await waitText(page, '#find-status', /^3 of 3$/);
    assert.equal(await page.locator('.log-row.selected mark.find-mark').innerText(), 'TIMED OUT', 'any case, as found');
    await page.keyboard.press('F3');
    await waitText(page, '#find-status', /^No later match \(3 in all/);
    await page.keyboard.press('Shift+F3');
    await waitText(page, '#find-status', /^2 of 3$/);
    await page.screenshot({ path: join(shots, 'logs-find.png') });
    await box.fill('no such words');
    await box.press('Enter');
    await waitText(page, '#find-status', /^No match for “no such words”\.$/);
    assert.equal(await page.locator('.log-row mark.find-mark').count(), 0);
  });

  test('F8 in a log without errors says there are no more errors', async () => {
    const { page } = app;
    await page.locator('.log-row').first().click();
    await page.keyboard.press('F8');
    await waitText(page, '#find-status', /^No more errors below the selected record\.$/);
    await page.getByRole('button', { name: 'Prev error' }).click();
    await waitText(page, '#find-status', /^No more errors above the selected record\.$/);
  });

  test('any typed error code is looked up: HRESULT, its signed decimal, Win32; an unknown one is said so', async () => {
    const { page } = app;
    const box = page.getByRole('textbox', { name: 'Error code to look up' });
    const answer = page.locator('.code-answer');
    for (const [code, want] of [
      ['0x87D1041C', /0x87D1041C Win32 app not detected/],
      ['-2016345060', /0x87D1041C Win32 app not detected/],
      ['5', /^5 ERROR_ACCESS_DENIED/],
      ['0x80070005', /E_ACCESSDENIED/],
      ['banana', /“banana” is not a code this app knows/],
    ] as const) {
      await box.fill(code);
      await box.press('Enter');
      await waitText(page, '.code-answer', want);
    }
    assert.ok(await answer.isVisible());
  });

  test('JSON and XML bodies are indented in the detail pane; wrap goes on and off', async () => {
    const { page } = app;
    await page.locator('.log-row', { hasText: 'Response:' }).click();
    await waitText(page, '.detail-message', /"groups"/);
    assert.equal(await page.locator('.detail-message').innerText(), 'Response: {\n  "user": "anna",\n  "groups": [\n    "ward-3",\n    "nurses"\n  ]\n}');
    await page.locator('.log-row', { hasText: 'Policy' }).click();
    await waitText(page, '.detail-message', /Kiosk/);
    assert.equal(await page.locator('.detail-message').innerText(), 'Policy <Policy id="7">\n  <Name>Kiosk</Name>\n  <Mode>shared</Mode>\n</Policy>');
    assert.match((await page.locator('.detail-fields').innerText()).replace(/\s+/g, ' '), /Body XML, indented/);
    const message = page.locator('.detail-message');
    assert.equal(await message.evaluate((el) => getComputedStyle(el).whiteSpace), 'pre-wrap');
    await page.getByRole('button', { name: 'More', exact: true }).click();
    await page.getByRole('checkbox', { name: 'Wrap long lines' }).uncheck();
    assert.equal(await message.evaluate((el) => getComputedStyle(el).whiteSpace), 'pre');
    await page.getByRole('checkbox', { name: 'Wrap long lines' }).check();
    await page.keyboard.press('Escape');
  });

  test('columns resize by dragging or with the arrow keys, and the width is remembered for the format', async () => {
    const { page } = app;
    const time = page.getByRole('columnheader', { name: 'Time' });
    const before = (await time.boundingBox())?.width ?? 0;
    const handle = page.getByRole('separator', { name: 'Resize the Time column' });
    const h = await handle.boundingBox();
    assert.ok(h);
    await page.mouse.move(h.x + h.width / 2, h.y + h.height / 2);
    await page.mouse.down();
    await page.mouse.move(h.x + 80, h.y + h.height / 2, { steps: 4 });
    await page.mouse.up();
    const dragged = (await time.boundingBox())?.width ?? 0;
    assert.ok(Math.abs(dragged - (before + 80)) <= 4, `dragged from ${before} to ${dragged}`);
    await handle.focus();
    await page.keyboard.press('ArrowLeft');
    const keyed = (await time.boundingBox())?.width ?? 0;
    assert.ok(Math.abs(keyed - (dragged - 10)) <= 1, `arrow key: ${dragged} to ${keyed}`);
    // the rows follow the header
    assert.ok(Math.abs(((await page.locator('.log-row .col-time').first().boundingBox())?.width ?? 0) - keyed) <= 1);
    // closed and opened again (a new page load, too): the width is kept for Serilog text files
    await page.reload();
    await goToArea(page, 'Control+2', 'Logs');
    await open(page, file);
    const again = (await page.getByRole('columnheader', { name: 'Time' }).boundingBox())?.width ?? 0;
    assert.ok(Math.abs(again - keyed) <= 1, `remembered ${keyed}, shown ${again}`);
  });

  test('the toolbar and the filter bar fit one row each at 1280 px; the rest is in menus the keyboard reaches', async () => {
    const { page } = app;
    assert.equal(page.viewportSize()?.width, 1280);
    for (const bar of ['.logs-toolbar', '.filter-bar']) {
      const tops = await page.locator(`${bar} > *`).evaluateAll((els) => els.filter((e) => (e as HTMLElement).offsetParent !== null).map((e) => Math.round(e.getBoundingClientRect().top + e.getBoundingClientRect().height / 2)));
      assert.ok(Math.max(...tops) - Math.min(...tops) <= 2, `${bar}: one row (${tops.join(',')})`);
      const box = await page.locator(bar).evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
      assert.ok(box.scroll <= box.client, `${bar} is not cut`);
    }
    await page.getByRole('button', { name: 'Files' }).focus();
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'More ▾');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Open folder…');
    await page.keyboard.press('Escape');
    assert.equal(await page.getByRole('button', { name: 'Open folder…' }).count(), 0);
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'More ▾');
  });

  test("the time filter shows and reads times in the log's own format", async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'More filters' }).click();
    const from = page.getByRole('textbox', { name: /^From time/ });
    assert.equal(await from.getAttribute('placeholder'), 'YYYY-MM-DD hh:mm:ss.fff');
    assert.equal(await page.locator('#time-hint').innerText(), 'Times as this log writes them, e.g. 2026-11-20 08:02:11.532.');
    await from.fill('2026-11-20 08:03');
    await from.press('Enter');
    await waitText(page, '.filter-status', /^3 matching records$/);
    const to = page.getByRole('textbox', { name: /^To time/ });
    await to.fill('2026-11-20 08:04');
    await to.press('Enter');
    await waitText(page, '.filter-status', /^2 matching records$/); // 08:03:15 and 08:04:16: "08:04" runs to 08:04:59
    await to.fill('20-11-2026 99:00');
    await to.press('Enter');
    await waitText(page, '[role=alert]', /To time “20-11-2026 99:00” does not read as YYYY-MM-DD hh:mm:ss\.fff\./);
    await from.fill('');
    await to.fill('');
    await page.getByRole('button', { name: 'Show all' }).click();
  });

  test('axe finds nothing with marks, a code answer and both menus open, light and dark', async () => {
    const { page } = app;
    const box = page.getByRole('searchbox', { name: 'Find text' });
    await box.fill('timed out');
    await box.press('Enter');
    await waitText(page, '#find-status', / of 3$/);
    await page.getByRole('textbox', { name: 'Error code to look up' }).fill('0x87D1041C');
    await page.getByRole('textbox', { name: 'Error code to look up' }).press('Enter');
    await waitText(page, '.code-answer', /Win32 app not detected/);
    const found: string[] = [];
    for (const theme of ['Dark', 'Light'] as const) {
      await page.getByText(theme, { exact: true }).click();
      await page.waitForFunction((t) => document.documentElement.dataset.theme === t, theme.toLowerCase());
      for (const menu of ['More filters', 'More']) {
        await page.getByRole('button', { name: menu, exact: true }).click();
        const r = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
        found.push(...r.violations.map((v) => `${theme}, ${menu} open: ${v.id} ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`));
        await page.keyboard.press('Escape');
      }
    }
    assert.deepEqual(found, []);
  });

  test('no console errors', () => {
    assert.deepEqual(app.pageErrors, []);
  });
});
