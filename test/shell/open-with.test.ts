// "Open with": the real shell, started against the fake `electron` module with a log on its command line,
// then asked by macOS (`open-file`) and by a second launch (`second-instance`) to open more. Each reaches
// the running window as handles minted in main (logsPendingOpen), announced by onLogsOpenRequest, and
// opens by handle into the Logs area (docs/logs-open-rule.md).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { register } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as FakeElectron from './support/fake-electron.ts';
import { ipcName } from '../../electron/common/ipc/channel.ts';
import type { Result } from '../../electron/common/errors.ts';

register(new URL('./support/hooks.mjs', import.meta.url));
const fake = (await import('./support/fake-electron.ts')) as typeof FakeElectron;
const { app, BrowserWindow, ipcMain } = fake;

const dir = mkdtempSync(join(tmpdir(), 'sdh-open-with-'));
const line = '2026-11-23 08:00:00.000 +01:00 [INF] User logon detected: CONTOSO\\anna.berg (session 2).\n';
const onCommandLine = join(dir, 'DeviceReassignment-20261123.log');
const byOpenFile = join(dir, 'IntuneManagementExtension.lo_');
const bySecondLaunch = join(dir, 'AgentExecutor.log');
for (const f of [onCommandLine, byOpenFile, bySecondLaunch]) writeFileSync(f, line);

const appFrame = { senderFrame: { url: 'app://helpdesk/index.html', parent: null } };
const invoke = (channel: string, arg?: unknown) => ipcMain.handlers.get(ipcName(channel))!(appFrame, arg) as Promise<Result<unknown>>;
type Grant = { handle: string; label: string };

async function waitFor<T>(check: () => T | undefined | false): Promise<T> {
  for (let i = 0; i < 500; i++) {
    const v = check();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('timed out waiting for the shell');
}

async function pending(): Promise<Grant[]> {
  const r = await invoke('logsPendingOpen');
  assert.ok(r.ok, JSON.stringify(r));
  return r.value as Grant[];
}

async function openedByHandle(grants: Grant[]): Promise<string[]> {
  const r = await invoke('logsOpenHandles', { handles: grants.map((g) => g.handle) });
  assert.ok(r.ok, JSON.stringify(r));
  const info = r.value as { id: string; files: { path: string }[] };
  await invoke('logsClose', { session: info.id });
  return info.files.map((f) => f.path);
}

const announced = () => BrowserWindow.instances[0]?.webContents.sent.filter(([c]) => c === ipcName('onLogsOpenRequest')).length ?? 0;

describe('Open with', () => {
  before(async () => {
    // What Electron gives an unpackaged app: the binary, the app, Chromium's switches, then the arguments.
    process.argv = [process.execPath, 'dist/main/main.mjs', '--no-sandbox-for-test', onCommandLine, join(dir, 'missing.log')];
    // macOS may ask before the app is ready: kept until main can take it.
    await import('../../electron/shell/main.ts');
    await waitFor(() => BrowserWindow.instances.length === 1 && ipcMain.handlers.has(ipcName('logsPendingOpen')));
  });
  after(async () => {
    const quit = new Promise((r) => app.once('quit-called', r));
    app.emit('will-quit', { preventDefault() {} });
    await quit;
    rmSync(dir, { recursive: true, force: true });
  });

  test('a log on the command line waits for the window as a handle and opens by it', async () => {
    const grants = await pending();
    assert.deepEqual(grants.map((g) => g.label), [onCommandLine]);
    assert.doesNotMatch(grants[0].handle, /[/\\]/);
    assert.deepEqual(await openedByHandle(grants), [onCommandLine]);
    assert.deepEqual(await pending(), [], 'taking the pending logs clears them');
  });

  test('macOS open-file: the event is taken, the window told, the log opened by handle', async () => {
    let prevented = false;
    const before = announced();
    app.emit('open-file', { preventDefault: () => (prevented = true) }, byOpenFile);
    assert.equal(prevented, true);
    await waitFor(() => announced() > before);
    const grants = await pending();
    assert.deepEqual(grants.map((g) => g.label), [byOpenFile]);
    assert.deepEqual(await openedByHandle(grants), [byOpenFile]);
  });

  test("a second launch's arguments (relative to its folder) reach the running window", async () => {
    const before = announced();
    app.emit('second-instance', {}, [process.execPath, 'dist/main/main.mjs', '--flag', 'AgentExecutor.log', 'not-there.log'], dir);
    await waitFor(() => announced() > before);
    const grants = await pending();
    assert.deepEqual(grants.map((g) => g.label), [bySecondLaunch]);
    assert.deepEqual(await openedByHandle(grants), [bySecondLaunch]);
  });

  test('a path the renderer makes up is no handle', async () => {
    const r = await invoke('logsOpenHandles', { handles: [Buffer.from(onCommandLine).toString('base64url').slice(0, 24)] });
    assert.equal(r.ok, false);
  });
});
