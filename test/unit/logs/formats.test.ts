// Format detection, record cutting and display fields for every supported layout.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Lvl } from '../../../electron/services/logs/formats/header.ts';
import { parseFields } from '../../../electron/services/logs/formats/fields.ts';
import { assertCovers, indexBytes, recordSlices } from './helpers.ts';

const utf16le = (s: string): Buffer => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, 'utf16le')]);
const utf16be = (s: string): Buffer => Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(s, 'utf16le').swap16()]);

test('ConfigMgr CMTrace: +NNN bias, type="0", empty thread, stray CRs', () => {
  const text =
    '<![LOG[Starting]LOG]!><time="08:02:11.532+060" date="11-20-2026" component="ccmexec" context="" type="0" thread="" file="ccmexec.cpp:12">\r\r\n' +
    '<![LOG[Line one\r\nline two]LOG]!><time="08:02:12.000-120" date="11-20-2026" component="ccmexec" context="" type="3" thread="12" file="">\r\n' +
    '<![LOG[warn]LOG]!><time="08:02:13.000+000" date="11-20-2026" component="x" context="" type="2" thread="1" file="">\n';
  const ix = indexBytes(text);
  assert.equal(ix.summary.format, 'cmtrace');
  assert.equal(ix.summary.records, 3);
  assert.deepEqual(ix.records.map((r) => r.level), [Lvl.Info, Lvl.Error, Lvl.Warning]);
  assert.ok(assertCovers(ix));
  const f = parseFields('cmtrace', recordSlices(ix)[0].toString());
  assert.equal(f.time, '11-20-2026 08:02:11.532+060');
  assert.equal(f.thread, '');
  assert.equal(f.source, 'ccmexec.cpp:12');
  assert.equal(parseFields('cmtrace', recordSlices(ix)[1].toString()).message, 'Line one\r\nline two');
});

test('CMTrace: unclosed opener before another opener, and a truncated last record', () => {
  const text =
    '<![LOG[complete]LOG]!><time="01:00:00.0000000" date="1-2-2026" component="a" context="" type="1" thread="1" file="">\r\n' +
    '<![LOG[cut off by a crash\r\n' +
    '<![LOG[next]LOG]!><time="01:00:01.0000000" date="1-2-2026" component="a" context="" type="1" thread="1" file="">\r\n' +
    '<![LOG[truncated at end of fi';
  const ix = indexBytes(text);
  assert.deepEqual(ix.records.map((r) => r.level), [Lvl.Info, Lvl.Unparsed, Lvl.Info, Lvl.Unparsed]);
  assert.ok(assertCovers(ix));
});

test('Serilog text with continuation lines and an offset', () => {
  const text =
    '2026-11-20 08:02:11.532 +01:00 [INF] User logon detected: CONTOSO\\anna (session 2).\n' +
    '2026-11-20 08:02:12.001 +01:00 [ERR] Boom\nSystem.Exception: bad\n   at X.Y()\n' +
    '2026-11-20 08:02:13.000 +01:00 [WRN] careful\n';
  const ix = indexBytes(text);
  assert.equal(ix.summary.format, 'serilog-text');
  assert.deepEqual(ix.records.map((r) => r.level), [Lvl.Info, Lvl.Error, Lvl.Warning]);
  assert.equal(recordSlices(ix)[1].toString(), '2026-11-20 08:02:12.001 +01:00 [ERR] Boom\nSystem.Exception: bad\n   at X.Y()\n');
  const f = parseFields('serilog-text', recordSlices(ix)[1].toString());
  assert.equal(f.time, '2026-11-20 08:02:12.001 +01:00');
  assert.match(f.message, /^Boom\nSystem.Exception/);
});

test('Serilog compact JSON and plain Serilog JSON', () => {
  const compact =
    '{"@t":"2026-11-20T07:02:11.5320000Z","@mt":"Hello {Name}","Name":"anna","SourceContext":"Hub.Reassign"}\n' +
    '{"@t":"2026-11-20T07:02:12.0000000Z","@mt":"Failed","@l":"Error","@x":"System.Exception: x"}\n';
  const ix = indexBytes(compact);
  assert.equal(ix.summary.format, 'serilog-compact-json');
  assert.deepEqual(ix.records.map((r) => r.level), [Lvl.Info, Lvl.Error]);
  const f = parseFields('serilog-compact-json', recordSlices(ix)[0].toString());
  assert.equal(f.message, 'Hello anna');
  assert.equal(f.component, 'Hub.Reassign');
  assert.equal(parseFields('serilog-compact-json', recordSlices(ix)[1].toString()).message, 'Failed\nSystem.Exception: x');
  const plain =
    '{"Timestamp":"2026-11-20T08:02:11.532+01:00","Level":"Warning","MessageTemplate":"Retry {N}","RenderedMessage":"Retry 1","Properties":{"N":1}}\n';
  const ix2 = indexBytes(plain);
  assert.equal(ix2.summary.format, 'serilog-json');
  assert.deepEqual(ix2.records.map((r) => r.level), [Lvl.Warning]);
  assert.equal(parseFields('serilog-json', plain).message, 'Retry 1');
});

