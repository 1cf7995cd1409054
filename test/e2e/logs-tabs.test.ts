// The log viewer's tabs, search pane and time between two records (issue 18, point 1) over the real IME
// logs: two tabs with different filters each keep theirs; Ctrl+Tab / Ctrl+Shift+Tab switch, Ctrl+W and a
// middle click close; the pane and the full view follow each other both ways, F6 moves between them;
// Shift+click and Shift+↓ time two records in the status bar. Screenshots kept.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { appInLogsArea } from './support/app-harness.ts';

const shots = resolve(import.meta.dirname, '../../test-results/screenshots');
const imeReal = resolve(import.meta.dirname, '../fixtures/ime-real');
const workload = join(imeReal, 'AppWorkload-20260401-160729.log');
const executor = join(imeReal, 'AgentExecutor.log');

const text = (page: Page, selector: string) => page.locator(selector).innerText();
/** A row by its time, component and thread (the message changes once GUIDs get their names). */
const rowKey = (page: Page, row: string) =>
  page.evaluate((sel) => ['time', 'component', 'thread'].map((c) => document.querySelector(`${sel} .col-${c}`)?.textContent ?? '').join('|'), row);
const waitText = (page: Page, selector: string, re: RegExp) =>
  page.waitForFunction(([s, src]) => new RegExp(src).test(document.querySelector(s)?.textContent ?? ''), [selector, re.source] as const, { timeout: 30_000 });
/** Rows on screen with their records (none still loading). */
const rowsLoaded = (page: Page, table: 'all' | 'hits') =>
  page.waitForFunction((t) => document.querySelector(`.log-table-${t} .log-row`) !== null && document.querySelector(`.log-table-${t} .log-row.level-loading`) === null, table, { timeout: 30_000 });

async function openPath(page: Page, path: string): Promise<void> {
  await page.getByRole('textbox', { name: 'Path to open' }).fill(path);
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  await waitText(page, '.area-hint', /^1 file · [\d,]+ records$/);
  await rowsLoaded(page, 'all');
}

async function filterText(page: Page, pattern: string): Promise<void> {
  const box = page.getByRole('searchbox', { name: 'Filter text' });
  await box.fill(pattern);
  await box.press('Enter');
  await waitText(page, '#hits-status', /^[\d,]+ results?$/);
  await rowsLoaded(page, 'hits');
}

