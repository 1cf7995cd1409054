// The real OS keychain for tests. `npm test` runs inside a D-Bus session with an unlocked gnome-keyring
// and sets SDH_KEYRING: then an unusable keychain is a failure. A developer running one file by hand
// without it gets a skip with the reason printed.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import type { TestContext } from 'node:test';
import { loadKeytar, type KeytarLike } from '../../../electron/services/secrets/keytar-store.ts';
import { probeKeychain } from '../../../electron/services/secrets/probe.ts';

export async function realKeychain(t: TestContext): Promise<KeytarLike | null> {
  const keytar = loadKeytar();
  const problem = keytar instanceof Error ? keytar.message : await probeKeychain(keytar, { service: 'Shared Device Helpdesk tests', timeoutMs: 3000 }).then((r) => (r.usable ? null : `${r.problem.message} (${r.problem.detail})`));
  if (!problem) return keytar as KeytarLike;
  return unavailable(t, `the OS keychain is unusable: ${problem}`);
}

/** The tools the nested-session tests need (dbus-run-session, gnome-keyring-daemon, dbus-send). */
export function keyringTools(t: TestContext): boolean {
  const missing = ['dbus-run-session', 'gnome-keyring-daemon', 'dbus-send'].filter((tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0);
  if (!missing.length) return true;
  unavailable(t, `missing ${missing.join(', ')}`);
  return false;
}

function unavailable(t: TestContext, reason: string): null {
  if (process.env.SDH_KEYRING) assert.fail(`SDH_KEYRING=${process.env.SDH_KEYRING} is set but ${reason}. Run the tests inside dbus-run-session with gnome-keyring unlocked (see scripts/test.sh).`);
  const message = `skipped: ${reason}. Run inside: dbus-run-session -- sh -c 'echo -n pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null; node --import tsx --test <files>'`;
  console.log(message);
  t.skip(message);
  return null;
}
