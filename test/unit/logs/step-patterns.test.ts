// The reassignment step patterns read meaning, not one wording (issue 18, point 5): every example line of
// the shipped file is recognised with its fields, rephrased lines still group into attempts, a
// technician's pattern file is validated with a clear message, and crafted lines stay linear.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ReassignmentExplainer } from '../../../electron/services/logs/reassignment/explain.ts';
import { StepMatcher, shippedPatterns } from '../../../electron/services/logs/reassignment/patterns.ts';
import { readPatternFile, stepPatternJsonSchema } from '../../../electron/services/logs/reassignment/pattern-spec.ts';
import { parseFields } from '../../../electron/services/logs/formats/fields.ts';

const dir = new URL('../../../electron/services/logs/reassignment/', import.meta.url);

function explain(lines: string[], matcher?: StepMatcher): ReturnType<ReassignmentExplainer['done']> {
  const ex = new ReassignmentExplainer('DeviceReassignment-20261120.log', matcher);
  lines.forEach((m, index) => {
    const f = parseFields('serilog-text', `2026-11-20 08:${String(index).padStart(2, '0')}:00.000 +01:00 [INF] ${m}`);
    ex.add({ index, time: f.time, timeMs: f.timeMs, message: f.message });
  });
  return ex.done();
}

test('the shipped schema file is the schema of the pattern file format', () => {
  const onDisk = JSON.parse(readFileSync(new URL('step-patterns.schema.json', dir), 'utf8'));
  assert.deepEqual(onDisk, stepPatternJsonSchema(), 'regenerate step-patterns.schema.json from pattern-spec.ts');
  const shipped = readPatternFile(readFileSync(new URL('step-patterns.json', dir), 'utf8'));
  assert.equal(shipped.ok, true);
});

test('every example line of the shipped patterns is read as its step, with the fields it names', () => {
  const m = new StepMatcher();
  let examples = 0;
  for (const p of shippedPatterns) {
    for (const ex of p.examples) {
      examples++;
      const got = m.match(ex.line);
      assert.equal(got?.kind, p.kind, ex.line);
      for (const [k, v] of Object.entries(ex.captures ?? {})) assert.equal(got?.groups[k], v, `${k} of: ${ex.line}`);
    }
  }
  assert.ok(examples >= 2 * shippedPatterns.length);
});

test('lines rephrased from the documented behaviour still group into attempts; what was not read is listed', () => {
  const guid = '6f1c2a9e-0000-4bbb-9ccc-123456789abc';
  const a = explain([
    'SESSION 2: contoso\\anna.berg SIGNED IN',
    'enrolled user before the switch: lab.staging@contoso.com (previous)',
    "attribute UPN carries value 'anna.berg@contoso.com' as the unique identifier",
    'POST /deviceservices/multiuser/switchuser (try 1/3)',
    'Hub telemetry flushed',
    'switch-user answered with status 503',
    'Will try again in 00:02:00 (try 1/3)',
    'POST /deviceservices/multiuser/switchuser (try 2/3)',
    'anna.berg@contoso.com MATCHED in UEM as user id 10422',
    'New enrolled user is anna.berg@contoso.com, took 2.5s',
    'Windows logon: CONTOSO\\bob.k',
    `sending identifier objectGUID = ${guid}`,
    `cannot find a UEM user for ObjectGUID ${guid}`,
    'retrying in 2 minutes (attempt 1 of 3)',
    `cannot find a UEM user for ObjectGUID ${guid}`,
    'retrying in 120 seconds (attempt 2 of 3)',
    'Asking the user for credentials after 3 silent tries',
    'the user closed the sign-in window',
    'DEVICE REASSIGNMENT FAILED; no user matched',
    'user ws01\\eve logged on (session 4)',
    'an entirely new line Hub may write',
  ]);
  assert.deepEqual(
    a.map((x) => [x.windowsUser, x.outcome, x.reason, x.retries, x.prompted]),
    [
      ['contoso\\anna.berg', 'reassigned', 'reassigned', 1, false],
      ['CONTOSO\\bob.k', 'failed', 'identifier_mismatch', 2, true],
      ['ws01\\eve', 'unknown', 'unknown', 0, false],
    ],
  );
  assert.equal(a[0].previousUser, 'lab.staging@contoso.com');
  assert.deepEqual(a[0].identifier, { attribute: 'UPN', value: 'anna.berg@contoso.com' });
  assert.equal(a[0].uemUser, 'anna.berg@contoso.com');
  assert.equal(a[0].reassignedTo, 'anna.berg@contoso.com');
  assert.equal(a[0].durationMs, 2500);
  assert.deepEqual(a[1].identifier, { attribute: 'objectGUID', value: guid });
  assert.match(a[1].verdict, /does not match the attribute synced to UEM/);
  // What it could not read stays inside its attempt, named as such.
  assert.equal(a[0].unrecognised, 1);
  assert.deepEqual(a[0].steps.find((s) => s.kind === 'unrecognised'), { record: 4, kind: 'unrecognised', text: 'Hub telemetry flushed' });
  assert.deepEqual(a[2].steps.map((s) => s.kind), ['trigger', 'unrecognised']);
  assert.deepEqual(a[0].steps.map((s) => s.kind), ['trigger', 'current', 'identifier', 'call', 'unrecognised', 'httpError', 'retryWait', 'call', 'matched', 'success']);
});

