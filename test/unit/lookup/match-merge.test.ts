import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deviceCardText, deviceSchema } from '../../../electron/common/device.ts';
import { matchSides, rankDevices, serialKey } from '../../../electron/services/lookup/match.ts';
import { buildDevice, pairSides, signInTimeline } from '../../../electron/services/lookup/merge.ts';
import type { DiagnosisContext } from '../../../electron/services/lookup/diagnosis.ts';
import { NOW, daysAgo, intuneSide, ws1Side } from './fixtures.ts';

const ctx: DiagnosisContext = { now: NOW, devicesEnrolledBy: () => null, devicesSignedInBy: () => null };

test('matches serial, name (exact, prefix, contains) and every kind of user', () => {
  const s = { intune: intuneSide({ loggedOnUsers: [{ id: 'x', upn: 'carl.diaz@contoso.com', displayName: 'Carl Diaz', lastSignIn: daysAgo(2) }] }), ws1: null };
  assert.equal(matchSides('ser1', s)?.kind, 'serial');
  assert.equal(matchSides('pc-ud-001', s)?.kind, 'name');
  assert.equal(matchSides('PC-UD', s)?.kind, 'namePrefix');
  assert.equal(matchSides('ud-00', s)?.kind, 'nameContains');
  assert.deepEqual(matchSides('carl.diaz@contoso.com', s), { kind: 'user', field: 'loggedOnUser', score: 72 });
  assert.equal(matchSides('Diaz', s)?.field, 'loggedOnUser', 'display-name word');
  assert.equal(matchSides('anna.berg', s)?.field, 'primaryUser', 'UPN local part');
  assert.equal(matchSides('erg@cont', s)?.kind, 'userContains');
  assert.equal(matchSides('zzz', s), null);
  const w = { intune: null, ws1: ws1Side({ enrolledUser: { id: '1', upn: 'staging', displayName: null }, lastLoggedInUser: 'CONTOSO\\dora.e' }) };
  assert.equal(matchSides('dora.e', w)?.field, 'lastLoggedInUser');
  assert.equal(matchSides('CONTOSO\\dora.e', w)?.field, 'lastLoggedInUser');
  assert.equal(matchSides('dora.e@contoso.com', w)?.kind, 'user', 'UPN vs DOMAIN\\user');
});

test('pairs sides by serial, ignoring placeholder serials; duplicates keep the newest', () => {
  const pairs = pairSides(
    [intuneSide({ id: 'a', serial: 'S1' }), intuneSide({ id: 'old', serial: 's1', lastCheckIn: daysAgo(40) }), intuneSide({ id: 'b', serial: 'To be filled by O.E.M.' })],
    [ws1Side({ id: '1', serial: 'S1' }), ws1Side({ id: '2', serial: 'To be filled by O.E.M.' })],
  );
  assert.equal(pairs.length, 3);
  const both = pairs.find((p) => p.intune && p.ws1);
  assert.equal(both?.intune?.id, 'a');
  assert.equal(both?.ws1?.id, '1');
  assert.equal(serialKey(' 0 '), null);
});

test('ranking: score, then both platforms, then recent check-in', () => {
  const q = 'pc';
  const d = (i: ReturnType<typeof intuneSide>, w: ReturnType<typeof ws1Side> | null) => buildDevice({ intune: i, ws1: w }, q, ctx);
  const ranked = rankDevices([
    d(intuneSide({ id: 'old', name: 'PC-2', serial: 'A', lastCheckIn: daysAgo(3) }), null),
    d(intuneSide({ id: 'new', name: 'PC-3', serial: 'B', lastCheckIn: daysAgo(1) }), null),
    d(intuneSide({ id: 'both', name: 'PC-1', serial: 'C', lastCheckIn: daysAgo(9) }), ws1Side({ serial: 'C' })),
    d(intuneSide({ id: 'exact', name: 'pc', serial: 'D' }), null),
  ]);
  assert.deepEqual(ranked.map((x) => x.intune?.id), ['exact', 'both', 'new', 'old']);
});

test('a card: both sides, timeline newest first, schema-valid, copyable', () => {
  const dev = buildDevice(
    {
      intune: intuneSide({ serial: 'SX', loggedOnUsers: [
        { id: '1', upn: 'a@contoso.com', displayName: 'A', lastSignIn: daysAgo(5) },
        { id: '2', upn: 'b@contoso.com', displayName: 'B', lastSignIn: daysAgo(1) },
      ] }),
      ws1: ws1Side({ serial: 'sx' }),
    },
    'sx',
    ctx,
  );
  deviceSchema.parse(dev);
  assert.equal(dev.key, 'serial:sx');
  assert.deepEqual(signInTimeline(dev).map((e) => e.user), ['b@contoso.com', 'a@contoso.com', 'CONTOSO\\anna.berg']);
  const text = deviceCardText(dev);
  assert.match(text, /^PC-UD-001 {2}\(serial SX/);
  assert.match(text, /Workspace ONE: id 101; user mode multiUser/);
  assert.match(text, /logged-on: b@contoso.com @ /);
});
