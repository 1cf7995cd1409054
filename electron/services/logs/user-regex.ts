// A technician's regular expression, compiled for the log workers. RE2 (re2js, pure JavaScript) runs it in
// time linear in the text, so no pattern can hang a worker: `(\w+\s?)+$X` costs what any other pattern
// costs. RE2 has no lookahead and no backreferences; a pattern that needs them runs on V8's backtracking
// engine instead, only inside a log worker, which the host ends when the pattern's time budget is spent
// (see `V8_BUDGET_MS`), and the technician is told why. A literal (not a regular expression) is escaped
// and always runs on V8, which is linear for an escaped literal and faster there.
import { RE2JS } from 're2js';
import { AppError } from '../../common/app-error.ts';
import type { LogTextQuery } from '../../common/logs.ts';

export type RegexEngine = 're2' | 'v8';

/** The longest a backtracking (V8) pattern may run on one file before its worker is ended. */
export const V8_BUDGET_MS = 10_000;

export const v8BudgetMessage = (ms: number): string =>
  `The pattern uses lookahead or a backreference, which only the backtracking engine supports; it ran for more than ${Math.round(ms / 1000)} s and was stopped. Remove the lookahead or backreference so the pattern runs on the linear-time engine.`;

/** A compiled pattern over one string: search from a position, or test the whole string. */
export interface UserRegex {
  engine: RegexEngine;
  /** First match at or after `from`: [start, end) or null. */
  exec(text: string, from: number): [number, number] | null;
  test(text: string): boolean;
}

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A pattern on V8's engine (flags `m`, and `i` when case-insensitive). */
export function v8Regex(source: string, caseSensitive: boolean): UserRegex {
  let re: RegExp, one: RegExp;
  try {
    re = new RegExp(source, `gm${caseSensitive ? '' : 'i'}`);
    one = new RegExp(source, `m${caseSensitive ? '' : 'i'}`);
    one.test(''); // V8 compiles on first use: a pattern too large to compile fails here, not mid-search
  } catch (err) {
    // V8 says "Invalid regular expression: /…the whole pattern…/flags: Unterminated group": only the reason is kept.
    const why = (err as Error).message.replace(/^Invalid regular expression: \/[\s\S]*\/[a-z]*: /, '');
    throw new AppError('invalid_input', `The search pattern is not a valid regular expression: ${why}.`);
  }
  return {
    engine: 'v8',
    exec(text, from) {
      re.lastIndex = from;
      const m = re.exec(text);
      return m ? [m.index, m.index + m[0].length] : null;
    },
    test: (text) => one.test(text),
  };
}

function re2(source: string, caseSensitive: boolean): UserRegex | null {
  let re: RE2JS;
  try {
    re = RE2JS.compile(source, RE2JS.MULTILINE | (caseSensitive ? 0 : RE2JS.CASE_INSENSITIVE));
  } catch {
    return null;
  }
  // One matcher per text (a window is searched many times from growing positions).
  let last: string | null = null;
  let m: ReturnType<RE2JS['matcher']> | null = null;
  return {
    engine: 're2',
    exec(text, from) {
      if (text !== last || !m) {
        m = re.matcher(text);
        last = text;
      }
      if (from > text.length || !m.find(from)) return null;
      return [m.start(), m.end()];
    },
    test: (text) => re.test(text),
  };
}

/**
 * Log lines end in CRLF: V8's multiline `$` matches before a `\r`, RE2's only before `\n`. An unescaped `$`
 * outside a character class becomes `\r?$` (the match then ends after the `\r`).
 */
export function crlfEnds(source: string): string {
  let out = '', inClass = false;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (ch === '\\') {
      out += source.slice(i, i + 2);
      i++;
    } else if (inClass) {
      if (ch === ']') inClass = false;
      out += ch;
    } else if (ch === '[') {
      inClass = true;
      out += ch;
      if (source[i + 1] === '^') out += source[++i];
      if (source[i + 1] === ']') out += source[++i];
    } else out += ch === '$' ? '(?:\\r?$)' : ch;
  }
  return out;
}

/**
 * Compiles a query; `source` is the pattern as the text will be searched (match.ts passes it converted to
 * latin1 code units for byte windows). A pattern neither engine accepts is refused as invalid input.
 */
export function compileUserRegex(q: LogTextQuery, source = q.pattern): UserRegex {
  const caseSensitive = q.caseSensitive !== false;
  if (!q.regex) return v8Regex(escapeRe(source), caseSensitive);
  const fast = re2(crlfEnds(source), caseSensitive);
  if (fast) return fast;
  return v8Regex(source, caseSensitive); // throws invalid_input when V8 refuses it too
}
