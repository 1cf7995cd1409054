// IPC handlers for what the technician marks in the logs viewer (issue 18 point 1): bookmarks per file
// record (kept by path and size, listed with their place in the view asked about, exported as text
// through the Save dialog) and named sets of filters and highlight rules (import / export as JSON).
import { join } from 'node:path';
import { savedSetSchema, type Bookmark } from '../../common/logs-marks.ts';
import type { LogsService } from '../logs/service.ts';
import { BookmarkStore, type StoredMark } from '../logs/marks/bookmark-store.ts';
import { SavedSetStore } from '../logs/marks/saved-set-store.ts';
import type { Handlers } from '../router/router.ts';

type MarksChannels = 'logsBookmarks' | 'logsBookmarkToggle' | 'logsBookmarksExport' | 'logsSavedSets' | 'logsSavedSetSave' | 'logsSavedSetRemove' | 'logsSavedSetsImport' | 'logsSavedSetsExport';

export interface LogsMarksDeps {
  logs: Pick<LogsService, 'info' | 'locate' | 'positionOf' | 'detail'>;
  dataDir: string;
  /** The Save dialog, where the host has one; resolves to the saved path, or null when cancelled. */
  saveFile?: (suggestedName: string, content: string) => Promise<string | null>;
}

const firstLine = (message: string): string => message.split(/\r?\n/, 1)[0].slice(0, 160);

export function logsMarksHandlers(d: LogsMarksDeps): Pick<Handlers, MarksChannels> {
  const bookmarks = new BookmarkStore(join(d.dataDir, 'logs-bookmarks.json'));
  const sets = new SavedSetStore(join(d.dataDir, 'logs-saved-sets.json'));

  const list = (session: string, viewId?: string): Bookmark[] =>
    d.logs.info(session).files.flatMap((f, file) => {
      const marks = bookmarks.of(f.path, f.bytes);
      const item = (m: StoredMark, changed: boolean): Bookmark => ({ file, ...m, changed, position: changed ? null : d.logs.locate(session, { file, index: m.index }, viewId) });
      return [...marks.current.map((m) => item(m, false)), ...marks.changed.map((m) => item(m, true))];
    });
  const save = async (name: string, text: string): Promise<{ savedTo: string | null; text: string | null }> =>
    d.saveFile ? { savedTo: await d.saveFile(name, text), text: null } : { savedTo: null, text };

  return {
    logsBookmarks: ({ session, viewId }) => list(session, viewId),
    logsBookmarkToggle: async ({ session, viewId, file, index }) => {
      const f = d.logs.info(session).files[file];
      const at = f ? d.logs.positionOf(session, file, index) : null;
      const record = at === null ? null : await d.logs.detail(session, at, undefined, 400);
      if (f && record) bookmarks.toggle(f.path, f.bytes, { index, time: record.time, text: firstLine(record.message) });
      return list(session, viewId);
    },
    logsBookmarksExport: ({ session }) => {
      const files = d.logs.info(session).files;
      const lines = files.flatMap((f) => {
        const marks = bookmarks.of(f.path, f.bytes);
        const row = (m: StoredMark) => `${m.time ?? '(no time)'}\trecord ${m.index + 1}\t${m.text}`;
        if (!marks.current.length && !marks.changed.length) return [];
        return [`${f.path} (${f.bytes} bytes)`, ...marks.current.map(row), ...(marks.changed.length ? ['  made when the file had another size (the file changed since):', ...marks.changed.map(row)] : []), ''];
      });
      return save(`bookmarks-${new Date().toISOString().slice(0, 10)}.txt`, lines.length ? lines.join('\n') : 'No bookmarks.\n');
    },
    logsSavedSets: () => sets.list(),
    logsSavedSetSave: (set) => (sets.save(savedSetSchema.parse(set)), null),
    logsSavedSetRemove: ({ name }) => (sets.remove(name), null),
    logsSavedSetsImport: ({ name, text }) => ({ imported: sets.importText(name, text).imported }),
    logsSavedSetsExport: () => save('log-filter-sets.json', sets.exportText()),
  };
}