test('CBS, DISM and Panther share one layout', () => {
  const cbs =
    '2026-11-20 08:02:11, Info                  CBS    Loaded Servicing Stack v10.0\r\n' +
    '2026-11-20 08:02:12, Error                 CBS    Failed to resolve package [HRESULT = 0x800f081f]\r\n' +
    '2026-11-20 08:02:13, Warning               DISM   DISM Provider Store: PID=1 warn\r\n';
  const ix = indexBytes(cbs);
  assert.equal(ix.summary.format, 'cbs');
  assert.deepEqual(ix.records.map((r) => r.level), [Lvl.Info, Lvl.Error, Lvl.Warning]);
  assert.equal(parseFields('cbs', recordSlices(ix)[1].toString()).component, 'CBS');
  const panther = '2026-11-20 08:02:11, Info                  SP     Setup phase 1\n2026-11-20 08:02:11, Info       [0x0803e6] MIG    Migrating\n';
  assert.equal(indexBytes(panther).summary.format, 'cbs');
});

test('MSI log in UTF-16LE with property lines', () => {
  const msi =
    '=== Verbose logging started: 11/20/2026  8:02:11 ===\r\n' +
    'MSI (s) (7C:44) [08:02:11:532]: Resetting cached policy values\r\n' +
    'MSI (s) (7C:44) [08:02:12:001]: Action ended 08:02:12: InstallFinalize. Return value 3.\r\n' +
    'Property(S): ProductName = Contoso\r\n';
  const ix = indexBytes(utf16le(msi));
  assert.equal(ix.summary.encoding, 'utf-16le');
  assert.equal(ix.summary.format, 'msi');
  assert.equal(ix.summary.records, 4);
  assert.deepEqual(ix.records.map((r) => r.level), [Lvl.None, Lvl.Info, Lvl.Error, Lvl.None]);
  assert.ok(assertCovers(ix));
  assert.ok(ix.records.every((r) => r.length % 2 === 0));
});

test('UTF-16BE, WindowsUpdate ISO stamps, US stamps and raw fallback', () => {
  const wu = '2026/11/20 08:02:11.1234567 1234  5678  Agent           * START *  Finding updates\n2026/11/20 08:02:12.0000000 1234  5678  Agent           Found 0 updates\n';
  const ix = indexBytes(utf16be(wu));
  assert.equal(ix.summary.encoding, 'utf-16be');
  assert.equal(ix.summary.format, 'iso-text');
  assert.equal(ix.summary.records, 2);
  assert.ok(assertCovers(ix));
  const us = '11/20/2026 8:02:11 AM ERROR something broke\n   detail\n11/20/2026 8:02:12 PM INFO fine\n';
  const ix2 = indexBytes(us);
  assert.equal(ix2.summary.format, 'us-text');
  assert.deepEqual(ix2.records.map((r) => r.level), [Lvl.Error, Lvl.Info]);
  assert.equal(ix2.records[1].sec - ix2.records[0].sec, 12 * 3600 + 1);
  const raw = indexBytes('just\nsome\ntext');
  assert.equal(raw.summary.format, 'raw');
  assert.equal(raw.summary.records, 3);
});

test('a 40 MB line, a 40 MB CMTrace record and binary garbage never crash or lose bytes', () => {
  const big = 'x'.repeat(40 * 1024 * 1024);
  const line = indexBytes(`2026-01-01 00:00:00.000 [INF] start\n${big}\n2026-01-01 00:00:01.000 [ERR] end\n`);
  assert.equal(line.summary.records, 2);
  assert.ok(assertCovers(line));
  const rec = indexBytes(`<![LOG[${big}]LOG]!><time="01:00:00.0000000" date="1-2-2026" component="a" context="" type="3" thread="1" file="">\r\n`);
  assert.deepEqual(rec.records.map((r) => [r.length > 40e6, r.level]), [[true, Lvl.Error]]);
  const garbage = Buffer.alloc(3 * 1024 * 1024);
  for (let i = 0; i < garbage.length; i++) garbage[i] = (i * 2654435761) >>> 24;
  const g = indexBytes(garbage);
  assert.ok(assertCovers(g));
});
