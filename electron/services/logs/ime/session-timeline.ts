// The IME timeline of a session: each IME file's rows (built on the log workers), in time order, named
// from what the logs taught (names/learn.ts) and what the tenant knows (names/tenant.ts, when connected).
import type { GuidName, ImeTimeline, ImeTimelineRow } from '../../../common/logs-insight.ts';
import { analyseInParts, appLogTimeline } from '../analyses.ts';
import { settled, type Engine, type Session } from '../session.ts';
import { MAX_ROWS } from './rows.ts';
import { imeLogKind, mergeFileTimelines, type FileTimeline } from './timeline.ts';

export { MAX_ROWS };

/** Names learned from the session's logs, then the tenant's for ids the logs do not name. */
export function mergeNames(learned: GuidName[], tenant: GuidName[]): Map<string, GuidName> {
  const byId = new Map<string, GuidName>();
  for (const n of learned) if (!byId.has(n.id)) byId.set(n.id, n);
  for (const n of tenant) if (!byId.has(n.id)) byId.set(n.id, n);
  return byId;
}

export async function imeTimeline(e: Engine, s: Session, tenantNames: GuidName[] = [], signal?: AbortSignal): Promise<ImeTimeline> {
  await settled(s);
  const rows: Omit<ImeTimelineRow, 'name'>[] = [];
  const learned: GuidName[] = [];
  let omitted = 0;
  for (const [file, f] of s.files.entries()) {
    if (!imeLogKind(f.info.path)) continue;
    // App runs carry state from one subgraph to the next: their file is surveyed in parts, then read by one worker.
    const t = imeLogKind(f.info.path) === 'apps' ? await appLogTimeline<FileTimeline>(e, s, file, signal) : await analyseInParts<FileTimeline>(e, s, file, 'ime', mergeFileTimelines, signal);
    rows.push(...t.rows);
    learned.push(...t.names);
    omitted += t.omitted;
  }
  const names = mergeNames(learned, tenantNames);
  rows.sort((a, b) => (a.startMs ?? 0) - (b.startMs ?? 0) || a.file - b.file || a.firstRecord - b.firstRecord);
  const kept = rows.slice(Math.max(0, rows.length - MAX_ROWS));
  return {
    rows: kept.map((r) => ({ ...r, name: names.get(r.id)?.name ?? null })),
    omitted: omitted + rows.length - kept.length,
    names: [...names.values()],
    notes: [],
  };
}
