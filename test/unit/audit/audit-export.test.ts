// Issue 16, point 4: Export writes the audit CSV through the host's Save dialog (the shell's dialog in the
// desktop app); a host without one gets the text back for a download.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { jobsHandlers } from '../../../electron/services/handlers/jobs-handlers.ts';
import { silentLogger } from '../../../electron/services/log/logger.ts';
import type { TenantConnection } from '../../../electron/services/tenant/connection.ts';
import { harness } from '../jobs/support/harness.ts';
import { addFleet } from '../jobs/support/fleet.ts';

test('Export CSV goes through the Save dialog with a dated name; without a dialog the CSV comes back', async () => {
  const { engine, tenant } = harness();
  const preview = engine.plan({ goal: { kind: 'shared' }, targets: addFleet(tenant, { intune: 3, ws1: 0 }) });
  assert.equal(await engine.start(preview.planId, null), 'finished');
  const conn = { scope: 'contoso' } as TenantConnection;
  const ctx = { signal: new AbortController().signal };
  const saved: Array<{ name: string; content: string }> = [];
  const withDialog = jobsHandlers({ engine, tenant: () => conn, logger: silentLogger, saveFile: async (name, content) => (saved.push({ name, content }), `/home/tech/${name}`) });
  const r = await withDialog.auditExportCsv({ device: 'PC-I1' }, ctx);
  assert.match(r.savedTo ?? '', /^\/home\/tech\/audit-\d{4}-\d{2}-\d{2}\.csv$/);
  assert.equal(r.csv, null);
  const lines = saved[0].content.trim().split('\r\n');
  assert.equal(lines.length, 2, 'the header and the one matching entry');
  assert.match(lines[1], /PC-I1/);
  assert.match(lines[1], /Remove the primary user/);

  const cancelled = jobsHandlers({ engine, tenant: () => conn, logger: silentLogger, saveFile: async () => null });
  assert.deepEqual(await cancelled.auditExportCsv({}, ctx), { savedTo: null, csv: null });

  const browser = jobsHandlers({ engine, tenant: () => conn, logger: silentLogger });
  const text = await browser.auditExportCsv({}, ctx);
  assert.equal(text.savedTo, null);
  assert.equal(text.csv!.trim().split('\r\n').length, 4);
  await engine.close();
});
