// Where the find pattern matches in text on screen (a row's first line, the detail pane), for <mark>.
// RE2 (re2js) runs in linear time, so no pattern can freeze the window; the input and the number of
// ranges are capped. A pattern RE2 cannot read (look-around, back-references) marks nothing: the
// find itself still runs on the log workers.
import { RE2JS } from 're2js';
import type { LogTextQuery } from '../../../../electron/common/logs.ts';

export type Range = [start: number, end: number];

const compiled = new Map<string, RE2JS | null>();

function compile(q: LogTextQuery): RE2JS | null {
  const key = `${q.regex ? 'r' : 'l'}${q.caseSensitive ? 'c' : 'i'}${q.pattern}`;
  if (!compiled.has(key)) {
    if (compiled.size > 32) compiled.clear();
    try {
      const flags = RE2JS.MULTILINE | (q.caseSensitive ? 0 : RE2JS.CASE_INSENSITIVE);
      compiled.set(key, RE2JS.compile(q.regex ? q.pattern : RE2JS.quote(q.pattern), flags));
    } catch {
      compiled.set(key, null);
    }
  }
  return compiled.get(key) ?? null;
}

/** False when RE2 cannot read the pattern (look-around, back-references): matches are found but not marked. */
export const canMark = (q: LogTextQuery): boolean => compile(q) !== null;

/** Match ranges of `q` in the first `maxChars` of `text`, at most `maxRanges`. */
export function matchRanges(text: string, q: LogTextQuery | null, maxChars = 64 * 1024, maxRanges = 500): Range[] {
  if (!q?.pattern) return [];
  const re = compile(q);
  if (!re) return [];
  const input = text.length > maxChars ? text.slice(0, maxChars) : text;
  const m = re.matcher(input);
  const out: Range[] = [];
  let from = 0;
  while (out.length < maxRanges && from <= input.length && m.find(from)) {
    const [start, end] = [m.start(), m.end()];
    if (end > start) out.push([start, end]);
    from = end > start ? end : end + 1;
  }
  return out;
}
