// The other text files of a diagnostics bundle (test/fixtures/bundle, see its README for where each shape
// comes from): detection, record cutting, levels, times and display fields.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { decodeText } from '../../../electron/services/logs/encoding.ts';
import { parseFields, type RecordFields } from '../../../electron/services/logs/formats/fields.ts';
import { Lvl } from '../../../electron/services/logs/formats/header.ts';
import { detectFormat } from '../../../electron/services/logs/formats/table.ts';
import { assertCovers, indexBytes, indexPath, repoRoot, type Indexed } from './helpers.ts';

const bundle = join(repoRoot, 'test/fixtures/bundle');

function shown(ix: Indexed): RecordFields[] {
  return ix.records.map((r) => parseFields(ix.summary.format, decodeText(ix.bytes.subarray(r.offset, r.offset + r.length), ix.summary.encoding).replace(/^\uFEFF/, '')));
}
const utc = (s: string): number => Date.parse(`${s}Z`) / 1000;

test('ReportingEvents.log (UTF-16LE): one record per line, Failure is an error, the HRESULT explained', () => {
  const ix = indexPath(join(bundle, 'ReportingEvents.log'));
  assert.equal(ix.summary.format, 'reporting-events');
  assert.equal(ix.summary.encoding, 'utf-16le');
  assert.ok(assertCovers(ix));
  assert.deepEqual(ix.records.map((r) => r.level), [3, 3, 5, 3, 3, 5, 3, 5, 3].map((l) => l as number));
  assert.equal(ix.records[0].sec, utc('2026-07-29T09:02:11'), 'the stamp as written');
  const f = shown(ix);
  assert.equal(f[0].time, '2026-07-29 09:02:11:371+0200');
  assert.equal(f[0].timeMs, Date.parse('2026-07-29T09:02:11.371Z'));
  assert.equal(f[2].component, 'AGENT_DOWNLOAD_FAILED');
  assert.equal(f[2].source, 'UpdateOrchestrator');
  assert.match(f[2].message, /^Error: Download failed\. — 0x80244022 WU_E_PT_HTTP_STATUS_SERVICE_UNAVAIL: /);
  assert.match(f[2].message, /\nUpdate ID: \{3FD93540-CD8C-4939-A71D-1C2BE7767D4D\}\n/);
  assert.match(f[5].message, /— 0x80242015 \(not in the built-in list of codes\)/, 'an unknown code says so');
  assert.match(f[6].message, /^Installation pending\. — 0x00240005 WU_S_REBOOT_REQUIRED: The system must be restarted/);
  assert.doesNotMatch(f[0].message.split('\n')[0], /0x/, 'success (0) is not explained');
});

test('bracketed ctime stamps with a pid: JSON continuation lines stay with their record', () => {
  const ix = indexPath(join(bundle, 'inventory-agent.log'));
  assert.equal(ix.summary.format, 'ctime-pid');
  assert.ok(assertCovers(ix));
  assert.equal(ix.records.length, 6);
  assert.deepEqual(ix.records.map((r) => r.level), [Lvl.Info, Lvl.Info, Lvl.Info, Lvl.Error, Lvl.Warning, Lvl.Info]);
  assert.equal(ix.records[0].sec, utc('2026-07-30T13:05:01'));
  assert.equal(ix.records[5].sec, utc('2026-07-02T13:10:04'), 'a space-padded day');
  const f = shown(ix);
  assert.equal(f[1].thread, '8604');
  assert.match(f[1].message, /^Reading policy\r?\n\{\r?\n {2}"collectionIntervalMinutes": 1440,/);
  assert.match(f[3].message, /\n\{"statusCode":503,/);
  assert.equal(f[5].thread, '9120');
  assert.equal(f[5].time, 'Thu Jul  2 13:10:04 2026');
});

test('a file whose stamp style changes is read per line; a time-only line takes the last date', () => {
  const ix = indexPath(join(bundle, 'mixed-stamps.log'));
  assert.equal(ix.summary.format, 'mixed-text');
  assert.ok(assertCovers(ix));
  assert.equal(ix.records.length, 7, 'every stamped line starts a record; the stack line stays with its error');
  assert.deepEqual(
    ix.records.map((r) => r.sec),
    ['2026-07-29T09:15:30', '2026-07-29T09:15:31', '2026-07-29T09:15:32', '2026-07-29T09:15:33', '2026-07-29T09:15:34', '2026-07-30T08:00:00', '2026-07-30T08:00:01'].map(utc),
  );
  assert.deepEqual(ix.records.map((r) => r.level), [Lvl.None, Lvl.Error, Lvl.None, Lvl.Warning, Lvl.Info, Lvl.None, Lvl.None]);
  const f = shown(ix);
  assert.deepEqual(f.map((x) => x.time), ['2026-07-29 09:15:30.101', '07/29/2026 09:15:31', 'Jul 29 09:15:32', '09:15:33.250', '09:15:34.004', '2026-07-30T08:00:00Z', 'Jul 30 08:00:01']);
  assert.match(f[1].message, /^ERROR Could not reach the enrollment endpoint\r?\n {3}at Contoso/);
  // One style alone stays the one-style format.
  assert.equal(indexBytes('2026-07-29 09:15:30 a\n2026-07-29 09:15:31 b\n  more\n').summary.format, 'iso-text');
  assert.equal(indexBytes('07/29/2026 09:15:31 a\n07/29/2026 09:15:32 b\n').summary.format, 'us-text');
});

test('dsregcmd /status: one record per section, its title and fields', () => {
  const ix = indexPath(join(bundle, 'dsregcmd-status.txt'));
  assert.equal(ix.summary.format, 'dsregcmd');
  assert.ok(assertCovers(ix));
  const f = shown(ix);
  assert.deepEqual(f.map((x) => x.component), ['Device State', 'Device Details', 'Tenant Details', 'User State', 'SSO State', 'Diagnostic Data', 'IE Proxy Config for Current User', 'Ngc Prerequisite Check']);
  assert.ok(ix.records.every((r) => r.level === Lvl.Info && Number.isNaN(r.sec)), 'sections are information with no time');
  assert.equal(f[0].message.split('\n')[0], 'AzureAdJoined: YES · EnterpriseJoined: NO · DomainJoined: NO · Virtual Desktop: NOT SET');
  assert.match(f[0].message, /\nDevice Name: SHARED-LAB-07$/m);
  assert.match(f[5].message, /\nServer Error Description: AADSTS50126: Error validating credentials/);
  // Without the dsregcmd field names, bordered tables are not taken for it.
  const table = '+----------------------------------------+\n| Name                                   |\n+----------------------------------------+\n  a : b\n';
  assert.notEqual(detectFormat(Buffer.from(table)), 'dsregcmd');
});
