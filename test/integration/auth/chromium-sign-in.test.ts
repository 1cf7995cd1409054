// A real browser for MSAL's interactive flow: Chromium signs in on the test authority's page, the page
// auto-posts the code to MSAL's loopback (form_post), and afterwards Chromium's own History database is
// read: the authorization code is in no URL it recorded.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { chromium, type BrowserContext } from 'playwright-core';
import { startAuthFixture } from '../../support/oidc/fixture.ts';

const chromiumPath = '/usr/bin/chromium';
const args = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

test('Chromium: sign-in through the system browser leaves no authorization code in its history', async (t) => {
  if (!existsSync(chromiumPath)) {
    const reason = `skipped: no Chromium at ${chromiumPath} (apt-get install chromium)`;
    console.log(reason);
    return t.skip(reason);
  }
  const profileDir = mkdtempSync(join(tmpdir(), 'sdh-chromium-'));
  const f = await startAuthFixture();
  let context: BrowserContext | undefined;
  try {
    context = await chromium.launchPersistentContext(profileDir, { executablePath: chromiumPath, args, headless: true, ignoreHTTPSErrors: true });
    const page = context.pages()[0] ?? (await context.newPage());
    const navigated: string[] = [];
    page.on('framenavigated', (frame) => navigated.push(frame.url()));
    const signIn = f.signIn({
      openBrowser: async (url) => {
        await page.goto(url);
        await page.fill('input[name=username]', 'tech@contoso.test');
        await page.click('button[value=accept]');
      },
    });
    const account = await signIn.signIn({ kind: 'browser' });
    assert.equal(account.username, 'tech@contoso.test');
    await page.getByText('Signed in').waitFor();
    const code = f.authority.issued.codes[0];
    assert.ok(code);
    assert.ok(navigated.some((u) => u.startsWith('http://localhost:')), navigated.join('\n'));
    for (const u of navigated) assert.equal(u.includes(code), false, `code in navigated URL ${u}`);
    await context.close();
    context = undefined;

    const history = new Database(join(profileDir, 'Default', 'History'), { readonly: true });
    try {
      const urls = (history.prepare('SELECT url FROM urls').all() as Array<{ url: string }>).map((r) => r.url);
      assert.ok(urls.some((u) => u.includes('/oauth2/v2.0/authorize')), `history was recorded: ${urls.join('\n')}`);
      for (const u of urls) assert.equal(u.includes(code) || u.includes(encodeURIComponent(code)), false, `code in history: ${u}`);
    } finally {
      history.close();
    }
  } finally {
    await context?.close();
    await f.stop();
    rmSync(profileDir, { recursive: true, force: true });
  }
});
