// The EVTX reader on real event logs (test/fixtures/evtx, MIT samples): record counts and levels equal
// libevtx's (the figures in that folder's README, and evtxexport itself when it is installed), records
// tile the file, damaged samples give what is readable and name the rest.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EvtxScanner } from '../../../electron/services/logs/formats/evtx/scanner.ts';
import { Lvl } from '../../../electron/services/logs/formats/header.ts';
import { assertCovers, indexBytes, indexPath } from './helpers.ts';
import { evtxDir, readAll } from './evtx-helpers.ts';


/** libevtx 20181227 (evtxinfo, evtxexport), as listed in test/fixtures/evtx/README.md. */
const libevtx: Record<string, { records: number; error?: number; warning?: number; info?: number; verbose?: number; other?: number }> = {
  'system.evtx': { records: 1881, error: 41, warning: 342, info: 1498 },
  'Security_short_selected.evtx': { records: 7, info: 7 },
  'new-user-security.evtx': { records: 4, info: 4 },
  'Microsoft-Windows-HelloForBusiness%4Operational.evtx': { records: 5, error: 2, info: 2, other: 1 },
  '2-system-Microsoft-Windows-LiveId%4Operational.evtx': { records: 399, info: 399 },
  'E_Windows_system32_winevt_logs_Microsoft-Windows-Shell-Core%4Operational.evtx': { records: 1146, error: 12, info: 1132, verbose: 2 },
  'Application_no_crc32.evtx': { records: 17, info: 17 },
  'sample-with-zero-data-size-event.evtx': { records: 335, error: 11, warning: 23, info: 301 },
  'sample_with_a_bad_chunk_magic.evtx': { records: 267, info: 267 },
  'security_bad_string_cache.evtx': { records: 2261, error: 1, info: 2260 },
};

function scanEvtx(bytes: Buffer): { scanner: EvtxScanner; levels: number[] } {
  const scanner = new EvtxScanner(0);
  const levels = new Array<number>(8).fill(0);
  scanner.scan(bytes, 0, true, { push: (_u, level) => void levels[level]++ });
  return { scanner, levels };
}

for (const [name, want] of Object.entries(libevtx)) {
  test(`${name}: ${want.records} events with libevtx's levels, records tile the file`, () => {
    const ix = indexPath(join(evtxDir, name));
    assert.equal(ix.summary.format, 'evtx');
    assert.ok(assertCovers(ix), 'every byte belongs to one record');
    const { scanner } = scanEvtx(ix.bytes);
    assert.equal(scanner.tally.events, want.records);
    assert.equal(scanner.tally.unreadableEvents, 0);
    const lc = ix.summary.levelCounts;
    assert.deepEqual(
      { error: lc[Lvl.Error], warning: lc[Lvl.Warning], info: lc[Lvl.Info], verbose: lc[Lvl.Verbose], other: lc[Lvl.None] },
      { error: want.error ?? 0, warning: want.warning ?? 0, info: want.info ?? 0, verbose: want.verbose ?? 0, other: want.other ?? 0 },
    );
    // Every other record is a note about damage, and only damaged samples have them.
    assert.equal(lc[Lvl.Unparsed], ix.records.length - want.records);
    assert.equal(lc[Lvl.Unparsed] > 0, scanner.tally.problems.some((p) => / skipped$| lost$|read anyway$/.test(p)));
    // Cut the same way whatever the read size.
    const tiny = indexPath(join(evtxDir, name), { readBytes: 7000 });
    assert.deepEqual(tiny.records.map((r) => [r.length, r.level]), ix.records.map((r) => [r.length, r.level]));
  });
}

const hasLibevtx = spawnSync('evtxexport', ['-h'], { stdio: 'ignore' }).error === undefined;

test('levels equal evtxexport, event by event, on every sample (the independent parser, when installed)', { skip: hasLibevtx ? false : 'evtxexport not installed (scripts/setup.sh installs libevtx-utils)' }, () => {
  for (const name of Object.keys(libevtx)) {
    const out = execFileSync('evtxexport', [join(evtxDir, name)], { maxBuffer: 256 << 20, stdio: ['ignore', 'pipe', 'ignore'] }).toString();
    const theirs = [...out.matchAll(/^Event level\s*: .*\((\d+)\)$/gm)].map((m) => Number(m[1]));
    const ours = readAll(name).shown.flatMap((x) => (x.fields ? [x.fields.level] : []));
    assert.deepEqual(ours, theirs, name);
  }
});
test('a damaged sample names what it could not read', () => {
  const problems = (name: string): string[] => scanEvtx(readFileSync(join(evtxDir, name))).scanner.tally.problems;
  const magic = problems('sample_with_a_bad_chunk_magic.evtx');
  assert.ok(magic.includes('chunk 6: bad signature, 15 records skipped') && magic.includes('chunk 10: bad signature, 67 records skipped'), magic.join('; '));
  const zero = problems('sample-with-zero-data-size-event.evtx');
  assert.ok(zero.includes('chunk 0: record at offset 2080 has size 0, 115 records skipped'), zero.join('; '));
  assert.deepEqual(problems('Application_no_crc32.evtx'), [
    'chunk 0: header checksum mismatch, its records are read anyway',
    'chunk 0: event records checksum mismatch, its records are read anyway',
  ]);
  assert.deepEqual(problems('system.evtx'), []);
});

