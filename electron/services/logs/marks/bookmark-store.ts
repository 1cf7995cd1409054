// Bookmarks per log file, kept by main in logs-bookmarks.json: a file is known by its path and its size,
// so bookmarks made on another size of the same path ("the file changed since") are kept and listed but
// never applied to records they may no longer name. The least recently used files go first past the cap.
import { z } from 'zod';
import { readJsonFile, writeJsonFile } from './json-file.ts';

const MAX_FILES = 500;
export const MAX_BOOKMARKS_PER_FILE = 5000;

const markSchema = z.object({ index: z.number().int().nonnegative(), time: z.string().nullable(), text: z.string().max(400) });
export type StoredMark = z.infer<typeof markSchema>;
const entrySchema = z.object({ path: z.string(), bytes: z.number().int().nonnegative(), usedAt: z.number(), marks: z.array(markSchema) });
type Entry = z.infer<typeof entrySchema>;
const fileSchema = z.object({ version: z.literal(1), files: z.array(entrySchema) });

export interface FileMarks {
  /** Bookmarks made on the file at this size. */
  current: StoredMark[];
  /** Bookmarks made when the file had another size, newest size first. */
  changed: StoredMark[];
}

export class BookmarkStore {
  private files: Entry[];

  constructor(private readonly path: string) {
    this.files = readJsonFile(path, fileSchema, { version: 1, files: [] }).files;
  }

  of(path: string, bytes: number): FileMarks {
    const same = this.files.filter((e) => e.path === path);
    return {
      current: same.find((e) => e.bytes === bytes)?.marks ?? [],
      changed: same.filter((e) => e.bytes !== bytes).sort((a, b) => b.usedAt - a.usedAt).flatMap((e) => e.marks),
    };
  }

  /** Adds the record's bookmark, or removes it when it has one; true when it is now bookmarked. */
  toggle(path: string, bytes: number, mark: StoredMark): boolean {
    let entry = this.files.find((e) => e.path === path && e.bytes === bytes);
    if (!entry) this.files.push((entry = { path, bytes, usedAt: 0, marks: [] }));
    entry.usedAt = Date.now();
    const at = entry.marks.findIndex((m) => m.index === mark.index);
    if (at >= 0) entry.marks.splice(at, 1);
    else if (entry.marks.length < MAX_BOOKMARKS_PER_FILE) entry.marks = [...entry.marks, mark].sort((a, b) => a.index - b.index);
    this.files = this.files.filter((e) => e.marks.length > 0).sort((a, b) => b.usedAt - a.usedAt).slice(0, MAX_FILES);
    writeJsonFile(this.path, { version: 1, files: this.files });
    return at < 0 && entry.marks.some((m) => m.index === mark.index);
  }
}
