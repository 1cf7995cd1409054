// The log viewer end to end: the demo device's diagnostics zip opens, records show, the reassignment
// attempts are explained, filters count and find jumps.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Locator } from 'playwright-core';
import { closeLogs, goToArea, startApp, type AppHarness } from './support/app-harness.ts';

const shots = resolve(import.meta.dirname, '../../test-results/screenshots');

/** A record's or bar's time as written (wall clock, offset ignored), read as if UTC: the histogram's own scale. */
function wallClockMs(text: string): number {
  const iso = /(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(\.\d+)?/.exec(text);
  const us = /(\d{2})-(\d{2})-(\d{4}) (\d{2}):(\d{2}):(\d{2})(\.\d+)?/.exec(text);
  const [y, mo, d, h, mi, sec, frac] = iso ? iso.slice(1) : us ? [us[3], us[1], us[2], ...us.slice(4)] : [];
  assert.ok(y, `no date and time in ${JSON.stringify(text)}`);
  return Date.UTC(+y, +mo - 1, +d, +h, +mi, +sec) + Math.floor(Number(frac ?? 0) * 1000);
}

/** The time cell of a row, once its record has loaded. */
async function rowTime(row: Locator): Promise<string> {
  const cell = row.locator('.col-time', { hasText: /\d:\d\d/ });
  await cell.waitFor();
  return cell.innerText();
}

describe('log viewer', () => {
  let app: AppHarness;
  before(async () => {
    app = await startApp();
    await goToArea(app.page, 'Control+2', 'Logs');
  });
  after(async () => {
    await app?.close();
  });

  test("opens the demo device's diagnostics zip and shows its records", async () => {
    const { page } = app;
    await page.getByRole('button', { name: "Open the demo device's logs" }).click();
    await page.getByRole('grid', { name: 'Log records' }).waitFor();
    await page.locator('.log-row').first().waitFor();
    assert.match(await page.locator('.area-hint').innerText(), /files · [\d,]+ records/);
  });

  test('explains each reassignment attempt in plain language', async () => {
    const { page } = app;
    const attempts = page.getByRole('list', { name: 'Reassignment attempts' }).locator('.attempt');
    await attempts.first().waitFor();
    assert.ok((await attempts.count()) >= 2);
    const text = await page.locator('.attempts').innerText();
    assert.match(text, /Identifier sent/);
    assert.match(text, /Failed|Reassigned/);
    await page.screenshot({ path: join(shots, 'logs-reassignment.png') });
  });

  test('filtering by level shows only errors, and Show all brings every record back', async () => {
    const { page } = app;
    const before = await page.locator('.area-hint').innerText();
    await page.getByRole('checkbox', { name: 'Errors' }).check(); // applies at once, no Filter press
    await page.getByText(/matching records/).waitFor();
    // the results show in the search pane under all records; its rows are fetched after its count shows:
    // read them once every row has its record
    await page.waitForFunction(() => document.querySelector('.log-table-hits .log-row') !== null && document.querySelector('.log-table-hits .log-row.level-loading') === null);
    const levels = await page.locator('.log-table-hits .log-row .col-level').allInnerTexts();
    assert.ok(levels.length > 0);
    assert.ok(levels.every((l) => l === 'error' || l === 'fatal'), levels.join(','));
    await page.getByRole('button', { name: 'Show all' }).click();
    await page.waitForFunction((b) => document.querySelector('.area-hint')?.textContent === b, before);
  });

  test('level boxes apply at once: Errors ticked then unticked gives the text filter its count back (issue 13)', async () => {
    const { page } = app;
    const status = page.locator('.filter-status');
    await page.getByRole('searchbox', { name: 'Filter text' }).fill('timed out');
    await page.getByRole('button', { name: 'Filter', exact: true }).click();
    await page.waitForFunction(() => /^[\d,]+ matching records$/.test(document.querySelector('.filter-status')?.textContent ?? ''));
    const byText = await status.innerText();
    assert.doesNotMatch(byText, /^0 /);
    await page.getByRole('checkbox', { name: 'Errors' }).check();
    // The box's click sets the box and starts the filter in one render: once it shows ticked, the status
    // is the running filter's until its count arrives.
    await page.waitForFunction(() => /^[\d,]+ matching records$/.test(document.querySelector('.filter-status')?.textContent ?? ''));
    await page.getByRole('checkbox', { name: 'Errors' }).uncheck();
    await page.waitForFunction((t) => document.querySelector('.filter-status')?.textContent === t, byText);
    await page.getByRole('searchbox', { name: 'Filter text' }).fill('');
    await page.getByRole('button', { name: 'Show all' }).click();
  });

  test('find (Enter, F3) selects the next matching record and shows it in full', async () => {
    const { page } = app;
    await page.getByRole('searchbox', { name: 'Find text' }).fill('retrying in');
    await page.getByRole('searchbox', { name: 'Find text' }).press('Enter');
    // A row selected by an earlier step may still be shown: wait for the found record to reach the pane.
    await page.locator('.log-row.selected').waitFor();
    await page.waitForFunction(() => /retrying in/i.test(document.querySelector('.detail-message')?.textContent ?? ''));
    assert.match(await page.locator('.detail-message').innerText(), /retrying in/i);
    const first = await page.locator('.detail-fields').innerText();
    await page.keyboard.press('F3');
    await page.waitForFunction((f) => document.querySelector('.detail-fields')?.textContent !== f, first.replace(/\n/g, ''));
    assert.match(await page.locator('.detail-message').innerText(), /retrying in/i);
  });

  test('the timeline histogram draws and a bar jumps to its records', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Timeline' }).click();
    const bars = page.locator('.histogram-bar');
    await bars.first().waitFor();
    assert.ok((await bars.count()) > 1);
    // each bar's title starts with its start time (to the second); a bar ends where the next begins, the last at the axis end
    const titles = await bars.evaluateAll((els) => els.map((e) => e.getAttribute('title') ?? ''));
    const axisEnd = wallClockMs((await page.locator('.histogram-axis span').last().innerText()).trim());
    const ranges = titles.map((title, i) => ({
      i,
      title,
      records: Number(/: (\d+) records/.exec(title)?.[1] ?? 'NaN'),
      start: wallClockMs(title),
      end: i + 1 < titles.length ? wallClockMs(titles[i + 1]) : axisEnd,
    }));
    const selectedRow = page.locator('.log-row.selected');
    const selectedTime = async () => wallClockMs(await rowTime(selectedRow));
    const was = (await selectedRow.count()) ? { row: await selectedRow.getAttribute('aria-rowindex'), time: await selectedTime() } : null;
    // a bar with records that does not hold the record selected now, so the selection has to move
    const target = ranges.findLast((r) => r.records > 0 && !(was && was.time >= r.start && was.time < r.end + 1000));
    assert.ok(target, `no bar with records apart from the selected one: ${titles.join(' | ')}`);
    await bars.nth(target.i).click();
    await page.waitForFunction((row) => document.querySelector('.log-row.selected')?.getAttribute('aria-rowindex') !== row, was?.row ?? null);
    const time = await selectedTime();
    assert.ok(time >= target.start && time < target.end + 1000, `the selected record (${new Date(time).toISOString()}) is inside the clicked bar (${target.title})`);
    // it is the bar's first record: the row before it (if any) is earlier than the bar
    const row = Number(await selectedRow.getAttribute('aria-rowindex'));
    if (row > 1) assert.ok(wallClockMs(await rowTime(page.locator(`.log-row[aria-rowindex="${row - 1}"]`))) < target.start + 1000, 'the bar jumps to its first record');
    // and the detail pane shows that record
    await page.waitForFunction((t) => document.querySelector('.detail-fields dd')?.textContent === t, await rowTime(selectedRow));
  });

  test('Follow picks up records appended to an open file (tail)', async () => {
    const { page } = app;
    const file = join(mkdtempSync(join(tmpdir(), 'sdh-tail-')), 'DeviceReassignment-20261123.log');
    writeFileSync(file, '2026-11-23 08:00:00.000 +01:00 [INF] User logon detected: CONTOSO\\anna.berg (session 2). Starting device reassignment check.\n');
    await closeLogs(page);
    await page.getByRole('textbox', { name: 'Path to open' }).fill(file);
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await page.getByText('1 file · 1 records').waitFor();
    await page.getByRole('button', { name: 'More', exact: true }).click();
    await page.getByRole('button', { name: 'Follow' }).click();
    await page.getByRole('button', { name: 'Follow', pressed: true }).waitFor();
    appendFileSync(file, '2026-11-23 08:00:01.000 +01:00 [ERR] User switch failed: HTTP 500 Internal Server Error\n2026-11-23 08:00:02.000 +01:00 [INF] Current enrolled user: lab.staging@contoso.com\n');
    await page.getByText('1 file · 3 records').waitFor({ timeout: 10_000 });
  });

  test('no console errors', () => {
    assert.deepEqual(app.pageErrors, []);
  });
});
