// Bundle facts through the logs handlers (channel logsBundleFacts): a session holding a dsregcmd /status
// output gives its join state, PRT and diagnosis; one without gives nulls.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { handlersRig } from './support.ts';

const bundle = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../fixtures/bundle');

test('a session with dsregcmd output gives its facts; a session without one gives none', async () => {
  const rig = handlersRig();
  try {
    const info = await rig.call('logsOpenPaths', { paths: [join(bundle, 'dsregcmd-status.txt'), join(bundle, 'ReportingEvents.log')] });
    assert.ok(info.files.some((f) => f.format === 'dsregcmd' && f.path.endsWith('dsregcmd-status.txt')));
    const facts = await rig.call('logsBundleFacts', { session: info.id });
    assert.match(facts.dsregcmdPath ?? '', /dsregcmd-status\.txt$/);
    assert.equal(facts.dsregcmd?.joinState, 'Microsoft Entra joined');
    assert.equal(facts.dsregcmd?.azureAdPrt, false);
    assert.equal(facts.dsregcmd?.tenantName, 'Contoso');
    assert.ok((facts.dsregcmd?.diagnosis.length ?? 0) >= 2);
    const other = await rig.call('logsOpenPaths', { paths: [join(bundle, 'mixed-stamps.log')] });
    assert.deepEqual(await rig.call('logsBundleFacts', { session: other.id }), { dsregcmdPath: null, dsregcmd: null });
  } finally {
    await rig.close();
  }
});
