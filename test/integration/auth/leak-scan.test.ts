// Nothing leaks: every flow end to end (profiles with secrets, interactive, silent, expired token,
// incremental consent, revoked refresh token, device code, sign-out, WS1 OAuth and Basic, connection
// tests, failures), then a scan of every value meant for the renderer, the data folder (profiles, the
// encrypted token cache) and the log file for tokens, refresh tokens, codes, client secrets, API keys,
// passwords and Authorization values — raw, URL-encoded or base64.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LogLevel } from '@azure/msal-node';
import { AppError } from '../../../electron/common/errors.ts';
import type { Ws1Profile } from '../../../electron/common/profiles.ts';
import { msalCachePlugin } from '../../../electron/services/auth/msal-cache-plugin.ts';
import { ws1AuthFor } from '../../../electron/services/auth/ws1-auth.ts';
import { createLogger, fileSink } from '../../../electron/services/log/logger.ts';
import { ProfileStore } from '../../../electron/services/profiles/profile-store.ts';
import { testConnection } from '../../../electron/services/profiles/test-connection.ts';
import { profileSecretKey } from '../../../electron/services/profiles/secret-keys.ts';
import { findLeaks } from '../../support/leaks.ts';
import { startAuthFixture } from '../../support/oidc/fixture.ts';
import { MemoryKeychain } from '../../unit/secrets/fakes.ts';
import { startWs1Stub } from './ws1-stub.ts';

test('no token, secret or Authorization value reaches renderer-bound results, files or logs', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'sdh-leak-'));
  const logPath = join(dataDir, 'logs', 'app.log');
  const logger = createLogger(fileSink(logPath));
  const keychain = new MemoryKeychain();
  const profiles = new ProfileStore(dataDir, keychain);
  const f = await startAuthFixture({ accessTokenLifetimeS: 60 });
  const ws1Secret = 'ws1-client-secret-LEAKCHECK-0001';
  const apiKey = 'ws1-api-key-LEAKCHECK-0002';
  const password = 'ws1-password-LEAKCHECK-0003';
  const stub = await startWs1Stub({ clientId: 'cid', clientSecret: ws1Secret, homeRegion: 'emea', tenantCode: apiKey, basic: { username: 'admin', password } });
  const toRenderer: unknown[] = []; // everything the IPC layer would send
  const keep = <T>(value: T): T => (toRenderer.push(value), value);
  const keepError = async (work: Promise<unknown>) => {
    try {
      keep(await work);
    } catch (e) {
      assert.ok(e instanceof AppError, String(e));
      keep(e.toValue());
      logger.warn('test', `${e.message} (${e.detail})`);
    }
  };
  try {
    // profiles with secrets, as the setup screen saves them
    const intune = keep(await profiles.save({ kind: 'intune', name: 'Contoso', tenant: f.authority.tenantId, clientId: f.profile.clientId }));
    assert.ok(intune.ok);
    keep(await profiles.save({ kind: 'ws1', name: 'Fabrikam', apiHost: 'as1506.awmdm.com', authMethod: 'oauth', clientId: 'cid', region: 'emea', secrets: { clientSecret: ws1Secret, apiKey } }));
    keep(await profiles.save({ kind: 'ws1', name: 'Basic', apiHost: 'as1506.awmdm.com', authMethod: 'basic', username: 'admin', secrets: { password, apiKey } }));
    keep(await profiles.views());

    // Intune: every flow, with the encrypted cache and MSAL's verbose log routed to the app log
    const signIn = f.signIn({ cachePlugin: msalCachePlugin({ dataDir, profileId: f.profile.id, secrets: keychain }), logger, msalLogLevel: LogLevel.Verbose });
    keep(await signIn.signIn({ kind: 'browser' }));
    keep(await signIn.accounts());
    await signIn.getToken(signIn.scopes('read')); // expired (60 s): refresh
    await signIn.getToken(signIn.scopes('write')); // incremental consent through the browser
    f.authority.revokeRefreshTokens();
    await signIn.getToken(signIn.scopes('read')); // revoked: browser again
    keep(await signIn.signIn({ kind: 'device-code', onCode: (p) => (keep(p), setTimeout(() => f.authority.approveDeviceCode(p.userCode, 'tech@contoso.test'), 20)) }));
    keep(await testConnection(f.profile, { intune: { signIn, graphBaseUrl: f.graph.url } }));
    f.authority.revokeRefreshTokens();
    await keepError(f.signIn({ logger, allowInteractive: false, cachePlugin: msalCachePlugin({ dataDir, profileId: f.profile.id, secrets: keychain }) }).getToken(signIn.scopes('privileged')));
    await signIn.signOut();

    // Workspace ONE: OAuth and Basic, good and bad, and a careless log line of the headers
    const tokenUrls = { na: stub.tokenUrl('na'), emea: stub.tokenUrl('emea'), apac: stub.tokenUrl('apac'), uat: stub.tokenUrl('uat') };
    for (const p of await profiles.list()) {
      if (p.kind !== 'ws1') continue;
      keep(await testConnection(p, { ws1: { secrets: keychain, apiBaseUrl: stub.url, tokenUrls } }));
      const headers = await ws1AuthFor(p, { secrets: keychain, tokenUrl: tokenUrls.emea }).authHeaders();
      logger.debug('ws1', `request headers ${JSON.stringify(headers)}`);
      logger.debug('ws1', `Authorization: ${headers.Authorization}`);
    }
    const wrongRegion: Ws1Profile = { kind: 'ws1', id: 'fabrikam', name: 'F', apiHost: 'as1506.awmdm.com', auth: { method: 'oauth', region: 'na', clientId: 'cid' } };
    await keychain.set(profileSecretKey(wrongRegion, 'clientSecret'), ws1Secret); // entered for the wrong region
    keep(await testConnection(wrongRegion, { ws1: { secrets: keychain, apiBaseUrl: stub.url, tokenUrls } }));
    logger.debug('ws1', `token response ${JSON.stringify({ access_token: stub.issued[0], token_type: 'Bearer', expires_in: 3600 })}`);
    logger.debug('ws1', `token request grant_type=client_credentials&client_id=cid&client_secret=${encodeURIComponent(ws1Secret)}`);

    const issued = f.authority.issued;
    const secrets = [
      ...issued.accessTokens,
      ...issued.refreshTokens,
      ...issued.idTokens,
      ...issued.codes,
      ...issued.deviceCodes,
      ...stub.issued,
      ws1Secret,
      apiKey,
      password,
      Buffer.from(`admin:${password}`).toString('base64'),
      ...keychain.values.values(), // includes the token cache's AES key
    ];
    assert.ok(issued.accessTokens.length >= 4 && issued.refreshTokens.length >= 4 && issued.codes.length >= 3 && issued.deviceCodes.length === 1 && stub.issued.length >= 2);
    const log = readFileSync(logPath, 'utf8');
    assert.ok(log.split('\n').length > 50, 'the log has MSAL’s verbose lines and ours');
    assert.match(log, /\[redacted\]/);

    const leaks = findLeaks(secrets, [
      { label: 'renderer-bound results', text: JSON.stringify(toRenderer) },
      { label: 'data folder', path: dataDir },
    ]);
    assert.deepEqual(leaks, []);
    // the scan itself works: every one of these secrets is found when planted raw, URL-encoded or in base64
    const planted = secrets.map((s, i) => [s, encodeURIComponent(s), Buffer.from(`x${s}`).toString('base64')][i % 3]).join('\n');
    assert.equal(findLeaks(secrets, [{ label: 'planted', text: planted }]).length, new Set(secrets).size);
  } finally {
    await stub.stop();
    await f.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
