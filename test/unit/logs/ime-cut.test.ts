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
import { ImeFileTimeline, mergeFileTimelines, type FileTimeline } from '../../../electron/services/logs/ime/timeline.ts';
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

function check(path: string, label: string, keeps: (number | undefined)[], parts: number[]): void {
  const ix = indexPath(path);
  for (const keep of keeps) {
    const whole = everyRecord(path, ix, label, keep);
    assert.deepEqual(runAnalysis(jobFor(path, ix, label, keep), () => false), whole, `${label} keep ${keep} whole`);
    for (const p of parts) assert.deepEqual(inParts(path, ix, label, keep, p), whole, `${label} keep ${keep} in ${p} parts`);
  }
}

for (const file of ['AgentExecutor-20260321-225458.log', 'AgentExecutor.log', 'AppWorkload-20260401-160729.log']) {
  test(`${file}: the timeline by its cut equals reading every record, with the cut inside the file`, () => {
    check(join(imeReal, file), 'AgentExecutor-x.log', [undefined, 300, 40, 1], [2, 3]);
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
    // App runs and names only: read in one go, each repeated record's names read once.
    check(path, 'AppWorkload-x.log', [undefined, 300], []);
    check(path, 'HealthScripts.log', [undefined], [2]);
  });
});
