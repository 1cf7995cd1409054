// The IME timeline read by its cut (ime/agent-cut.ts): a cheap walk over the literals finds every run and
// its start, and only the runs of the rows kept are read in full. Rows, names, omitted count and order
// must be exactly what feeding every decoded record to the reader gives, with the file's own number of
// rows kept and with fewer (so the cut falls inside the real logs), whole and in parts, on the real IME
// logs and on a file that repeats them (the same times again and again, as the 2.2 GB bench file does).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { closeSync, openSync, readFileSync, readSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runAnalysis, type AnalysisJob } from '../../../electron/services/logs/analysis-job.ts';
import { decodeRecord } from '../../../electron/services/logs/record-decode.ts';
import { ImeFileTimeline, imeLogKind, mergeFileTimelines, type FileTimeline } from '../../../electron/services/logs/ime/timeline.ts';
import type { AppSurveyPart } from '../../../electron/services/logs/ime/app-survey.ts';
import { imeReal, indexPath, withTempDir, type Indexed } from './helpers.ts';

const MAX = 1024 * 1024;

function jobFor(path: string, ix: Indexed, label: string, keep: number | undefined, part?: AnalysisJob['part']): AnalysisJob {
  return { analysis: 'ime', path, label, file: 0, chunks: ix.index.exportChunks(), format: ix.summary.format, encoding: ix.summary.encoding, offsetMinutes: 0, unitSize: 1, patterns: [], part, keep };
}

/** The timeline when every record is decoded and fed to the reader (no literals, no cut, no parts). */
function everyRecord(path: string, ix: Indexed, label: string, keep: number | undefined): FileTimeline {
  const src = { format: ix.summary.format, encoding: ix.summary.encoding, offsetMinutes: 0, unitSize: 1 as const };
  const fd = openSync(path, 'r');
  const t = new ImeFileTimeline(0, label, keep);
  try {
    ix.index.walk(0, ix.index.count, (rec) => {
      const head = Buffer.alloc(Math.min(rec.length, MAX * 4 + 8));
      readSync(fd, head, 0, head.length, rec.offset);
      const tail = head.length < rec.length ? Buffer.alloc(Math.min(rec.length, 8192)) : null;
      if (tail) readSync(fd, tail, 0, tail.length, rec.offset + rec.length - tail.length);
      t.add(decodeRecord(src, 0, rec, head, tail, MAX));
    });
  } finally {
    closeSync(fd);
  }
  return t.done();
}

function inParts(path: string, ix: Indexed, label: string, keep: number | undefined, parts: number): FileTimeline {
  const n = ix.index.count;
  const outs = Array.from({ length: parts }, (_, k) => runAnalysis(jobFor(path, ix, label, keep, { from: Math.round((n * k) / parts), to: k === parts - 1 ? n : Math.round((n * (k + 1)) / parts) }), () => false) as FileTimeline);
  return outs.reduce((a, b) => mergeFileTimelines(a, b, keep));
}

/** An app log's timeline in two steps (analyses.ts appLogTimeline): each part surveyed, then read from them. */
function surveyedInParts(path: string, ix: Indexed, label: string, keep: number | undefined, parts: number): FileTimeline {
  const n = ix.index.count;
  const surveys = Array.from({ length: parts }, (_, k) => runAnalysis({ ...jobFor(path, ix, label, keep, { from: Math.round((n * k) / parts), to: Math.round((n * (k + 1)) / parts) }), survey: true }, () => false) as AppSurveyPart);
  return runAnalysis({ ...jobFor(path, ix, label, keep), surveys }, () => false) as FileTimeline;
}

function check(path: string, label: string, keeps: (number | undefined)[], parts: number[]): void {
  const ix = indexPath(path);
  for (const keep of keeps) {
    const whole = everyRecord(path, ix, label, keep);
    assert.deepEqual(runAnalysis(jobFor(path, ix, label, keep), () => false), whole, `${label} keep ${keep} whole`);
    for (const p of parts) assert.deepEqual(inParts(path, ix, label, keep, p), whole, `${label} keep ${keep} in ${p} parts`);
    if (imeLogKind(label) === 'apps') for (const p of [2, 3, 7]) assert.deepEqual(surveyedInParts(path, ix, label, keep, p), whole, `${label} keep ${keep} surveyed in ${p} parts`);
  }
}

for (const file of ['AgentExecutor-20260321-225458.log', 'AgentExecutor.log', 'AppWorkload-20260401-160729.log']) {
  test(`${file}: the timeline by its cut equals reading every record, with the cut inside the file`, () => {
    check(join(imeReal, file), 'AgentExecutor-x.log', [undefined, 300, 40, 1], [2, 3]);
  });
}

