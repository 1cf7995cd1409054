// A log of 1.2 million records (26 M px of rows, past what a plain virtual list can address at once):
// it opens at once, End reaches the very last record, Home the first, and the selection follows.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createWriteStream, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { goToArea, startApp, type AppHarness } from './support/app-harness.ts';

const RECORDS = 1_200_000;

async function writeLog(path: string): Promise<void> {
  const out = createWriteStream(path);
  const chunk: string[] = [];
  for (let i = 1; i <= RECORDS; i++) {
    const t = new Date(Date.UTC(2026, 10, 23, 8) + i * 50).toISOString().replace('T', ' ').slice(0, 23);
    chunk.push(`${t} +01:00 [${i % 1000 === 0 ? 'ERR' : 'INF'}] record ${i}\n`);
    if (chunk.length === 10_000) {
      if (!out.write(chunk.join(''))) await new Promise<void>((r) => out.once('drain', () => r()));
      chunk.length = 0;
    }
  }
  out.write(chunk.join(''));
  await new Promise<void>((r) => out.end(() => r()));
}

describe('a log with more than a million records', () => {
  let app: AppHarness;
  const file = join(mkdtempSync(join(tmpdir(), 'sdh-big-')), 'Workflow-20261123.log');
  before(async () => {
    await writeLog(file);
    app = await startApp();
    await goToArea(app.page, 'Control+2', 'Logs');
  });
  after(async () => {
    await app?.close();
  });

  test('opens, and End / Home reach the last and first record', async () => {
    const { page } = app;
    await page.getByRole('textbox', { name: 'Path to open' }).fill(file);
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await page.locator('.log-row').first().waitFor();
    await page.waitForFunction((n) => document.querySelector('.area-hint')?.textContent?.includes(`${n.toLocaleString()} records`) && !document.querySelector('.area-hint')?.textContent?.includes('indexing'), RECORDS, { timeout: 60_000 });
    const grid = page.getByRole('grid', { name: 'Log records' });
    await grid.focus();
    await page.keyboard.press('End');
    await page.locator('.log-row.selected', { hasText: `record ${RECORDS}` }).waitFor();
    assert.equal(await grid.getAttribute('aria-rowcount'), String(RECORDS + 1)); // the records and the header row
    await page.keyboard.press('Home');
    await page.locator('.log-row.selected', { hasText: /record 1$/ }).waitFor();
    await page.keyboard.press('F8'); // next error
    await page.locator('.detail-message', { hasText: /^record 1000$/ }).waitFor();
  });
});
