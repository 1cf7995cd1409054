// MSAL Node's real flows against the Entra-shaped authority on 127.0.0.1 (HTTPS, test CA): interactive
// (PKCE + form_post via the played browser), silent, expired access token, revoked refresh token,
// incremental consent, device code, cancel and timeout, account picker and sign-out, encrypted cache.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppError } from '../../../electron/common/errors.ts';
import { msalCachePath, msalCachePlugin } from '../../../electron/services/auth/msal-cache-plugin.ts';
import { forgetIntuneTokens, intuneSignInFor } from '../../../electron/services/auth/index.ts';
import type { DeviceCodePrompt } from '../../../electron/services/auth/intune-sign-in.ts';
import { makeTestTls, type TestTls } from '../../support/oidc/test-ca.ts';
import { startAuthFixture, type AuthFixture } from '../../support/oidc/fixture.ts';
import { MemoryKeychain } from '../../unit/secrets/fakes.ts';
import { CaNetworkClient } from '../../../electron/services/auth/network-client.ts';
import { SessionSecretStore } from '../../../electron/services/secrets/secret-store.ts';
import { waitUntil } from '../../support/wait.ts';

let tls: TestTls;
before(() => {
  tls = makeTestTls();
});

async function withFixture(run: (f: AuthFixture) => Promise<void>, options: Parameters<typeof startAuthFixture>[0] = {}): Promise<void> {
  const f = await startAuthFixture({ tls, ...options });
  try {
    await run(f);
  } finally {
    await f.stop();
  }
}

const tokenGrants = (f: AuthFixture) => f.authority.requests.filter((r) => r.path.endsWith('/token')).map((r) => r.grant);
const isApp = (code: string, message?: RegExp) => (e: unknown) => e instanceof AppError && e.code === code && (!message || message.test(e.message));

test('interactive sign-in: PKCE, form_post to the loopback, the code never in a URL; then silent from cache', async () => {
  await withFixture(async (f) => {
    const signIn = f.signIn();
    const account = await signIn.signIn({ kind: 'browser' });
    assert.equal(account.username, 'tech@contoso.test');
    assert.equal(account.tenantId, f.authority.tenantId);
    const run = await f.browser.lastRun();
    const authorize = new URL(run.history[0]);
    assert.equal(authorize.searchParams.get('code_challenge_method'), 'S256');
    assert.equal(authorize.searchParams.get('response_mode'), 'form_post');
    assert.match(authorize.searchParams.get('redirect_uri') ?? '', /^http:\/\/localhost:\d+$/);
    const code = f.authority.issued.codes[0];
    assert.ok(code);
    for (const url of run.history) assert.equal(url.includes(code), false, 'the authorization code appeared in a navigated URL');
    assert.match(run.finalPage, /Signed in/);

    const token = await signIn.getToken(signIn.scopes('read'));
    assert.equal(token, f.authority.issued.accessTokens[0]);
    assert.deepEqual(tokenGrants(f), ['authorization_code']); // silent came from the cache
    assert.deepEqual(await signIn.accounts(), [account]);
  });
});

test('an expired access token is refreshed silently with the refresh token', async () => {
  // 60 s is inside MSAL's 5-minute renewal window, so every cached token counts as expired.
  await withFixture(
    async (f) => {
      const signIn = f.signIn();
      await signIn.signIn({ kind: 'browser' });
      const first = f.authority.issued.accessTokens[0];
      const second = await signIn.getToken(signIn.scopes('read'));
      assert.notEqual(second, first);
      assert.equal(second, f.authority.issued.accessTokens[1]);
      assert.deepEqual(tokenGrants(f), ['authorization_code', 'refresh_token']);
      assert.equal(f.browser.opened.length, 1);
    },
    { accessTokenLifetimeS: 60 },
  );
});

test('a revoked refresh token: "sign in again" without a browser, a new sign-in with one', async () => {
  await withFixture(
    async (f) => {
      const quiet = f.signIn({ allowInteractive: false });
      await quiet.signIn({ kind: 'browser' });
      f.authority.revokeRefreshTokens();
      await assert.rejects(quiet.getToken(quiet.scopes('read')), isApp('unauthorized', /revoked.*sign in again/i));

      const app = f.signIn();
      await app.signIn({ kind: 'browser' });
      f.authority.revokeRefreshTokens();
      const token = await app.getToken(app.scopes('read'));
      assert.equal(token, f.authority.issued.accessTokens.at(-1));
      assert.equal(f.browser.opened.length, 3);
      assert.equal(new URL(f.browser.opened[2]).searchParams.get('login_hint'), 'tech@contoso.test');
    },
    { accessTokenLifetimeS: 60 },
  );
});

