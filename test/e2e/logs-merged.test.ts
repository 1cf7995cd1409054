// A device's logs merged by time (the demo device's diagnostics bundle, 7 files), issue 13 point 4: the
// view opens at the first record with a time (not the untimed dsregcmd text), files that share a name
// are told apart by their folder, sizes read in KB, and the explainer's attempts jump to their records.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join, resolve } from 'node:path';
import { goToArea, startApp, type AppHarness } from './support/app-harness.ts';

const shots = resolve(import.meta.dirname, '../../test-results/screenshots');

describe('log viewer: merged views', () => {
  let app: AppHarness;
  before(async () => {
    app = await startApp();
    await goToArea(app.page, 'Control+2', 'Logs');
    await app.page.getByRole('button', { name: "Open the demo device's logs" }).click();
    await app.page.locator('.log-row').first().waitFor();
  });
  after(async () => {
    await app?.close();
  });

  test('the merged view starts at its first timed record, after the untimed text', async () => {
    const { page } = app;
    assert.match(await page.locator('.area-hint').innerText(), /^7 files · /);
    const selected = page.locator('.log-row.selected');
    await selected.waitFor();
    const row = Number(await selected.getAttribute('aria-rowindex'));
    assert.ok(row > 2, `the untimed records come first (selected row ${row})`);
    await page.locator('.log-row.selected .col-time', { hasText: /\d\d:\d\d:\d\d/ }).waitFor();
    const before = page.locator(`.log-row[aria-rowindex="${row - 1}"]`);
    await before.locator('.col-message', { hasNotText: '…' }).waitFor();
    assert.equal((await before.locator('.col-time').innerText()).trim(), '', 'the record before it has no time');
    await page.waitForFunction(() => /\d\d:\d\d:\d\d/.test(document.querySelector('.detail-fields dd')?.textContent ?? ''));
  });

  test('files that share a name are named by their folder, and sizes read in B and KB', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Files' }).click();
    const names = await page.locator('.files-panel .file-name').allInnerTexts();
    const outputs = names.filter((n) => n.endsWith('output.log'));
    assert.equal(outputs.length, 2, names.join(' | '));
    assert.notEqual(outputs[0], outputs[1]);
    assert.ok(outputs.every((n) => /^\(\d+\) [^/]+\/output\.log$/.test(n)), outputs.join(' | '));
    assert.ok(names.some((n) => n === 'DeviceReassignment-20261201.log'), 'a unique name stays short');
    const sizes = (await page.locator('.files-panel .muted').allInnerTexts()).map((t) => t.split(' · ').pop() ?? '');
    assert.ok(sizes.every((s) => /^\d+ B$|^\d+(\.\d)? KB$/.test(s)), sizes.join(' | '));
    assert.ok(!sizes.some((s) => s.startsWith('0.0')));
    await page.screenshot({ path: join(shots, 'logs-merged.png') });
  });

  test('an explainer attempt jumps to its first record in the merged view', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Reassignment' }).click();
    const heads = page.getByRole('list', { name: 'Reassignment attempts' }).locator('.attempt-head');
    await heads.first().waitFor();
    const seen = new Set<string>();
    const picks = [...new Set([0, 1, (await heads.count()) - 1])];
    for (const k of picks) {
      const head = heads.nth(k);
      const start = (/\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d/.exec(await head.innerText()) ?? [''])[0].replace('T', ' ');
      assert.ok(start, 'the attempt has a start time');
      const was = await page.locator('.log-row.selected').getAttribute('aria-rowindex');
      await head.click();
      await page.waitForFunction((w) => {
        const r = document.querySelector('.log-row.selected')?.getAttribute('aria-rowindex');
        return r && (w === null || r !== w || document.querySelector('.detail-fields'));
      }, was);
      await page.waitForFunction((t) => (document.querySelector('.detail-fields dd')?.textContent ?? '').startsWith(t), start);
      const file = await page.locator('.detail-fields').innerText();
      assert.match(file, /DeviceReassignment-\d{8}\.log · record \d+/);
      seen.add(`${await page.locator('.log-row.selected').getAttribute('aria-rowindex')}`);
    }
    assert.equal(seen.size, picks.length, 'each attempt its own record');
  });

  test('no console errors', () => {
    assert.deepEqual(app.pageErrors, []);
  });
});
