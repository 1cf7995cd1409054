// The renderer opens only what the technician chose (docs/logs-open-rule.md). Typed or dropped paths open
// directly only when they name a file that looks like a log; anything else needs main's own confirmation
// (the desktop app's dialog) and is refused with a message naming the rule where there is none. What the
// Open dialog, the recent list or the OS chose reaches the renderer only as opaque handles minted in main.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Result } from '../../electron/common/errors.ts';
import type { AppServices } from '../../electron/services/app-services.ts';
import type { HostDialogs } from '../../electron/services/handlers/logs-handlers.ts';
import { resolveSources } from '../../electron/services/logs/sources.ts';
import { appFrame as app, startPreviewServices } from '../support/preview-services.ts';

const line = '2026-11-23 08:00:00.000 +01:00 [INF] User logon detected: CONTOSO\\anna.berg (session 2).\n';
const rule = /\.log.*\.lo_.*\.txt.*\.json.*\.zip/;

let root: string;
let chosen: string;
let outside: string;

before(() => {
  root = mkdtempSync(join(tmpdir(), 'sdh-open-rule-'));
  chosen = join(root, 'chosen');
  outside = join(root, 'outside');
  mkdirSync(join(chosen, 'sub'), { recursive: true });
  mkdirSync(outside);
  writeFileSync(join(chosen, 'DeviceReassignment-20261123.log'), line);
  writeFileSync(join(chosen, 'sub', 'IntuneManagementExtension.log'), line);
  writeFileSync(join(outside, 'id_rsa'), '-----BEGIN OPENSSH PRIVATE KEY-----\n');
  writeFileSync(join(outside, 'browser-history.log'), line);
  // symlinks out of the chosen folder: to a key under a log-like name, to a log file, to a folder
  symlinkSync(join(outside, 'id_rsa'), join(chosen, 'innocent.log'));
  symlinkSync(join(outside, 'browser-history.log'), join(chosen, 'history.log'));
  symlinkSync(outside, join(chosen, 'elsewhere'));
  symlinkSync(join(outside, 'not-yet'), join(chosen, 'dangling.log'));
});
after(() => rmSync(root, { recursive: true, force: true }));

const dataDirs = new Map<AppServices, string>();
async function start(dialogs?: HostDialogs): Promise<AppServices> {
  const dataDir = mkdtempSync(join(root, 'data-'));
  const s = await startPreviewServices(dataDir, { dialogs });
  dataDirs.set(s, dataDir);
  return s;
}

type Opened = { id: string; files: { path: string }[]; problems: string[] };
const call = (s: AppServices, channel: string, arg?: unknown) => s.router.invoke(channel, arg, app) as Promise<Result<unknown>>;
const paths = (r: Result<unknown>) => (r.ok ? (r.value as Opened).files.map((f) => f.path).sort() : r.error);