test('write scopes are asked for only when first needed (incremental consent)', async () => {
  await withFixture(async (f) => {
    const signIn = f.signIn();
    await signIn.signIn({ kind: 'browser' });
    const firstScopes = new URL(f.browser.opened[0]).searchParams.get('scope') ?? '';
    assert.equal(firstScopes.includes('ReadWrite'), false);
    const write = await signIn.getToken(signIn.scopes('write'));
    assert.deepEqual(tokenGrants(f), ['authorization_code', 'refresh_token', 'authorization_code']); // refused (consent), then the browser
    assert.match(new URL(f.browser.opened[1]).searchParams.get('scope') ?? '', /DeviceManagementManagedDevices\.ReadWrite\.All/);
    assert.deepEqual(f.authority.checkAccessToken(write)?.scopes, signIn.scopes('write'));
    await signIn.getToken(signIn.scopes('write'));
    assert.equal(f.browser.opened.length, 2); // consented now: silent

    const cli = f.signIn({ allowInteractive: false });
    await cli.signIn({ kind: 'browser' });
    await assert.rejects(cli.getToken(cli.scopes('privileged')), isApp('forbidden', /consent/));
  });
});

test('device code flow: the code is shown, the user approves elsewhere, polling ends with a token', async () => {
  await withFixture(async (f) => {
    const signIn = f.signIn();
    let prompt: DeviceCodePrompt | undefined;
    const done = signIn.signIn({
      kind: 'device-code',
      onCode: (p) => {
        prompt = p;
        setTimeout(() => f.authority.approveDeviceCode(p.userCode, 'tech@contoso.test'), 50);
      },
    });
    const account = await done;
    assert.equal(account.username, 'tech@contoso.test');
    assert.ok(prompt);
    assert.match(prompt.message, new RegExp(prompt.userCode));
    assert.equal(prompt.verificationUri, `${f.authority.url}/devicelogin`);
    assert.equal(f.browser.opened.length, 0);
    assert.equal(await signIn.getToken(signIn.scopes('read')), f.authority.issued.accessTokens[0]);
  });
});

test('device code flow can be cancelled', async () => {
  await withFixture(async (f) => {
    const controller = new AbortController();
    const started = Date.now();
    const pending = f.signIn().signIn({ kind: 'device-code', onCode: () => setTimeout(() => controller.abort(), 20) }, { signal: controller.signal });
    await assert.rejects(pending, isApp('cancelled'));
    assert.ok(Date.now() - started < 5000);
  });
});

test('browser sign-in: cancelled by the app, timed out, or declined in the browser', async () => {
  await withFixture(async (f) => {
    f.browser.options.stall = true;
    const controller = new AbortController();
    const pending = f.signIn().signIn({ kind: 'browser' }, { signal: controller.signal });
    await waitUntil(() => f.browser.opened.length === 1, 'the sign-in page to open in the browser'); // cancelled while it waits there
    controller.abort();
    await assert.rejects(pending, isApp('cancelled'));

    await assert.rejects(f.signIn({ interactiveTimeoutMs: 150 }).signIn({ kind: 'browser' }), isApp('timeout', /not finished in time/));

    f.browser.options.stall = false;
    f.browser.options.decision = 'deny';
    await assert.rejects(f.signIn().signIn({ kind: 'browser' }), isApp('forbidden', /Consent was declined/));
    assert.equal(f.authority.issued.accessTokens.length, 0);
  });
});

test('account picker: two accounts, pick one, sign one out', async () => {
  await withFixture(
    async (f) => {
      const signIn = f.signIn();
      const tess = await signIn.signIn({ kind: 'browser' });
      f.browser.options.username = 'second@contoso.test';
      const sam = await signIn.signIn({ kind: 'browser', selectAccount: true });
      assert.equal(new URL(f.browser.opened[1]).searchParams.get('prompt'), 'select_account');
      assert.deepEqual((await signIn.accounts()).map((a) => a.username).sort(), ['second@contoso.test', 'tech@contoso.test']);
      assert.equal((await signIn.currentAccount())?.username, 'second@contoso.test');
      await signIn.selectAccount(tess.homeAccountId);
      const token = await signIn.getToken(signIn.scopes('read'));
      assert.equal(f.authority.checkAccessToken(token)?.user.username, 'tech@contoso.test');
      await signIn.signOut(sam.homeAccountId);
      assert.deepEqual((await signIn.accounts()).map((a) => a.username), ['tech@contoso.test']);
      await assert.rejects(signIn.selectAccount(sam.homeAccountId), isApp('not_found'));
      await signIn.signOut();
      assert.deepEqual(await signIn.accounts(), []);
      await assert.rejects(f.signIn({ allowInteractive: false }).getToken(signIn.scopes('read')), isApp('unauthorized', /Sign in to Contoso first/));
    },
    { users: [{ username: 'tech@contoso.test', name: 'Tess' }, { username: 'second@contoso.test', name: 'Sam' }] },
  );
});

