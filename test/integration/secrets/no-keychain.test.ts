// What happens without a usable keychain, in child processes so the D-Bus environment is real:
// no session bus at all; a keyring that exists but is locked (reads look empty); no login keyring.
// Each time the app keeps secrets for the session only, says exactly why, and writes no secret to disk.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { findLeaks } from '../../support/leaks.ts';
import { keyringTools } from './keyring-env.ts';

const repoRoot = resolve(import.meta.dirname, '../../..');
const child = 'test/integration/secrets/keychain-child.ts';
const secrets = ['child-password-123456', 'child-apikey-123456'];

interface ChildResult {
  direct: { seededRead?: string | null; readError?: string };
  persistence: { kind: string; problem?: { code: string; message: string; detail?: string } };
  sentence: string;
  saved: { secretStorage: string; secretsSaved: Record<string, boolean> };
  readBack: string | null;
  millis: number;
}

function lastJson(stdout: string): ChildResult {
  const line = stdout.trim().split('\n').filter((l) => l.startsWith('{')).at(-1);
  assert.ok(line, `child printed no JSON: ${stdout}`);
  return JSON.parse(line) as ChildResult;
}

function withHome(run: (home: string, dataDir: string) => void): void {
  const home = mkdtempSync(join(tmpdir(), 'sdh-nokeychain-'));
  try {
    run(home, join(home, 'data'));
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

function isolatedEnv(home: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, XDG_DATA_HOME: join(home, 'share'), XDG_RUNTIME_DIR: home, XDG_CONFIG_HOME: join(home, 'config') };
  delete env.DISPLAY;
  delete env.WAYLAND_DISPLAY;
  delete env.DBUS_SESSION_BUS_ADDRESS;
  return env;
}

function assertSessionOnly(result: ChildResult, dataDir: string, code: RegExp): void {
  assert.equal(result.persistence.kind, 'session', JSON.stringify(result));
  assert.match(result.persistence.problem?.code ?? '', code);
  assert.match(result.sentence, /for this session only.*nothing is written to disk in plain text/s);
  assert.equal(result.saved.secretStorage, 'session');
  assert.deepEqual(result.saved.secretsSaved, { clientSecret: false, apiKey: true, password: true });
  assert.equal(result.readBack, 'child-password-123456'); // usable for this session
  assert.deepEqual(findLeaks(secrets, [{ label: 'data folder', path: dataDir }]), []);
}

test('no D-Bus session: every keychain call fails; secrets stay in memory and the reason is named', () => {
  withHome((home, dataDir) => {
    const env = { ...isolatedEnv(home), DBUS_SESSION_BUS_ADDRESS: `unix:path=${join(home, 'no-bus')}` };
    const run = spawnSync(process.execPath, ['--import', 'tsx', child, 'probe', dataDir], { cwd: repoRoot, env, encoding: 'utf8', timeout: 30_000 });
    assert.equal(run.status, 0, run.stderr);
    const result = lastJson(run.stdout);
    assert.match(result.direct.readError ?? '', /connect|D-Bus/i);
    assertSessionOnly(result, dataDir, /^no-dbus$/);
    assert.match(result.persistence.problem?.message ?? '', /no desktop session bus/);
  });
});

const inSession = (script: string) => `${script.trim().split('\n').map((l) => l.trim()).join('; ')}`;

test('a locked keyring looks empty to reads; the probe catches it and the app says it is locked', (t) => {
  if (!keyringTools(t)) return;
  withHome((home, dataDir) => {
    const script = inSession(`
      echo -n pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1
      node --import tsx ${child} seed
      dbus-send --session --print-reply --dest=org.freedesktop.secrets /org/freedesktop/secrets org.freedesktop.Secret.Service.Lock array:objpath:/org/freedesktop/secrets/collection/login >/dev/null
      node --import tsx ${child} probe '${dataDir}'
    `);
    const run = spawnSync('dbus-run-session', ['--', 'sh', '-c', script], { cwd: repoRoot, env: isolatedEnv(home), encoding: 'utf8', timeout: 45_000 });
    assert.equal(run.status, 0, `${run.stderr}\n${run.stdout}`);
    assert.match(run.stdout, /"seeded":true/);
    const result = lastJson(run.stdout);
    assert.equal(result.direct.seededRead, null, 'the seeded secret exists but a locked keyring reads as "nothing saved"');
    assertSessionOnly(result, dataDir, /^(locked|timeout)$/);
    assert.match(result.persistence.problem?.message ?? '', /locked/);
    assert.ok(result.millis < 10_000);
  });
});

test('a Secret Service with no login keyring: reads empty, writes refused, session-only', (t) => {
  if (!keyringTools(t)) return;
  withHome((home, dataDir) => {
    const script = inSession(`
      gnome-keyring-daemon --start --components=secrets >/dev/null 2>&1
      node --import tsx ${child} probe '${dataDir}'
    `);
    const run = spawnSync('dbus-run-session', ['--', 'sh', '-c', script], { cwd: repoRoot, env: isolatedEnv(home), encoding: 'utf8', timeout: 45_000 });
    assert.equal(run.status, 0, `${run.stderr}\n${run.stdout}`);
    const result = lastJson(run.stdout);
    assert.equal(result.direct.seededRead, null);
    assertSessionOnly(result, dataDir, /^(no-collection|locked)$/);
  });
});
