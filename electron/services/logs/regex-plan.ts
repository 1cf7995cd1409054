// How a technician's RE2 pattern is run over log bytes, decided once per search: the literal every match
// must contain (ripgrep's "required literal"), so the fast literal search finds the candidate records and
// the regex runs on those alone; and, where the pattern uses only syntax that RE2 and V8 read alike, its
// V8 spelling, run on V8's backtracking engine with V8's linear-time engine taking over a match that
// backtracks too much (the `--enable-experimental-regexp-engine-on-excessive-backtracks` flag, set here in
// the log worker's process before any pattern is compiled). Anything else runs on RE2 as before.
import { setFlagsFromString } from 'node:v8';

export interface RegexPlan {
  /** A string every match contains (as the text is searched: latin1 code units), or null. */
  literal: string | null;
  /** The same pattern for V8 (flags `m`, plus `i` when case-insensitive), or null when only RE2 reads it right. */
  v8: string | null;
  /**
   * A V8 character class (`[…]`) the character right after `literal` matches in every match, or null: the
   * class or class escape that follows the literal's run in the pattern, when it must occur at least once
   * (`for [0-9]+ apps?`: "for " then a digit). Meaningful with the V8 spelling only.
   */
  after?: string | null;
}

const SPACE = '\\t\\n\\f\\r '; // RE2's \s: V8's also takes \v, U+00A0 and other spaces
const PLAIN = /[A-Za-z0-9 !"#%&',\-/:;<=>@_`~\u0080-\u00ff]/;
const ESCAPED_LITERAL = /[.*+?^${}()|[\]\\/-]/;

/** Reads a pattern token by token; `v8` is null for any syntax outside the shared subset, both are null for syntax it does not follow. */
export function planRegex(source: string): RegexPlan {
  let out = '';
  let v8ok = true;
  let depth = 0;
  let topAlternation = false;
  const runs: string[] = [];
  const afters: (string | null)[] = [];
  let run = '';
  const endRun = (after: string | null = null): void => {
    if (run) {
      runs.push(run);
      afters.push(after);
    }
    run = '';
  };
  // The class token ending at `i` follows a run as `after` unless a quantifier lets it occur zero times.
  const required = (cls: string, i: number): string | null => (/^(?:[*?]|\{0[,}])/.test(source.slice(i + 1)) ? null : cls);
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    const top = depth === 0;
    if (ch === '\\') {
      const e = source[i + 1] ?? '';
      i++;
      if (ESCAPED_LITERAL.test(e)) {
        out += `\\${e}`;
        if (top) run += e;
      } else {
        const before = out.length;
        if ('dDwWbB'.includes(e)) out += `\\${e}`;
        else if (e === 's') out += `[${SPACE}]`;
        else if (e === 'S') out += `[^${SPACE}]`;
        else if (e === 't' || e === 'n' || e === 'r' || e === 'f') out += `\\${e}`;
        else if (e === 'x' && /^[0-9a-fA-F]{2}$/.test(source.slice(i + 1, i + 3))) out += `\\x${source.slice(i + 1, (i += 2) + 1)}`;
        else return { literal: null, v8: null }; // \Q…\E, \p{…}, \A, \z and the like: left to RE2
        const cls = 'dDwW'.includes(e) ? `[\\${e}]` : e === 's' || e === 'S' ? out.slice(before) : null;
        endRun(cls === null ? null : required(cls, i));
      }
    } else if (ch === '[') {
      const close = classEnd(source, i);
      if (close < 0) return { literal: null, v8: null };
      const body = source.slice(i + 1, close);
      const inner = classBody(body);
      if (inner === null) v8ok = false;
      else out += `[${inner}]`;
      i = close;
      endRun(inner === null ? null : required(`[${inner}]`, i));
    } else if (ch === '(') {
      if (source.startsWith('(?:', i)) i += 2;
      else if (source.startsWith('(?<=', i) || source.startsWith('(?<!', i)) return { literal: null, v8: null };
      else if (source.startsWith('(?P<', i) || source.startsWith('(?<', i)) {
        const close = source.indexOf('>', i);
        if (close < 0) return { literal: null, v8: null };
        i = close;
      } else if (source[i + 1] === '?') return { literal: null, v8: null }; // flags such as (?i) change what the literal is
      out += '(?:';
      depth++;
      endRun();
    } else if (ch === ')') {
      out += ')';
      depth--;
      endRun();
    } else if (ch === '|') {
      out += '|';
      if (top) topAlternation = true;
      endRun();
    } else if (ch === '*' || ch === '?' || ch === '+' || ch === '{') {
      let quant = ch;
      if (ch === '{') {
        const m = /^\{(\d+)(,\d*)?\}/.exec(source.slice(i));
        if (!m) {
          v8ok = false;
          endRun();
          continue;
        }
        quant = m[0];
        i += m[0].length - 1;
      }
      if (source[i + 1] === '?') quant += source[++i]; // lazy
      out += quant;
      // The quantified character is required only when it must occur at least once.
      const atLeastOnce = ch === '+' || (ch === '{' && !/^\{0[,}]/.test(quant));
      if (top && run && !atLeastOnce) run = run.slice(0, -1);
      endRun();
    } else if (ch === '.') {
      out += '[^\\n]';
      endRun();
    } else if (ch === '^' || ch === '$') {
      out += ch;
      endRun();
    } else if (PLAIN.test(ch) || ch === ']' || ch === '}') {
      out += ch === ']' || ch === '}' ? `\\${ch}` : ch;
      if (top) run += ch;
    } else {
      v8ok = false;
      endRun();
    }
  }
  endRun();
  if (depth !== 0) return { literal: null, v8: null };
  let best = -1;
  for (let k = 0; k < runs.length; k++) if (best < 0 || runs[k].length > runs[best].length) best = k;
  if (topAlternation || best < 0) return { literal: null, v8: v8ok ? out : null, after: null };
  return { literal: runs[best], v8: v8ok ? out : null, after: v8ok ? afters[best] : null };
}