for (const file of ['AppWorkload-20260401-160729.log', 'AppActionProcessor.log']) {
  test(`${file} read as an app log: the timeline by its cut equals reading every record`, () => {
    check(join(imeReal, file), 'AppWorkload-x.log', [undefined, 60, 7, 1], [2]);
  });
}

test('the real logs repeated (the same times again and again): the timeline by its cut equals reading every record', () => {
  const block = Buffer.concat(['AgentExecutor-20260321-225458.log', 'AgentExecutor.log', 'AppActionProcessor.log', 'AppWorkload-20260401-160729.log'].map((f) => {
    const b = readFileSync(join(imeReal, f));
    return b[0] === 0xef ? b.subarray(3) : b;
  }));
  withTempDir((dir) => {
    const path = join(dir, 'repeated.log');
    writeFileSync(path, Buffer.concat([block, block, block]));
    check(path, 'AgentExecutor-x.log', [undefined, 2500, 700, 25], [2, 5]);
    // App runs: after the first subgraph's close only the kept runs are read (ime/app-cut.ts); the
    // second and third copies repeat the first's times, so late reports reach back over copies.
    check(path, 'AppWorkload-x.log', [undefined, 300, 40, 1], [2]);
    check(path, 'HealthScripts.log', [undefined], [2]);
  });
});

/**
 * An AppWorkload log written to the reader's rules, records drawn by a fixed-seed generator: subgraph and
 * intent lists, both closes, reports after a close (within two minutes, later, and with times going back),
 * detection steps, lines about the whole subgraph, JSON naming apps, ids in upper case, and the plain
 * mentions before the first subgraph. Each seed is the same file on every run; among them are seeds whose
 * kept runs are read in stretches a run left open before crosses (app-cut.ts `forgetOpen`).
 */
function appWorkload(seed: number, records: number): string {
  let x = seed >>> 0;
  const rnd = (): number => ((x = (Math.imul(x ^ (x >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0) / 2 ** 32);
  const pick = <T>(a: T[]): T => a[Math.floor(rnd() * a.length)];
  const apps = Array.from({ length: 7 }, (_, k) => `${(k + 1).toString(16).repeat(8)}-aaaa-4bbb-8ccc-${'d'.repeat(11)}${k}`);
  const id = (): string => (rnd() < 0.2 ? pick(apps).toUpperCase() : pick(apps));
  let t = Date.UTC(2026, 3, 1, 10, 0, 0);
  const out: string[] = [];
  for (let i = 0; i < records; i++) {
    t += rnd() < 0.03 ? -20 * 60_000 : Math.floor(rnd() * 90_000);
    const d = new Date(t);
    const p2 = (n: number): string => String(n).padStart(2, '0');
    const r = rnd();
    const msg = i < 40 && r < 0.5 ? `[Win32App][ReportingManager] Report for app with id: ${id()} ready`
      : r < 0.12 ? `[Win32App][V3Processor] Processing subgraph with app ids: ${Array.from({ length: 1 + Math.floor(rnd() * 3) }, id).join(', ')}`
      : r < 0.19 ? `[Win32App][ActionProcessor] Found: 1 apps with intent to ${rnd() < 0.7 ? '' : 'un'}install: [${id()}].`
      : r < 0.27 ? '[Win32App][V3Processor] Done processing subgraph.'
      : r < 0.30 ? '[Win32App][ActionProcessor] Processor initializing. Detection and applicability checks will run for all apps in the subgraph.'
      : r < 0.55 ? `[Win32App][ReportingManager] Report for app with id: ${id()} ready, "ErrorCode": ${rnd() < 0.3 ? -2016345060 : 0}`
      : r < 0.68 ? `[Win32App][DetectionActionHandler] Detection for app with id: ${id()}, detection state: ${rnd() < 0.5 ? 'Detected' : 'NotDetected'}`
      : r < 0.73 ? '[Win32App][V3Processor] subgraph evaluated'
      : r < 0.78 ? `[Win32App] Got policy [{"Id":"${id()}","Name":"App ${i}"}]`
      : '[Agent] heartbeat';
    out.push(`<![LOG[${msg}]LOG]!><time="${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}.1234567" date="${d.getUTCMonth() + 1}-${d.getUTCDate()}-${d.getUTCFullYear()}" component="AppWorkload" context="" type="1" thread="12" file="">`);
  }
  return `${out.join('\r\n')}\r\n`;
}

test('an AppWorkload log drawn at random (fixed seeds): the timeline by its cut equals reading every record', () => {
  withTempDir((dir) => {
    for (const seed of [1, 2, 3, 22, 26, 30]) {
      const path = join(dir, `apps-${seed}.log`);
      writeFileSync(path, appWorkload(seed, 3000));
      check(path, 'AppWorkload-x.log', [undefined, 60, 15, 5, 1], []);
    }
  });
});
