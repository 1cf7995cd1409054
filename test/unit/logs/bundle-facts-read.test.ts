// bundleFactsOf reads the dsregcmd output asynchronously (a promise, no synchronous read on main) and at
// most MAX_BYTES of it: a field past the first MiB of a huge "dsregcmd" file is never seen.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MAX_BYTES, bundleFactsOf } from '../../../electron/services/logs/formats/bundle-facts.ts';

const section = (title: string, fields: string): string => `+${'-'.repeat(70)}+\n| ${title.padEnd(69)}|\n+${'-'.repeat(70)}+\n\n${fields}\n`;

test('bundle facts: read off the event loop and bounded to the first MiB', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sdh-facts-'));
  try {
    const path = join(dir, 'dsregcmd.txt');
    const head = section('Device State', '                 AzureAdJoined : YES\n                  DomainJoined : NO\n');
    const filler = `${' '.repeat(99)}\n`.repeat(Math.ceil((MAX_BYTES * 2) / 100));
    writeFileSync(path, head + filler + section('Tenant Details', '                    TenantName : Beyond\n'));
    const pending = bundleFactsOf([{ path: 'dsregcmd.txt', fsPath: path, format: 'dsregcmd', encoding: 'utf-8' }]);
    assert.ok(pending instanceof Promise, 'bundleFactsOf returns a promise (no synchronous read)');
    const facts = await pending;
    assert.equal(facts.dsregcmd?.azureAdJoined, true);
    assert.equal(facts.dsregcmd?.joinState, 'Microsoft Entra joined');
    assert.equal(facts.dsregcmd?.tenantName, null, 'the tenant section lies past the first MiB and is not read');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