test('the token cache survives a restart in an encrypted file; with session-only secrets nothing is written', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'sdh-msal-'));
  try {
    await withFixture(async (f) => {
      const keychain = new MemoryKeychain();
      const plugin = () => msalCachePlugin({ dataDir, profileId: f.profile.id, secrets: keychain });
      await f.signIn({ cachePlugin: plugin() }).signIn({ kind: 'browser' });
      const restarted = f.signIn({ cachePlugin: plugin(), allowInteractive: false });
      assert.equal((await restarted.currentAccount())?.username, 'tech@contoso.test');
      assert.equal(await restarted.getToken(restarted.scopes('read')), f.authority.issued.accessTokens[0]);
      const file = readFileSync(msalCachePath(dataDir, f.profile.id));
      for (const secret of [...f.authority.issued.accessTokens, ...f.authority.issued.refreshTokens, ...f.authority.issued.idTokens]) {
        assert.equal(file.includes(secret), false);
      }
      assert.equal(keychain.values.size, 1); // only the 256-bit key

      await forgetIntuneTokens(f.profile.id, { dataDir, secrets: keychain });
      assert.equal(existsSync(msalCachePath(dataDir, f.profile.id)), false);
      assert.equal(keychain.values.size, 0);
      const wired = intuneSignInFor(f.profile, { dataDir, secrets: keychain, openBrowser: f.browser.openBrowser, authority: { url: f.authority.authority, knownAuthorities: [f.authority.host] }, networkClient: new CaNetworkClient({ ca: f.tls.ca }) });
      await wired.signIn({ kind: 'browser' });
      assert.equal(existsSync(msalCachePath(dataDir, f.profile.id)), true);

      const sessionOnly = new SessionSecretStore({ code: 'no-dbus', message: 'No D-Bus.' });
      assert.equal(msalCachePlugin({ dataDir: join(dataDir, 'other'), profileId: 'x', secrets: sessionOnly }), undefined);
    });
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});


test('parallel calls needing the browser share one prompt and each get their own scopes', async () => {
  await withFixture(async (f) => {
    const signIn = f.signIn();
    await signIn.signIn({ kind: 'browser' });
    const [w1, w2, r] = await Promise.all([signIn.getToken(signIn.scopes('write')), signIn.getToken(signIn.scopes('write')), signIn.getToken(signIn.scopes('read'))]);
    assert.equal(f.browser.opened.length, 2); // sign-in, then one consent prompt for both writers
    assert.deepEqual(f.authority.checkAccessToken(w1)?.scopes, signIn.scopes('write'));
    assert.deepEqual(f.authority.checkAccessToken(w2)?.scopes, signIn.scopes('write'));
    assert.deepEqual(f.authority.checkAccessToken(r)?.scopes, signIn.scopes('read'));
  });
});

test('setup mistakes are named: unknown tenant, untrusted TLS, unknown client for device code', async () => {
  await withFixture(async (f) => {
    const wrongTenant = f.signIn({ authority: { url: `${f.authority.url}/00000000-0000-0000-0000-000000000000`, knownAuthorities: [f.authority.host] } });
    await assert.rejects(wrongTenant.signIn({ kind: 'browser' }), isApp('invalid_input', /was not found in this cloud/));
    const untrusted = f.signIn({ networkClient: new CaNetworkClient({ ca: makeTestTls().ca }) });
    await assert.rejects(untrusted.signIn({ kind: 'browser' }), isApp('unavailable', /could not be reached.*certificate.*TLS inspection/s));
    const wrongClient = f.signIn({ profile: { ...f.profile, clientId: '11111111-2222-3333-4444-555555555555' } });
    await assert.rejects(wrongClient.signIn({ kind: 'device-code', onCode: () => assert.fail('no code for an unknown client') }), isApp('invalid_input', /public client flows/));
    assert.equal(f.browser.opened.length, 0);
  });
});