/** Index of the `]` closing the class that opens at `open`, or -1. */
function classEnd(source: string, open: number): number {
  let i = open + 1;
  if (source[i] === '^') i++;
  if (source[i] === ']') i++; // a leading ] is a member in RE2
  for (; i < source.length; i++) {
    if (source[i] === '\\') i++;
    else if (source.startsWith('[:', i) && source.indexOf(':]', i + 2) > 0) i = source.indexOf(':]', i + 2) + 1; // [:alpha:]
    else if (source[i] === ']') return i;
  }
  return -1;
}

/** A class body for V8, or null when V8 would read it differently (POSIX classes, a leading ]). */
function classBody(body: string): string | null {
  const neg = body.startsWith('^');
  const rest = neg ? body.slice(1) : body;
  if (rest.startsWith(']') || rest.includes('[:') || rest === '') return null;
  let out = neg ? '^' : '';
  for (let i = 0; i < rest.length; i++) {
    const ch = rest[i];
    if (ch === '\\') {
      const e = rest[i + 1] ?? '';
      i++;
      if (e === 's') out += SPACE;
      else if ('dwDW'.includes(e) || ESCAPED_LITERAL.test(e) || 'tnrf'.includes(e)) out += `\\${e}`;
      else return null;
    } else out += ch === '[' ? '\\[' : ch;
  }
  return out;
}

let linear: boolean | undefined;
/**
 * Lets V8 hand an over-backtracking match to its linear-time engine; true when the flags took effect
 * (checked by the `l` flag, which only compiles with the experimental engine on).
 */
export function v8LinearFallback(): boolean {
  if (linear === undefined) {
    try {
      setFlagsFromString('--enable-experimental-regexp-engine-on-excessive-backtracks');
      setFlagsFromString('--enable-experimental-regexp-engine');
      const linearFlag = 'l'; // only valid with the experimental engine on
      linear = new RegExp('a', linearFlag).test('a');
    } catch {
      linear = false;
    }
  }
  return linear;
}
