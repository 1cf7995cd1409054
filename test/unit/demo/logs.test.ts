// Device logs: the zip opens with yauzl, folders are numbered like Collect diagnostics, IME logs are
// well-formed CMTrace, Hub logs are Serilog, and every reassignment line has a shape from
// docs/reassignment-log.md.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import yauzl from 'yauzl';
import { readFileSync } from 'node:fs';
import { sniffBytes } from '../../../electron/services/logs/indexer.ts';
import { dsregcmdFacts } from '../../../electron/services/logs/formats/dsregcmd-facts.ts';
import { generateTenant } from '../../../electron/services/demo/generate.ts';
import { DiagnosticsBundler, findDevice } from '../../../electron/services/demo/logs/bundle.ts';
import { writeZip } from '../../../electron/services/demo/logs/zip.ts';
import { scenarioExamples, scenarioIds } from '../../../electron/services/demo/scenarios.ts';

const data = generateTenant({ seed: 1, deviceCount: 2_000, now: Date.parse('2026-11-20T10:00:00Z') });
const bundler = new DiagnosticsBundler(data);

function unzip(buf: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buf, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err);
      const out = new Map<string, Buffer>();
      zip.on('entry', (e: yauzl.Entry) => {
        zip.openReadStream(e, (err2, s) => {
          if (err2 || !s) return reject(err2);
          const chunks: Buffer[] = [];
          s.on('data', (c: Buffer) => chunks.push(c));
          s.on('end', () => {
            out.set(e.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(out));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

test('writeZip output opens with yauzl, CRCs checked, names and bytes intact', async () => {
  const big = Buffer.from('x'.repeat(100_000) + 'é');
  const files = await unzip(writeZip([{ name: 'a/b.txt', data: Buffer.from('hello') }, { name: '(01) ü/big.log', data: big }, { name: 'empty', data: Buffer.alloc(0) }], new Date('2026-11-20T10:00:00Z')));
  assert.deepEqual([...files.keys()], ['a/b.txt', '(01) ü/big.log', 'empty']);
  assert.equal(files.get('a/b.txt')!.toString(), 'hello');
  assert.ok(files.get('(01) ü/big.log')!.equals(big));
  assert.equal(files.get('empty')!.length, 0);
});

test('a device in both platforms gets numbered folders with IME and Hub logs plus results.xml', async () => {
  const files = await unzip(bundler.zip(findDevice(data, scenarioExamples['dual-platform'].deviceName)!));
  const names = [...files.keys()];
  assert.ok(names.includes('results.xml'));
  for (const n of names.filter((x) => x !== 'results.xml')) assert.match(n, /^\(\d\d\) [^/]+\/[^/]+$/);
  for (const want of [/IntuneManagementExtension\.log$/, /AppWorkload\.log$/, /AgentExecutor\.log$/, /dsregcmd\.exe status\/output\.log$/, /TaskScheduler-\d{8}\.log$/]) {
    assert.ok(names.some((n) => want.test(n)), String(want));
  }
});

const cmRecord = /^<!\[LOG\[[\s\S]*?\]LOG\]!><time="\d\d:\d\d:\d\d\.\d{7}" date="\d{1,2}-\d{1,2}-\d{4}" component="\w+" context="" type="[123]" thread="\d+" file="">$/;

test('IME logs are CMTrace: BOM, CRLF, one trailer per record, multi-line records, errors and warnings', () => {
  const files = bundler.files(findDevice(data, scenarioExamples['user-driven'].deviceName)!).filter((f) => f.folder.includes('IntuneManagementExtension Logs'));
  assert.equal(files.length, 3);
  for (const { file } of files) {
    assert.ok(file.text.startsWith('\uFEFF'), file.name);
    const records = file.text.slice(1).split(/(?<=file="">)\r\n/).filter(Boolean);
    for (const r of records) assert.match(r, cmRecord, file.name);
    assert.equal(records.length, (file.text.match(/\]LOG\]!>/g) ?? []).length);
  }
  const work = files.find((f) => f.file.name === 'AppWorkload.log')!.file.text;
  assert.ok(work.includes('Detected\r\n\r\n]LOG]!>'), 'a multi-line record');
  assert.ok((work.match(/type="3"/g) ?? []).length > 0);
  assert.ok((work.match(/type="2"/g) ?? []).length > 0);
});

const serilogLine = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} [+-]\d\d:\d\d \[(VRB|DBG|INF|WRN|ERR|FTL)\] (.*)$/;

/** The line shapes of docs/reassignment-log.md. */
const reassignmentShapes = [
  /^\[INF\] User logon detected: \S+\\\S+ \(session \d+\)\. Starting device reassignment check\.$/,
  /^\[INF\] Current enrolled user: \S+@\S+$/,
  /^\[INF\] Signed-in user is already the enrolled user; no reassignment needed\.$/,
  /^\[INF\] Device join type: (DomainJoined|Workgroup|AzureADJoined|HybridAzureADJoined)$/,
  /^\[INF\] Unique identifier attribute: (UserPrincipalName|ObjectGUID|sAMAccountName|Email), value: \S+$/,
  /^\[INF\] Calling user switch endpoint \/deviceservices\/multiuser\/switchuser \(attempt [123] of 3\)$/,
  /^\[INF\] UEM user matched: \S+@\S+ \(UEM user id \d+\)$/,
  /^\[ERR\] User switch failed: no UEM user found for (UserPrincipalName|ObjectGUID) '[^']+' \(HTTP 404\)$/,
  /^\[WRN\] User switch refused: user '[^']+' is excluded by Multiuser checkout restrictions$/,
  /^\[WRN\] Group Assignment Mode is 'Prompt User for Organization Group'; silent reassignment is not possible$/,
  /^\[ERR\] User switch failed: (HTTP \d{3} [A-Za-z ]+|request timed out)$/,
  /^\[WRN\] Reassignment attempt [12] of 3 failed; retrying in 120 seconds$/,
  /^\[WRN\] Silent reassignment failed after 3 attempts; prompting user for credentials$/,
  /^\[INF\] Workgroup device: prompting user for credentials$/,
  /^\[INF\] User entered credentials for \S+@\S+$/,
  /^\[WRN\] Credential prompt dismissed by user$/,
  /^\[INF\] Device reassigned to \S+@\S+ \(UEM user id \d+\) in \d\d:\d\d:\d\d\.\d{3}$/,
  /^\[ERR\] Device reassignment failed: .+$/,
];

test('every Hub reassignment line, on every WS1 scenario device, has a documented shape', () => {
  let lines = 0;
  for (const id of scenarioIds) {
    const d = findDevice(data, scenarioExamples[id].deviceName)!;
    if (!d.ws1) continue;
    for (const { file } of bundler.files(d).filter((f) => /^DeviceReassignment-\d{8}\.log$/.test(f.file.name))) {
      assert.ok(file.text.endsWith('\r\n'));
      for (const line of file.text.split('\r\n').filter(Boolean)) {
        const m = serilogLine.exec(line);
        assert.ok(m, line);
        const body = line.slice(line.indexOf('['));
        assert.ok(reassignmentShapes.some((re) => re.test(body)), `${id}: ${body}`);
        lines++;
      }
    }
  }
  assert.ok(lines > 100);
});

test('each reassignment attempt ends in success, already-assigned or failure', () => {
  for (const id of ['ws1-multiuser', 'ws1-enrolled-user-lags', 'identifier-mismatch', 'reassignment-user-not-found', 'checkout-restricted', 'workgroup-prompt', 'group-assignment-prompt'] as const) {
    const text = bundler
      .files(findDevice(data, scenarioExamples[id].deviceName)!)
      .filter((f) => f.file.name.startsWith('DeviceReassignment-'))
      .map((f) => f.file.text)
      .join('');
    const attempts = text.split(/(?=^.*User logon detected)/m).filter(Boolean);
    assert.ok(attempts.length >= 1, id);
    for (const a of attempts) assert.match(a, /(Device reassigned to|already the enrolled user|Device reassignment failed)/, `${id}: ${a}`);
  }
});

test('other Hub logs: Serilog text with an exception block, and compact JSON lines', () => {
  const files = bundler.files(findDevice(data, scenarioExamples['ws1-single-user'].deviceName)!);
  assert.equal(files.some((f) => f.file.name.startsWith('DeviceReassignment-')), false, 'single-user devices do not reassign');
  const task = files.find((f) => f.file.name.startsWith('TaskScheduler-'))!.file.text;
  assert.match(task, /\[ERR\] Scheduled task .*\r\nSystem\.Net\.Http\.HttpRequestException: .*\r\n {3}at /);
  const json = files.find((f) => f.file.name.startsWith('Workflow-'))!.file.text.trim().split('\n').map((l) => JSON.parse(l) as Record<string, string>);
  assert.ok(json.every((r) => r['@t'] && r['@mt'] && r['@m']));
  assert.ok(json.some((r) => r['@l'] === 'Error'));
});

test('an Intune device bundle holds real event logs: the MIT samples byte for byte, read as events', async () => {
  const files = await unzip(bundler.zip(findDevice(data, scenarioExamples['dual-platform'].deviceName)!));
  const fixtures = new URL('../../fixtures/evtx/', import.meta.url);
  const hello = files.get('(40) Windows event logs/Microsoft-Windows-HelloForBusiness%4Operational.evtx');
  const security = files.get('(40) Windows event logs/Security.evtx');
  assert.ok(hello?.equals(readFileSync(new URL('Microsoft-Windows-HelloForBusiness%254Operational.evtx', fixtures))), 'Hello for Business log');
  assert.ok(security?.equals(readFileSync(new URL('Security_short_selected.evtx', fixtures))), 'Security log');
  assert.equal(security && sniffBytes(security).format, 'evtx');
});

test("the bundle's dsregcmd output reads as dsregcmd sections whose facts match the device", async () => {
  const device = findDevice(data, scenarioExamples['dual-platform'].deviceName)!;
  const files = await unzip(bundler.zip(device));
  const out = files.get('(29) dsregcmd.exe status/output.log');
  assert.equal(out && sniffBytes(out).format, 'dsregcmd');
  const facts = dsregcmdFacts(out?.toString('utf8') ?? '');
  const entra = device.intune?.joinType === 'azureADJoined' || device.intune?.joinType === 'hybridAzureADJoined';
  assert.equal(facts.azureAdJoined, entra);
  assert.equal(facts.deviceName, device.intune?.deviceName);
  if (entra) {
    assert.equal(facts.deviceId, device.intune?.azureADDeviceId);
    assert.equal(facts.tenantName, 'Contoso');
    assert.equal(facts.azureAdPrt, true);
    assert.match(facts.azureAdPrtUpdateTime ?? '', /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.000 UTC$/);
  }
  assert.ok(facts.diagnosis.length >= 2, facts.diagnosis.join(' / '));
});