test('a chunk whose signature is broken is skipped and counted; its neighbours are read', () => {
  const clean = readFileSync(join(evtxDir, 'system.evtx'));
  const bytes = Buffer.from(clean);
  const chunk3 = 4096 + 3 * 65536;
  bytes.write('XXXX', chunk3, 'latin1');
  const before = scanEvtx(clean).scanner.tally.events;
  const inChunk = scanEvtx(clean.subarray(0, chunk3 + 65536)).scanner.tally.events - scanEvtx(clean.subarray(0, chunk3)).scanner.tally.events;
  const { scanner } = scanEvtx(bytes);
  assert.equal(scanner.tally.events, before - inChunk);
  assert.deepEqual(scanner.tally.problems, [`chunk 3: bad signature, ${inChunk} records skipped`]);
  const ix = indexBytes(bytes, { name: 'System.evtx' });
  assert.ok(assertCovers(ix), 'tiles');
  const fdRecords = ix.records.filter((r) => r.level === Lvl.Unparsed);
  assert.equal(fdRecords.length, 1);
});

test('a broken template, a zero-size event and a cut-off file: the rest comes back, nothing loops', () => {
  const clean = readFileSync(join(evtxDir, 'system.evtx'));
  // Overwrite the BinXML of the first event of chunk 1 (which defines the chunk's first template).
  const broken = Buffer.from(clean);
  broken.fill(0xee, 4096 + 65536 + 512 + 24, 4096 + 65536 + 512 + 120);
  const b = scanEvtx(broken).scanner.tally;
  assert.equal(b.events, 1881, 'every event is still counted');
  assert.ok(b.unreadableEvents >= 1 && b.unreadableEvents < 200, `${b.unreadableEvents} events cannot be decoded`);
  // A zero size in the middle of chunk 2.
  const zero = Buffer.from(clean);
  const c2 = 4096 + 2 * 65536;
  const second = c2 + 512 + zero.readUInt32LE(c2 + 512 + 4);
  zero.writeUInt32LE(0, second + 4);
  const z = scanEvtx(zero).scanner.tally;
  assert.ok(z.problems.some((p) => /^chunk 2: record at offset \d+ has size 0, \d+ records skipped$/.test(p)), z.problems.join('; '));
  assert.ok(z.events > 1700 && z.events < 1881, `${z.events} events`);
  // Cut off in the middle of chunk 5.
  const cut = clean.subarray(0, 4096 + 5 * 65536 + 30000);
  const t = scanEvtx(cut).scanner.tally;
  assert.ok(t.problems.some((p) => /^chunk 5: the file ends 30000 bytes into it, \d+ records lost$/.test(p)), t.problems.join('; '));
  assert.ok(assertCovers(indexBytes(cut, { name: 'cut.evtx' })), 'tiles');
});

test('an event reads as its fields, a message line and XML; notes read as their problem', () => {
  const { shown } = readAll('system.evtx');
  const first = shown[0];
  assert.equal(first.fields?.recordId, '1');
  assert.match(first.time ?? '', /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} [+-]\d\d:\d\d$/, 'local time with its zone');
  assert.ok(first.message.includes('<Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event">'), 'the XML');
  assert.ok(first.message.includes(`Provider: ${first.fields?.provider}`), 'the fields');
  const spooler = shown.find((x) => x.fields?.eventId === '7023' && x.message.includes('Spooler'));
  assert.ok(spooler, 'a Service Control Manager 7023 about the spooler');
  assert.equal(spooler?.component, 'Service Control Manager');
  assert.equal(spooler?.source, '7023');
  assert.match(spooler?.message.split('\n')[0] ?? '', /^param1=Spooler; param2=/);
  assert.equal(shown[shown.length - 1].fields?.recordId, '1881', 'the free space after the last event belongs to it');
  const magic = readAll('sample_with_a_bad_chunk_magic.evtx');
  const notes = magic.shown.filter((_, k) => magic.ix.records[k].level === Lvl.Unparsed).map((x) => x.message);
  assert.ok(notes.some((m) => m.includes('chunk 6: bad signature, 15 records skipped')), notes.join(' | '));
});

test('Security logons read with their built-in message', () => {
  const lines = readAll('Security_short_selected.evtx').shown.filter((x) => x.fields).map((x) => x.message.split('\n')[0]);
  assert.equal(lines.length, 7);
  assert.ok(lines.every((l) => !l.includes('undefined')), lines.join('\n'));
});
