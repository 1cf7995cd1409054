// The analyses' record walk (analysis-scan.ts, analysis-job.ts): the IME timeline and the sign-in marks
// decode only the records holding their literals, an AgentExecutor run's records past its kept steps
// only extend it, and a file can be read in parts and joined. Each must give exactly what feeding every
// decoded record to the readers gives, on the real IME logs and on lines made to sit on the edges.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { closeSync, openSync, readFileSync, readSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runAnalysis, type AnalysisJob } from '../../../electron/services/logs/analysis-job.ts';
import { SCAN_WINDOW, scanRecords } from '../../../electron/services/logs/analysis-scan.ts';
import { decodeRecord } from '../../../electron/services/logs/record-decode.ts';
import { parseFields } from '../../../electron/services/logs/formats/fields.ts';
import { wallMs } from '../../../electron/services/logs/formats/time.ts';
import { ImeFileTimeline, imeLogKind, mergeFileTimelines, type FileTimeline } from '../../../electron/services/logs/ime/timeline.ts';
import { SignInMarks, signInNeedles, type SignInMark } from '../../../electron/services/logs/sessions/sign-in-marks.ts';
import { imeReal, indexPath, withTempDir, type Indexed } from './helpers.ts';

const MAX = { ime: 1024 * 1024, sessions: 16 * 1024 };

function jobFor(path: string, ix: Indexed, label: string, analysis: 'ime' | 'sessions', part?: AnalysisJob['part']): AnalysisJob {
  return { analysis, path, label, file: 0, chunks: ix.index.exportChunks(), format: ix.summary.format, encoding: ix.summary.encoding, offsetMinutes: 0, unitSize: 1, patterns: [], part };
}

/** What the readers give when fed every record, decoded in full (the walk before literals and parts). */
function everyRecord(path: string, ix: Indexed, label: string, analysis: 'ime' | 'sessions'): unknown {
  const src = { format: ix.summary.format, encoding: ix.summary.encoding, offsetMinutes: 0, unitSize: 1 as const };
  const fd = openSync(path, 'r');
  const t = new ImeFileTimeline(0, label);
  const marks = new SignInMarks(label);
  try {
    ix.index.walk(0, ix.index.count, (rec) => {
      const head = Buffer.alloc(Math.min(rec.length, MAX[analysis] * 4 + 8));
      readSync(fd, head, 0, head.length, rec.offset);
      const tail = head.length < rec.length ? Buffer.alloc(Math.min(rec.length, 8192)) : null;
      if (tail) readSync(fd, tail, 0, tail.length, rec.offset + rec.length - tail.length);
      const r = decodeRecord(src, 0, rec, head, tail, MAX[analysis]);
      if (analysis === 'ime') t.add(r);
      else marks.add(r);
    });
  } finally {
    closeSync(fd);
  }
  return analysis === 'ime' ? t.done() : marks.done();
}

/** The analysis read in `parts` parts, joined as analyses.ts joins them. */
function inParts(path: string, ix: Indexed, label: string, analysis: 'ime' | 'sessions', parts: number): unknown {
  const n = ix.index.count;
  const outs = Array.from({ length: parts }, (_, k) => runAnalysis(jobFor(path, ix, label, analysis, { from: Math.round((n * k) / parts), to: k === parts - 1 ? n : Math.round((n * (k + 1)) / parts) }), () => false));
  return outs.reduce((a, b) => (analysis === 'ime' ? mergeFileTimelines(a as FileTimeline, b as FileTimeline) : [...(a as SignInMark[]), ...(b as SignInMark[])]));
}

const labels = ['AgentExecutor-20260321-225458.log', 'AgentExecutor.log', 'AppActionProcessor.log', 'AppWorkload-20260401-160729.log'];