describe('typed and dropped paths, with no confirmation available (the browser preview)', () => {
  let s: AppServices;
  before(async () => {
    s = await start();
  });
  after(() => s.dispose());

  const refusals: [string, () => string][] = [
    ['~/.ssh/id_rsa as typed', () => '~/.ssh/id_rsa'],
    ['the real ~/.ssh/id_rsa', () => join(homedir(), '.ssh', 'id_rsa')],
    ['a private key outside any chosen folder', () => join(outside, 'id_rsa')],
    ['a UNC path (backslashes)', () => '\\\\fileserver\\share\\IntuneManagementExtension.log'],
    ['a UNC path (slashes)', () => '//fileserver/share/IntuneManagementExtension.log'],
    ['a Windows device path', () => '\\\\?\\C:\\Windows\\Logs\\CBS\\CBS.log'],
    ['a relative path', () => 'logs/IntuneManagementExtension.log'],
    ['a log-named symlink to a key outside the folder', () => join(chosen, 'innocent.log')],
    ['a log-named symlink to nothing (yet)', () => join(chosen, 'dangling.log')],
    ['a folder', () => chosen],
    ['the root folder', () => '/'],
  ];
  for (const [what, path] of refusals) {
    for (const channel of ['logsOpenPaths', 'logsOpenDropped']) {
      test(`${channel} refuses ${what}, naming the rule`, async () => {
        const r = await call(s, channel, { paths: [path()] });
        assert.equal(r.ok, false, JSON.stringify(r));
        if (r.ok) return;
        assert.equal(r.error.code, 'not_allowed');
        assert.match(r.error.message, rule);
      });
    }
  }

  test("the app's own data folder is refused even under log-like names (settings, profiles, its own log)", async () => {
    const dataDir = dataDirs.get(s)!;
    assert.ok((await call(s, 'setTheme', 'dark')).ok); // settings.json now exists
    const link = join(root, 'settings-link.log');
    symlinkSync(join(dataDir, 'settings.json'), link);
    for (const path of [join(dataDir, 'settings.json'), join(dataDir, 'profiles.json'), join(dataDir, 'logs', 'main.log'), join(dataDir, 'tmp', 'x.zip'), link]) {
      const r = await call(s, 'logsOpenPaths', { paths: [path] });
      assert.equal(!r.ok && r.error.code, 'not_allowed', path);
      assert.match(!r.ok ? r.error.message : '', /data folder/);
    }
  });

  test('one refused path refuses the whole call: nothing is opened beside it', async () => {
    const r = await call(s, 'logsOpenPaths', { paths: [join(chosen, 'DeviceReassignment-20261123.log'), join(outside, 'id_rsa')] });
    assert.equal(r.ok, false);
  });

  test('a typed file that looks like a log opens, and comes back in the recent list only as an opaque handle', async () => {
    const file = join(chosen, 'DeviceReassignment-20261123.log');
    const r = await call(s, 'logsOpenPaths', { paths: [file] });
    assert.deepEqual(paths(r), [file]);
    const recent = await call(s, 'logsRecent');
    assert.ok(recent.ok);
    const list = recent.value as { handle: string; label: string }[];
    assert.equal(list.length, 1);
    assert.equal(list[0].label, file);
    assert.doesNotMatch(list[0].handle, /[/\\]/);
    assert.deepEqual(paths(await call(s, 'logsOpenHandles', { handles: [list[0].handle] })), [file]);
  });

  test('a handle main did not mint opens nothing', async () => {
    const r = await call(s, 'logsOpenHandles', { handles: ['AAAAAAAAAAAAAAAAAAAAAAAA'] });
    assert.equal(r.ok, false);
    assert.equal(!r.ok && r.error.code, 'not_found');
  });
});

describe('with the desktop app: main asks before opening anything else', () => {
  const asked: string[][] = [];
  let answer = false;
  let pick: string[] = [];
  let s: AppServices;
  before(async () => {
    s = await start({
      openLogs: async () => pick,
      confirmOpen: async (p) => {
        asked.push(p);
        return answer;
      },
    });
  });
  after(() => s.dispose());

  test('a folder typed in opens only after main confirms; declined, nothing opens', async () => {
    answer = false;
    const declined = await call(s, 'logsOpenPaths', { paths: [chosen] });
    assert.equal(declined.ok, false);
    assert.equal(!declined.ok && declined.error.code, 'not_allowed');
    assert.deepEqual(asked, [[chosen]]);
    answer = true;
    const r = await call(s, 'logsOpenPaths', { paths: [chosen] });
    // walked by pattern; every symlink out of the folder is skipped (file or folder)
    assert.deepEqual(paths(r), [join(chosen, 'DeviceReassignment-20261123.log'), join(chosen, 'sub', 'IntuneManagementExtension.log')]);
  });

  test('log-named files open without asking; UNC paths are refused even when confirmation is possible', async () => {
    asked.length = 0;
    answer = true;
    assert.ok((await call(s, 'logsOpenPaths', { paths: [join(chosen, 'DeviceReassignment-20261123.log')] })).ok);
    assert.deepEqual(asked, []);
    const unc = await call(s, 'logsOpenPaths', { paths: ['\\\\fileserver\\share\\x.log'] });
    assert.equal(!unc.ok && unc.error.code, 'not_allowed');
    assert.deepEqual(asked, []);
  });

  test('a folder picked in the Open dialog opens without asking, and symlinks out of it are skipped', async () => {
    asked.length = 0;
    pick = [chosen];
    const r = await call(s, 'logsOpenDialog', { kind: 'folder' });
    assert.deepEqual(paths(r), [join(chosen, 'DeviceReassignment-20261123.log'), join(chosen, 'sub', 'IntuneManagementExtension.log')]);
    assert.deepEqual(asked, []);
  });
});

test('a folder walk stops at the file-count cap and says so', async () => {
  const dir = mkdtempSync(join(root, 'many-'));
  for (let i = 0; i < 12; i++) writeFileSync(join(dir, `app-${String(i).padStart(2, '0')}.log`), line);
  const r = await resolveSources([dir], { tempDir: join(root, 'tmp'), maxFolderFiles: 5 });
  assert.equal(r.files.length, 5);
  assert.equal(r.problems.length, 1);
  assert.match(r.problems[0], /5 files/);
  await r.cleanup();
});
