// What the technician marks and keeps in the logs viewer (issue 18 point 1): bookmarks on file records,
// kept per file by path and size, and named sets of filters and highlight rules. Kept by main; the
// renderer keeps nothing in web storage. No Node and no DOM: zod only.
import { z } from 'zod';
import { likeTermSchema } from './like-this.ts';
import { logLevelSchema } from './logs.ts';

/** A bookmark as the viewer lists it: the file record it names, its time and the start of its message. */
export const bookmarkSchema = z.object({
  /** Which file of the session. */
  file: z.number().int().nonnegative(),
  /** Record number inside the file (a bookmark names a file record, so it holds in merged and filtered views). */
  index: z.number().int().nonnegative(),
  time: z.string().nullable(),
  /** The message's first line, cut at 160 characters. */
  text: z.string(),
  /** Where the record is in the view asked about; null when the view does not show it, or the file changed. */
  position: z.number().int().nonnegative().nullable(),
  /** Made when the file had another size: kept and listed, but not applied to the records. */
  changed: z.boolean(),
});
export type Bookmark = z.infer<typeof bookmarkSchema>;
export const bookmarksSchema = z.array(bookmarkSchema);

/** A highlight rule's colour: rgb(a) or #hex only, since it becomes a row's background. */
const colourSchema = z.string().regex(/^(?:#[0-9a-fA-F]{3,8}|rgba?\(\s*[0-9.]+\s*,\s*[0-9.]+\s*,\s*[0-9.]+\s*(?:,\s*[0-9.]+\s*)?\))$/, 'a colour as #rgb or rgba(…)');

export const savedSetSchema = z.object({
  name: z.string().trim().min(1).max(80),
  filter: z.object({
    levels: z.array(logLevelSchema).max(10).default([]),
    component: z.string().max(2000).default(''),
    thread: z.string().max(2000).default(''),
    text: z.object({ pattern: z.string().max(4096), regex: z.boolean(), caseSensitive: z.boolean() }).default({ pattern: '', regex: false, caseSensitive: false }),
    like: z.array(likeTermSchema).max(50).default([]),
  }),
  highlights: z.array(z.object({ text: z.string().min(1).max(400), colour: colourSchema })).max(50).default([]),
});
export type SavedSet = z.infer<typeof savedSetSchema>;
export const savedSetsSchema = z.array(savedSetSchema).max(200);

/** The exported file: its kind and version, so a wrong JSON file is told apart from an old one. */
export const savedSetsFileSchema = z.object({
  kind: z.literal('sdh-logs-saved-sets'),
  version: z.literal(1),
  sets: savedSetsSchema.refine((s) => new Set(s.map((x) => x.name)).size === s.length, 'two sets have the same name'),
});
