// "Records like this" (ProcMon's include / exclude from a right-click): a term names a record's component,
// its thread, or its message with the parts that change from run to run masked, so one click keeps or
// drops every "Downloading content for app <guid>, attempt <n>". No Node and no DOM: the renderer builds
// the term from the record it shows, the log workers test records against it (services/logs/like-this.ts).
import { z } from 'zod';

export const likeBys = ['component', 'thread', 'message'] as const;
export const likeTermSchema = z.object({
  mode: z.enum(['include', 'exclude']),
  by: z.enum(likeBys),
  /** The component or thread as written, or the masked message (maskMessage). */
  value: z.string().max(4096),
});
export type LikeTerm = z.infer<typeof likeTermSchema>;
export type LikeBy = LikeTerm['by'];

/** How much of a message is compared: the start names the kind of line; long JSON tails would only differ. */
export const LIKE_MESSAGE_CHARS = 1024;

const isHex = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isWord = (c: number): boolean => isHex(c) || (c >= 103 && c <= 122) || (c >= 71 && c <= 90) || c === 95;

/** Length of a GUID (8-4-4-4-12 hex digits) starting at `i`, or 0. */
function guidAt(s: string, i: number): number {
  if (s.length - i < 36) return 0;
  for (let k = 0; k < 36; k++) {
    const c = s.charCodeAt(i + k);
    if (k === 8 || k === 13 || k === 18 || k === 23 ? c !== 45 : !isHex(c)) return 0;
  }
  return i + 36 < s.length && isWord(s.charCodeAt(i + 36)) ? 0 : 36;
}

const isKeyChar = (c: number): boolean => isWord(c) || c === 43 || c === 47 || c === 61;

/** Length of a base64 key at `i` (24+ characters of both cases and digits, '=' padded or without '/'), or 0. */
function keyAt(s: string, i: number): number {
  let j = i, digit = false, upper = false, lower = false, slash = false;
  for (; j < s.length && isKeyChar(s.charCodeAt(j)); j++) {
    const c = s.charCodeAt(j);
    digit ||= isDigit(c);
    upper ||= c >= 65 && c <= 90;
    lower ||= c >= 97 && c <= 122;
    slash ||= c === 47;
  }
  return j - i >= 24 && digit && upper && lower && (s[j - 1] === '=' || !slash) ? j - i : -(j - i);
}

/** Length of the hex run at `i`. */
function hexRun(s: string, i: number): number {
  let j = i;
  while (j < s.length && isHex(s.charCodeAt(j))) j++;
  return j - i;
}

/**
 * The message with what varies masked, in one pass: GUIDs become <guid>, 0x… and long hex runs (hashes,
 * 16 or more hex digits with a digit among them) <hex>, base64 keys <key>, numbers (with their decimal part) <n>. Words,
 * paths and punctuation stay as written; only the first LIKE_MESSAGE_CHARS characters are read.
 */
export function maskMessage(message: string): string {
  const s = message.length > LIKE_MESSAGE_CHARS ? message.slice(0, LIKE_MESSAGE_CHARS) : message;
  let out = '';
  let i = 0, lit = 0, keyEnd = 0;
  const mask = (len: number, tag: string): void => {
    out += s.slice(lit, i) + tag;
    i += len;
    lit = i;
  };
  while (i < s.length) {
    const c = s.charCodeAt(i);
    const wordStart = i === 0 || !isWord(s.charCodeAt(i - 1));
    // A key is looked for once per run of key characters, so a long run costs one scan.
    if (i >= keyEnd && isKeyChar(c) && (i === 0 || !isKeyChar(s.charCodeAt(i - 1)))) {
      const k = keyAt(s, i);
      if (k > 0) {
        mask(k, '<key>');
        keyEnd = i;
        continue;
      }
      keyEnd = i - k;
    }
    if (wordStart && isHex(c)) {
      const g = guidAt(s, i);
      if (g) {
        mask(g, '<guid>');
        continue;
      }
      if (c === 48 && (s.charCodeAt(i + 1) | 32) === 120 && isHex(s.charCodeAt(i + 2))) {
        mask(2 + hexRun(s, i + 2), '<hex>');
        continue;
      }
      const h = hexRun(s, i);
      if (h >= 16 && !(i + h < s.length && isWord(s.charCodeAt(i + h))) && /[0-9]/.test(s.slice(i, i + h))) {
        mask(h, '<hex>');
        continue;
      }
    }
    if (isDigit(c)) {
      let j = i;
      while (j < s.length && isDigit(s.charCodeAt(j))) j++;
      while (j + 1 < s.length && (s[j] === '.' || s[j] === ',') && isDigit(s.charCodeAt(j + 1))) {
        j++;
        while (j < s.length && isDigit(s.charCodeAt(j))) j++;
      }
      mask(j - i, '<n>');
      continue;
    }
    i++;
  }
  return out + s.slice(lit);
}

/** The term for "records like this one", from the record as shown; null when the record has no such field. */
export function likeThisTerm(record: { component?: string; thread?: string; message: string }, mode: LikeTerm['mode'], by: LikeBy): LikeTerm | null {
  if (by === 'message') return { mode, by, value: maskMessage(record.message) };
  const value = record[by];
  return value ? { mode, by, value: value.slice(0, 4096) } : null;
}

/** The term in words, for the filter bar's chip: "Not component AppWorkload", "Only messages like …". */
export function likeTermLabel(t: LikeTerm): string {
  const what = t.by === 'message' ? `messages like “${t.value.length > 90 ? `${t.value.slice(0, 90)}…` : t.value}”` : `${t.by} ${t.value}`;
  return `${t.mode === 'include' ? 'Only' : 'Not'} ${what}`;
}