describe('log viewer: tabs, search pane, time between records', () => {
  const suite = appInLogsArea();

  test('the search pane: a hit shows its record among all records; a record there moves the pane to the nearest hit; F6 moves between them', async () => {
    const { page } = suite.app;
    await openPath(page, workload);
    const all = (await text(page, '.area-hint')).match(/([\d,]+) records/)?.[1];
    await filterText(page, 'error');
    assert.equal((await text(page, '.area-hint')).match(/([\d,]+) records/)?.[1], all, 'all records stay in view');
    const total = (await text(page, '#hits-status')).match(/^([\d,]+)/)?.[1] as string;
    assert.ok(Number(total.replace(/,/g, '')) > 2, `${total} hits`);

    // pane → full view
    await page.locator('.log-table-hits .log-row').nth(1).click();
    await waitText(page, '#hits-status', new RegExp(`^2 of ${total}$`));
    const hit = await rowKey(page, '.log-table-hits .log-row.selected');
    await page.locator('.log-table-all .log-row.selected').waitFor();
    await rowsLoaded(page, 'all');
    assert.equal(await rowKey(page, '.log-table-all .log-row.selected'), hit);
    assert.match(await text(page, '.log-table-all .log-row.selected .col-message'), /error/i);

    // full view → pane: the row after the hit is no hit; the pane stays at the nearest one, then follows down
    await page.locator('.log-table-all .vrows').focus();
    await page.keyboard.press('End');
    await waitText(page, '#hits-status', new RegExp(`^${total} of ${total}$`));
    await page.locator('.log-table-hits .log-row.selected').waitFor();
    await page.keyboard.press('Home');
    await waitText(page, '#hits-status', new RegExp(`^1 of ${total}$`));

    // F6 / Shift+F6 move the keyboard between the two
    await page.keyboard.press('F6');
    assert.ok(await page.locator('.log-table-hits .vrows').evaluate((el) => el === document.activeElement), 'F6: the results have the keyboard');
    await page.keyboard.press('ArrowDown');
    await waitText(page, '#hits-status', new RegExp(`^2 of ${total}$`));
    await rowsLoaded(page, 'all');
    await page.locator('.log-table-all .log-row.selected').waitFor();
    assert.equal(await rowKey(page, '.log-table-all .log-row.selected'), hit);
    await page.keyboard.press('Shift+F6');
    assert.ok(await page.locator('.log-table-all .vrows').evaluate((el) => el === document.activeElement), 'Shift+F6: all records have it back');
    await page.screenshot({ path: join(shots, 'logs-search-pane.png') });

    // the toggle puts the results in place of all records
    await page.getByRole('button', { name: 'More', exact: true }).click();
    await page.getByRole('checkbox', { name: 'Results pane' }).uncheck();
    await page.getByRole('region', { name: 'Search results' }).waitFor({ state: 'detached' });
    await waitText(page, '.area-hint', new RegExp(`^1 file · ${total} records$`));
    await page.getByRole('checkbox', { name: 'Results pane' }).check();
    await page.keyboard.press('Escape');
    await page.getByRole('region', { name: 'Search results' }).waitFor();
    await waitText(page, '.area-hint', new RegExp(`^1 file · ${all} records$`));
  });

  test('two tabs with different filters keep theirs; Ctrl+Tab and Ctrl+Shift+Tab switch; full path on hover', async () => {
    const { page } = suite.app;
    const tabs = page.getByRole('toolbar', { name: 'Open logs' });
    await rowsLoaded(page, 'all');
    const workloadStatus = await text(page, '#hits-status');
    const workloadSelected = await rowKey(page, '.log-table-all .log-row.selected');
    await tabs.getByRole('button', { name: 'New tab' }).click();
    await openPath(page, executor);
    await filterText(page, 'Powershell');
    const executorHits = await text(page, '#hits-status');
    await page.locator('.log-table-hits .log-row').first().click();
    await waitText(page, '#hits-status', /^1 of /);
    assert.equal(await tabs.getByRole('button', { name: 'AgentExecutor.log', exact: true }).getAttribute('aria-pressed'), 'true');
    assert.equal(await tabs.getByRole('button', { name: 'AgentExecutor.log', exact: true }).getAttribute('title'), executor);
    assert.match(await tabs.innerText(), /2 of 12 tabs/);
    await page.screenshot({ path: join(shots, 'logs-tabs.png') });
    await rowsLoaded(page, 'all');

    await page.keyboard.press('Control+Tab');
    await waitText(page, '.log-tab.shown', /AppWorkload-20260401-160729\.log/);
    assert.equal(await page.getByRole('searchbox', { name: 'Filter text' }).inputValue(), 'error');
    assert.equal(await text(page, '#hits-status'), workloadStatus);
    await rowsLoaded(page, 'all');
    assert.equal(await rowKey(page, '.log-table-all .log-row.selected'), workloadSelected, 'its selection kept');

    await page.keyboard.press('Control+Shift+Tab');
    await waitText(page, '.log-tab.shown', /AgentExecutor\.log/);
    assert.equal(await page.getByRole('searchbox', { name: 'Filter text' }).inputValue(), 'Powershell');
    await waitText(page, '#hits-status', /^1 of /);
    assert.equal((await text(page, '#hits-status')).split(' of ')[1], executorHits.split(' ')[0]);
  });

  test('time between two records: Shift+click, then Shift+↓, in the log\'s own times', async () => {
    const { page } = suite.app;
    const rows = page.locator('.log-table-all .log-row');
    await rows.nth(1).click();
    await rows.nth(4).click({ modifiers: ['Shift'] });
    const [t1, t4] = [await rows.nth(1).locator('.col-time').innerText(), await rows.nth(4).locator('.col-time').innerText()];
    await waitText(page, '#time-between', / s between /);
    const said = await text(page, '#time-between');
    assert.match(said, /^(\d+ min )?\d+\.\d{3} s between /);
    assert.ok(said.includes(t1) && said.includes(t4), `${said} names ${t1} and ${t4}`);
    await rows.nth(2).click();
    await page.locator('#time-between').waitFor({ state: 'detached' });
    await page.keyboard.press('Shift+ArrowDown');
    await waitText(page, '#time-between', / s between /);
    assert.ok((await text(page, '#time-between')).includes(await rows.nth(3).locator('.col-time').innerText()));
  });

  test('Ctrl+W closes the shown tab, a middle click another; the open screen comes back', async () => {
    const { page } = suite.app;
    const tabs = page.getByRole('toolbar', { name: 'Open logs' });
    // Chromium keeps Ctrl+W for itself (a reserved shortcut: the page never sees the key pressed through
    // the DevTools protocol), so the key the desktop app delivers is sent as the page would receive it.
    await page.evaluate(() => window.dispatchEvent(new KeyboardEvent('keydown', { key: 'w', ctrlKey: true, bubbles: true, cancelable: true })));
    await tabs.getByRole('button', { name: 'AgentExecutor.log', exact: true }).waitFor({ state: 'detached' });
    await waitText(page, '.log-tab.shown', /AppWorkload/);
    await tabs.getByRole('button', { name: 'AppWorkload-20260401-160729.log', exact: true }).click({ button: 'middle' });
    await page.getByRole('heading', { name: 'Open device logs' }).waitFor();
    assert.equal(await tabs.count(), 0);
  });

  test('no console errors', () => {
    assert.deepEqual(suite.app.pageErrors, []);
  });
});
