// The demo tenant's sign-in logs answer the most-frequent-user question as a real tenant would: on DEM-enrolled
// shared devices the DEM account signs in most, and the chooser must pick the person behind it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startDemoTenant } from '../../../electron/services/demo/index.ts';
import { GraphClient } from '../../../electron/services/graph/client.ts';
import { chooseDeviceUsers } from '../../../electron/services/graph/device-users.ts';

test('demo tenant: most frequent user from /auditLogs/signIns skips the DEM account that signs in most', async () => {
  const now = Date.now();
  const demo = await startDemoTenant({ deviceCount: 50, now: () => now });
  try {
    const d = demo.data.intuneDevices.find((x) => x.deviceEnrollmentType === 'deviceEnrollmentManager' && x.usersLoggedOn.length > 2 && x.usersLoggedOn.some((l) => l.userId === x.userId));
    assert.ok(d, 'the demo has a DEM device used by several people');
    const dem = demo.data.usersById.get(d.userId)!.userPrincipalName;
    const client = new GraphClient({ baseUrl: demo.graphUrl, getToken: async () => demo.graphToken });
    const c = await chooseDeviceUsers(client, { azureAdDeviceId: d.azureADDeviceId, loggedOnUsers: [], enrollmentAccounts: [dem] }, { days: 90, now });
    assert.equal(c.source, 'signInLogs', c.summary);
    assert.equal(c.counts[0].user.upn, dem, 'the DEM account has the most sign-ins');
    assert.ok(c.counts[0].skipped);
    assert.ok(c.mostFrequent && c.mostFrequent.upn !== dem);
    const people = new Set(d.usersLoggedOn.map((l) => demo.data.usersById.get(l.userId)?.userPrincipalName));
    assert.ok(people.has(c.mostFrequent.upn!), 'someone who really uses the device');
  } finally {
    await demo.stop();
  }
});
