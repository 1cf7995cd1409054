// Include / exclude "records like this" on the log workers, over the real AppWorkload log: every count is
// checked against the records as the viewer shows them, masked in the test the same way.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { likeThisTerm, maskMessage, type LikeTerm } from '../../../electron/common/like-this.ts';
import type { LogRecord } from '../../../electron/common/logs.ts';
import { LogsService } from '../../../electron/services/logs/service.ts';

const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');
const workload = join(repoRoot, 'test/fixtures/ime-real/AppWorkload-20260401-160729.log');
const agent = join(repoRoot, 'test/fixtures/ime-real/AgentExecutor.log');

async function allRecords(svc: LogsService, id: string, viewId?: string): Promise<LogRecord[]> {
  const out: LogRecord[] = [];
  for (let first = 0; ; first += 2000) {
    const w = await svc.window(id, first, 2000, viewId);
    // A record cut for the window carries no fields there; the detail pane's whole record does.
    for (const r of w.records) out.push(r.truncated && !viewId ? ((await svc.detail(id, r.position)) ?? r) : r);
    if (first + 2000 >= w.total) return out;
  }
}

test('include and exclude like this: by component, thread and masked message, alone and with text and level filters', async () => {
  const svc = new LogsService({ tempDir: tmpdir() });
  try {
    // Two files merged: the AppWorkload and AgentExecutor components both appear.
    const info = await svc.open([workload, agent]);
    await svc.whenIndexed(info.id);
    const records = await allRecords(svc, info.id);
    assert.ok(records.length > 2854);
    // The commonest kind of line that names a GUID.
    const kinds = new Map<string, LogRecord[]>();
    for (const r of records) if (maskMessage(r.message).includes('<guid>')) kinds.set(maskMessage(r.message), [...(kinds.get(maskMessage(r.message)) ?? []), r]);
    const sample = [...kinds.values()].sort((a, b) => b.length - a.length)[0]?.[0];
    assert.ok(sample, 'a record with a GUID');
    const like = (mode: LikeTerm['mode'], by: LikeTerm['by']): LikeTerm => {
      const t = likeThisTerm(sample, mode, by);
      assert.ok(t);
      return t;
    };
    const count = (keep: (r: LogRecord) => boolean): number => records.filter(keep).length;
    const sameMessage = (r: LogRecord) => maskMessage(r.message) === maskMessage(sample.message);

    const byMessage = await svc.filter(info.id, { like: [like('include', 'message')] });
    assert.equal(byMessage.matches, count(sameMessage));
    assert.ok(byMessage.matches > 1, `${byMessage.matches} records like “${maskMessage(sample.message).slice(0, 80)}”`);
    const shown = await allRecords(svc, info.id, byMessage.viewId);
    assert.ok(shown.every(sameMessage));

    const notMessage = await svc.filter(info.id, { like: [like('exclude', 'message')] });
    assert.equal(notMessage.matches, records.length - byMessage.matches);

    const notComponent = await svc.filter(info.id, { like: [like('exclude', 'component')] });
    assert.equal(notComponent.matches, count((r) => r.component !== sample.component));
    assert.ok(notComponent.matches > 0 && notComponent.matches < records.length);

    const threadOnly = await svc.filter(info.id, { like: [like('include', 'thread')], levels: ['info'] });
    assert.equal(threadOnly.matches, count((r) => r.thread === sample.thread && r.level === 'info'));

    // Includes of one kind are alternatives; an exclude wins over an include.
    const other = records.find((r) => r.component && r.component !== sample.component);
    assert.ok(other?.component);
    const either = await svc.filter(info.id, { like: [like('include', 'component'), { mode: 'include', by: 'component', value: other.component }] });
    assert.equal(either.matches, count((r) => r.component === sample.component || r.component === other.component));
    const dropped = await svc.filter(info.id, { like: [like('include', 'component'), like('exclude', 'message')] });
    assert.equal(dropped.matches, count((r) => r.component === sample.component && !sameMessage(r)));

    // With a text filter the workers take the hit-search path: the like test still holds there.
    const word = sample.message.split(/\W+/).find((w) => w.length > 5) ?? 'Win32App';
    const withText = await svc.filter(info.id, { text: { pattern: word, regex: false, caseSensitive: true }, like: [like('exclude', 'message')] });
    assert.equal(withText.matches, count((r) => r.message.includes(word) && !sameMessage(r)));
    await svc.close(info.id);
  } finally {
    await svc.dispose();
  }
});
