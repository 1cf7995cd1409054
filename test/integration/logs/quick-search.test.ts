// `sdh logs search` without an index (hits first, records around them after) finds the same records as
// a filter over the indexed file: the same count, the same record offsets and levels, whether the
// file is searched in one byte range or cut into several.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LogLevel, LogTextQuery } from '../../../electron/common/logs.ts';
import { LogsService } from '../../../electron/services/logs/service.ts';

const imeReal = new URL('../../fixtures/ime-real/', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'sdh-quick-'));
const svc = new LogsService({ tempDir: dir });
after(async () => {
  await svc.dispose();
  rmSync(dir, { recursive: true, force: true });
});

function serilog(): string {
  const levels = ['INF', 'DBG', 'WRN', 'ERR'];
  const lines: string[] = [];
  for (let n = 0; n < 3000; n++) {
    const lvl = levels[n % 4];
    lines.push(`2026-11-20 08:${String(Math.floor(n / 60) % 60).padStart(2, '0')}:${String(n % 60).padStart(2, '0')}.${String(n % 1000).padStart(3, '0')} +01:00 [${lvl}] Calling user switch endpoint (attempt ${n % 3} of 3) for user${n % 97}`);
    if (lvl === 'ERR') lines.push('System.Net.Http.HttpRequestException: Response status code 500 for user7', '   at Hub.Reassign.Switch()');
  }
  return `\ufeff${lines.join('\r\n')}\r\n`;
}

const files = [...readdirSync(imeReal).filter((f) => f.endsWith('.log')).map((f) => join(imeReal, f)), join(dir, 'hub.log')];
writeFileSync(files.at(-1) as string, serilog());

const queries: { text: LogTextQuery; levels?: LogLevel[] }[] = [
  { text: { pattern: 'remediation', regex: false, caseSensitive: true } },
  { text: { pattern: 'USER7', regex: false, caseSensitive: false } },
  { text: { pattern: 'attempt [0-9] of 3\\)', regex: true, caseSensitive: true } },
  { text: { pattern: '^\\s+at ', regex: true, caseSensitive: true } },
  { text: { pattern: 'user7$', regex: true, caseSensitive: true } },
  { text: { pattern: 'e', regex: false, caseSensitive: true } },
  { text: { pattern: 'Found native', regex: false, caseSensitive: true }, levels: ['error'] },
  { text: { pattern: 'user', regex: false, caseSensitive: true }, levels: ['warning', 'error'] },
];

test('hits first, records after: the same records as a filter over the index, in 1, 2 and 7 ranges', async () => {
  for (const file of files) {
    const info = await svc.open([file]);
    await svc.whenIndexed(info.id);
    for (const q of queries) {
      const res = await svc.filter(info.id, { text: q.text, levels: q.levels });
      const want = (await svc.window(info.id, 0, Math.min(res.matches, 10000), res.viewId)).records.map((r) => [r.offset, r.level]);
      for (const parts of [1, 2, 7]) {
        const quick = await svc.searchFile(file, q.text, q.levels, 10000, undefined, parts);
        assert.ok(quick, file);
        const what = `${file.split('/').pop()} ${JSON.stringify(q)} in ${parts}`;
        assert.equal(quick.matches, res.matches, what);
        assert.deepEqual(quick.records.map((r) => [r.offset, r.level]), want, what);
      }
    }
    await svc.close(info.id);
  }
});

test('event logs and UTF-16 files are left to a session', async () => {
  const utf16 = join(dir, 'utf16.log');
  writeFileSync(utf16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('2026-11-20 08:00:00 hello\r\n', 'utf16le')]));
  assert.equal(await svc.searchFile(utf16, { pattern: 'hello', regex: false, caseSensitive: true }, undefined, 10), null);
  const evtx = new URL('../../fixtures/evtx/system.evtx', import.meta.url).pathname;
  assert.equal(await svc.searchFile(evtx, { pattern: 'x', regex: false, caseSensitive: true }, undefined, 10), null);
});