test("a technician's pattern file: validated with a clear message, its patterns tried first (RE2 named groups are fields)", () => {
  assert.match((readPatternFile('{ nope') as { message: string }).message, /^The file is not JSON/);
  const bad = readPatternFile(JSON.stringify({ patterns: [{ kind: 'teleport', meaning: 'x', allOf: [['a']], examples: [] }] }));
  assert.equal(bad.ok, false);
  assert.match((bad as { message: string }).message, /patterns\.0\.kind/);
  assert.match((bad as { message: string }).message, /patterns\.0\.examples/);
  const badRe = readPatternFile(JSON.stringify({ patterns: [{ kind: 'trigger', meaning: 'sign-in', allOf: [['hello']], regex: '(?<=x)a', examples: [{ line: 'hello' }] }] }));
  assert.match((badRe as { message: string }).message, /regex: not an RE2 expression/);
  const upper = readPatternFile(JSON.stringify({ patterns: [{ kind: 'trigger', meaning: 'sign-in', allOf: [['Hello']], examples: [{ line: 'Hello' }] }] }));
  assert.match((upper as { message: string }).message, /lower case/);

  const extra = readPatternFile(
    JSON.stringify({
      patterns: [
        {
          kind: 'trigger',
          meaning: 'A sign-in as a later Hub writes it',
          allOf: [['benutzer']],
          regex: 'benutzer (?P<user>\\S+) angemeldet',
          examples: [{ line: 'Benutzer CONTOSO\\anna angemeldet', captures: { user: 'CONTOSO\\anna' } }],
        },
      ],
    }),
  );
  assert.equal(extra.ok, true);
  const m = new StepMatcher(extra.ok ? extra.patterns : []);
  assert.deepEqual(m.match('Benutzer CONTOSO\\anna angemeldet'), { kind: 'trigger', groups: { user: 'CONTOSO\\anna' } });
  assert.equal(new StepMatcher().match('Benutzer CONTOSO\\anna angemeldet'), null);
  assert.equal(m.match('Device join type: DomainJoined')?.kind, 'join', 'the shipped patterns still apply');
});

test('crafted lines that repeat every phrase without a field stay linear', () => {
  const m = new StepMatcher();
  const bait = 'user switch failed: attempt 1 of 3 failed; workgroup device: retrying logon identifier attribute value http status prompt ';
  const line = bait.repeat(Math.ceil(16384 / bait.length));
  const t0 = performance.now();
  for (let i = 0; i < 200; i++) m.match(line);
  const ms = performance.now() - t0;
  console.log(`200 crafted 16 KB lines: ${ms.toFixed(0)} ms`);
  assert.ok(ms < 2000, `${ms.toFixed(0)} ms`);
});