for (const file of labels) {
  test(`${file}: the timeline and sign-in marks from literals (and in parts) equal those from every record`, () => {
    const path = join(imeReal, file);
    const ix = indexPath(path);
    // Each file read as each kind of IME log, so every reader meets every file.
    for (const label of ['AgentExecutor-x.log', 'AppWorkload-x.log', 'HealthScripts.log']) {
      const whole = everyRecord(path, ix, label, 'ime');
      assert.deepEqual(runAnalysis(jobFor(path, ix, label, 'ime'), () => false), whole, `${label} whole`);
      // App runs are never split (analyses.ts); the others in 2, 3 and 7 parts.
      if (imeLogKind(label) !== 'apps') for (const parts of [2, 3, 7]) assert.deepEqual(inParts(path, ix, label, 'ime', parts), whole, `${label} in ${parts} parts`);
    }
    const marks = everyRecord(path, ix, file, 'sessions');
    assert.deepEqual(runAnalysis(jobFor(path, ix, file, 'sessions'), () => false), marks);
    for (const parts of [2, 5]) assert.deepEqual(inParts(path, ix, file, 'sessions', parts), marks);
  });
}

const rec = (message: string, second: number, extra = ''): string => `<![LOG[${message}]LOG]!><time="10:00:${String(second % 60).padStart(2, '0')}.1234567" date="11-20-2026" component="X" context="" type="1" thread="7" file=""${extra}>\r\n`;

test('sign-in lines in any case, beside the LOG brackets and the words that only look alike, are all found', () => {
  const lines = [
    'User LOGON detected: CONTOSO\\anna.berg (session 2).',
    'Log file rolled over',
    'session 3: CONTOSO\\bob.k SIGNED IN',
    'Expected usersid for session 1 with name AzureAD\\carl is S-1-12-1-1-2-3-4',
    '[Win32App] Processing User Session 1, userId: 6f1c2a9e-0000-4bbb-9ccc-123456789abc, userSID: S-1-12-1-1-2-3-4 .',
    'Logged in: CONTOSO\\dana',
    'no mark here: LOG[ and ]LOG] and catalogue',
    'dialog shown to user session owner CONTOSO\\erik',
  ];
  withTempDir((dir) => {
    const path = join(dir, 'DeviceReassignment.log');
    writeFileSync(path, lines.map((l, k) => rec(l, k)).join(''));
    const ix = indexPath(path);
    const marks = everyRecord(path, ix, 'DeviceReassignment.log', 'sessions') as SignInMark[];
    assert.ok(marks.length >= 4, 'the lines give marks');
    assert.deepEqual(runAnalysis(jobFor(path, ix, 'DeviceReassignment.log', 'sessions'), () => false), marks);
  });
});

test('an AgentExecutor run past its kept steps still ends at its last record and time, even when those carry no time', () => {
  const lines = ['ExecutorLog AgentExecutor gets invoked', 'cmd line: C:\\IMECache\\HealthScripts\\0f2d8a52-5d33-4a3e-9a2b-7d8c9e1f2a3b_1\\detect.ps1'];
  for (let k = 0; k < 80; k++) lines.push(`step ${k}`);
  lines.push('Powershell exit code is 1');
  for (let k = 0; k < 20; k++) lines.push(`after ${k}`);
  const body = lines.map((l, k) => rec(l, k)).join('');
  // The last two records: one without a date (no time in ms), one without a trailer time at all.
  const tail = '<![LOG[no date]LOG]!><time="10:59:00.0000000" component="X">\r\n<![LOG[no time]LOG]!><component="X">\r\n';
  withTempDir((dir) => {
    const path = join(dir, 'AgentExecutor.log');
    writeFileSync(path, body + tail + body);
    const ix = indexPath(path);
    const whole = everyRecord(path, ix, 'AgentExecutor.log', 'ime') as FileTimeline;
    assert.equal(whole.rows.length, 2);
    assert.equal(whole.rows[0].lastRecord, lines.length + 1);
    assert.equal(whole.rows[0].end, '10:59:00.0000000');
    assert.deepEqual(runAnalysis(jobFor(path, ix, 'AgentExecutor.log', 'ime'), () => false), whole);
    for (const parts of [2, 3, 9]) assert.deepEqual(inParts(path, ix, 'AgentExecutor.log', 'ime', parts), whole);
  });
});

