// The last / most frequent user goals choose from the Entra sign-in logs when the plan is made, and the
// preview says who and which source decided; without Entra ID P1 the demo refuses the logs as Graph does
// and the choice falls back to usersLoggedOn, saying so; a device with no eligible user is listed as such.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startDemoTenant } from '../../../electron/services/demo/index.ts';
import { createLookup } from '../../../electron/services/lookup/connect.ts';
import { resolveExactInputs } from '../../../electron/services/jobs/bulk-targets.ts';
import { JobEngine } from '../../../electron/services/jobs/engine.ts';
import { openJobsDatabase } from '../../../electron/services/jobs/db.ts';
import { createHttpExecutor } from '../../../electron/services/jobs/http-executor.ts';
import type { ModeGoal } from '../../../electron/common/jobs.ts';

async function planOn(entraPremium: boolean, names: string[], goal: ModeGoal, neverChoose?: string[]) {
  const demo = await startDemoTenant({ entraPremium });
  const lookup = createLookup({ scope: 'demo', graph: { baseUrl: demo.graphUrl, getToken: async () => demo.graphToken, portal: null } });
  const engine = new JobEngine({ db: openJobsDatabase(':memory:'), executor: createHttpExecutor({}), identity: () => ({ technician: 'tech@contoso.com', tenant: 'demo' }) });
  try {
    const targets = await resolveExactInputs(lookup, names, { goal, neverChoose });
    const preview = engine.plan({ goal, targets });
    return { demo, rows: new Map(preview.rows.map((r) => [r.input, r])), signInCalls: demo.counters.requests.graph };
  } finally {
    await engine.close();
    await demo.stop();
  }
}

test('most frequent user from the sign-in logs: who, how many of how many, the DEM account left out; a lab device only the DEM account used is listed', async () => {
  const { demo, rows } = await planOn(true, ['LAB-DEM-001', 'LAB-DEM-010', 'KIOSK-AP-003'], { kind: 'mostFrequent', days: 30 });
  const used = rows.get('LAB-DEM-001')!;
  assert.equal(used.status, 'planned');
  assert.match(used.note ?? '', /^Windows sign-ins over 30 days: [a-z]+\.[a-z]+ \d+ of \d+ \(not chosen: dem\.lab01, enrollment account\)\.$/);
  const chosen = /days: ([a-z.]+) /.exec(used.note!)![1];
  assert.equal(used.action?.user?.upn?.split('@')[0], chosen, 'the row assigns the user its note names');
  const lab = rows.get('LAB-DEM-010')!;
  assert.equal(lab.status, 'skipped');
  assert.equal(lab.skipReason, 'noSuitableUser');
  assert.equal(lab.note, 'no candidate: only enrollment accounts signed in (dem.lab01).');
  const kiosk = rows.get('KIOSK-AP-003')!;
  assert.equal(kiosk.skipReason, 'noSuitableUser');
  assert.match(kiosk.note ?? '', /^no candidate: nobody signed in over 30 days/);
  assert.ok(demo.data.intuneDevices.length > 0);
});

test('without Entra ID P1 the logs are refused once and the choice falls back to usersLoggedOn, saying why', async () => {
  const { rows } = await planOn(false, ['LAB-DEM-001', 'LAB-DEM-002', 'LAB-DEM-003'], { kind: 'lastSignedIn' });
  for (const name of ['LAB-DEM-001', 'LAB-DEM-002', 'LAB-DEM-003']) {
    const r = rows.get(name)!;
    assert.equal(r.status, 'planned', `${name}: ${r.note}`);
    assert.match(r.note ?? '', /^usersLoggedOn — sign-in logs need Entra ID P1: [a-z]+\.[a-z]+/);
  }
});

test("the tenant's never-choose patterns are left out like the built-in ones", async () => {
  const goal: ModeGoal = { kind: 'mostFrequent', days: 30 };
  const first = await planOn(true, ['LAB-DEM-003'], goal);
  const top = first.rows.get('LAB-DEM-003')!.action!.user!.upn!;
  const again = await planOn(true, ['LAB-DEM-003'], goal, [top.split('@')[0]]);
  const r = again.rows.get('LAB-DEM-003')!;
  assert.notEqual(r.action?.user?.upn, top);
  assert.match(r.note ?? '', new RegExp(`not chosen: .*${top.split('@')[0].replace('.', '\\.')}, service account`));
});
