// Runs in a child process with a chosen D-Bus environment: `seed` stores a secret with keytar directly;
// `probe <dataDir>` opens the app's secret store as the app does at start-up, saves a profile with
// secrets, and prints what happened as JSON.
import { loadKeytar, type KeytarLike } from '../../../electron/services/secrets/keytar-store.ts';
import { describeSecretStorage, openSecretStore } from '../../../electron/services/secrets/open.ts';
import { ProfileStore } from '../../../electron/services/profiles/profile-store.ts';

const service = 'Shared Device Helpdesk child test';
const [mode, dataDir] = process.argv.slice(2);
const keytar = loadKeytar() as KeytarLike;

if (mode === 'seed') {
  await keytar.setPassword(service, 'seeded', 'seeded-secret-value');
  console.log(JSON.stringify({ seeded: true }));
} else {
  const started = Date.now();
  const direct: Record<string, unknown> = {};
  try {
    direct.seededRead = await keytar.getPassword(service, 'seeded');
  } catch (e) {
    direct.readError = (e as Error).message;
  }
  const store = await openSecretStore({ service, probeTimeoutMs: 2000 });
  const profiles = new ProfileStore(dataDir, store);
  const saved = await profiles.save({ kind: 'ws1', name: 'Child', apiHost: 'as1.awmdm.com', authMethod: 'basic', username: 'admin', secrets: { password: 'child-password-123456', apiKey: 'child-apikey-123456' } });
  console.log(
    JSON.stringify({
      direct,
      persistence: store.persistence,
      sentence: describeSecretStorage(store),
      saved: saved.ok ? saved.view : saved.problems,
      readBack: saved.ok ? await profiles.secret(saved.view.profile, 'password') : null,
      millis: Date.now() - started,
    }),
  );
}