/** The CMTrace fields as the attribute regex read them (the walk in fields.ts must agree with it). */
function byRegex(text: string): ReturnType<typeof parseFields> {
  const t = text.indexOf(']LOG]!>');
  if (t < 0) return { time: null, timeMs: null, message: text.replace(/\r?\n$/, '') };
  const o = text.lastIndexOf('<![LOG[', t);
  const attrs = new Map<string, string>();
  for (const m of text.slice(t + 7).matchAll(/(\w+)="([^"]*)"/g)) attrs.set(m[1], m[2]);
  const time = attrs.get('time'), date = attrs.get('date');
  const tm = /^(\d\d):(\d\d):(\d\d)(?:\.(\d+))?/.exec(time ?? '');
  const dm = /^(\d{1,2})[-/](\d{1,2})[-/](\d{4})/.exec(date ?? '');
  return {
    time: time !== undefined || date !== undefined ? [date, time].filter(Boolean).join(' ') : null,
    timeMs: tm && dm ? wallMs(+dm[3], +dm[1], +dm[2], +tm[1], +tm[2], +tm[3], tm[4]) : null,
    component: attrs.get('component') ?? '',
    thread: attrs.get('thread') ?? '',
    source: attrs.get('file') ?? '',
    message: text.slice(o >= 0 ? o + 7 : 0, t),
  };
}

test('CMTrace trailers, well formed or not, read as the attribute regex read them', () => {
  const pieces = ['time="', 'date="', 'component="', 'thread="', 'file="', '"', ' ', '=', 'x', 'time', 'xtime="', '10:00:01.5', '1-2-2026', '12/31/2026', '1-222-2026', '10:0:01', '>', '_', 'é', '\r\n'];
  let seed = 7;
  const rnd = (n: number): number => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n);
  const cases = [rec('m', 1), '<![LOG[m]LOG]!><time="23:59:60" date="2-30-2026" file="a" file="b">', '<![LOG[m]LOG]!>time="1"date="2"'];
  for (let k = 0; k < 3000; k++) {
    let s = '<![LOG[msg]LOG]!><';
    for (let j = rnd(12); j > 0; j--) s += pieces[rnd(pieces.length)];
    cases.push(s);
  }
  for (const text of cases) assert.deepEqual(parseFields('cmtrace', text), byRegex(text), text);
});

test('sign-in literals: phrases lower-casing could reach from other letters fall back to decoding every record', () => {
  assert.ok(signInNeedles([]));
  const trigger = (phrase: string): Parameters<typeof signInNeedles>[0] => [{ kind: 'trigger', meaning: 'test', allOf: [[phrase]], captures: { user: [{ type: 'user' }] }, requires: ['user'], examples: [{ line: `${phrase} CONTOSO\\anna` }] }];
  assert.equal(signInNeedles(trigger('kiosk user arrived')), null, 'a "k" may be a Kelvin sign');
  assert.equal(signInNeedles(trigger('user went to wi')), null, 'an "i" at the end may be a dotted capital I');
  assert.equal(signInNeedles(trigger('anmeldung für')), null, 'not ASCII');
  assert.ok(signInNeedles(trigger('user arrived')), 'a plain phrase is a literal');
});

test('a walk over hits only visits exactly the records a full walk finds a literal in, with the same masks', () => {
  const needles = [{ text: 'subgraph', caseSensitive: false }, { text: 'Id', caseSensitive: true, next: (b: number) => b === 0x22 }, { text: 'report', caseSensitive: false }, { text: '<![LOG[', caseSensitive: true }];
  withTempDir((dir) => {
    // Records longer than a window and records crossing window ends among the real ones.
    const path = join(dir, 'mixed.log');
    const huge = `<![LOG[report ${'x'.repeat(SCAN_WINDOW + 10)}]LOG]!><time="10:00:00.000" date="4-1-2026" component="c" context="" type="1" thread="1" file="">\r\n`;
    writeFileSync(path, Buffer.concat([readFileSync(join(imeReal, 'AppWorkload-20260401-160729.log')), Buffer.from(huge), readFileSync(join(imeReal, 'AppActionProcessor.log'))]));
    const ix = indexPath(path);
    const fd = openSync(path, 'r');
    try {
      for (const endByte of [Infinity, 2_500_000]) {
        const seen = (hitsOnly: boolean): string[] => {
          const out: string[] = [];
          scanRecords(fd, ix.index, 0, needles, () => false, (c, win, _rs, hit, mask) => {
            if (hit) out.push(`${c.index}:${win ? mask : 'unread'}`);
          }, endByte, hitsOnly);
          return out;
        };
        const full = seen(false);
        assert.ok(full.length > 1000 && full.some((x) => x.endsWith('unread')));
        assert.deepEqual(seen(true), full, `end ${endByte}`);
      }
    } finally {
      closeSync(fd);
    }
  });
});
