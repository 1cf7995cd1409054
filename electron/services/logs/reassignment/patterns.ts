// Recognises DeviceReassignment steps by what a line says (docs/reassignment-log.md): the step patterns
// of step-patterns.json, plus any a technician loaded from Settings (tried first). A pattern names the
// phrases a line of that step holds (any wording among them, any order, any case) and the fields it reads
// by meaning (line-facts.ts), so a rephrased line still counts. A line matching nothing is an
// "unrecognised step" of its attempt, never fatal.
// Linear time: phrases are indexOf lookups, fields come from one tokenising scan (line-facts.ts), and a
// technician's optional `regex` runs on RE2 (re2js, linear) after the phrases matched. Every pattern needs
// its phrases first, so a line is tokenised only when some pattern's words are on it. All of it runs in
// the log workers (analysis-job.ts), never on main.
import { RE2JS } from 're2js';
import shipped from './step-patterns.json';
import { factOf, findPhrase, headOf, tokenize, type FactType, type Token } from './line-facts.ts';
import { stepPatternFileSchema, type StepKind, type StepPatternSpec } from './pattern-spec.ts';

export type { StepKind } from './pattern-spec.ts';

export interface StepMatch {
  kind: StepKind;
  groups: Record<string, string | undefined>;
}

/** Longest part of a line a pattern reads (a step is one sentence; the rest of a huge line is not read). */
const MAX_LINE = 4096;

interface Compiled {
  spec: StepPatternSpec;
  re: RE2JS | null;
  groupNames: string[];
}

interface Line {
  text: string;
  lower: string;
  head: { text: string; lower: string; rest: string } | null;
  tokens: Token[] | null;
}

function compile(spec: StepPatternSpec): Compiled {
  const re = spec.regex === undefined ? null : RE2JS.compile(spec.regex, RE2JS.CASE_INSENSITIVE);
  return { spec, re, groupNames: re ? Object.keys(re.namedGroups()) : [] };
}

function headOfLine(l: Line): NonNullable<Line['head']> {
  if (!l.head) {
    const h = headOf(l.text);
    l.head = { text: h.head, lower: h.head.toLowerCase(), rest: h.rest };
  }
  return l.head;
}

function tokensOf(l: Line): Token[] {
  l.tokens ??= tokenize(l.text);
  return l.tokens;
}

function capture(l: Line, ways: { type: FactType; after?: string[] }[]): string | undefined {
  for (const w of ways) {
    if (w.type === 'rest') {
      const rest = headOfLine(l).rest;
      if (rest) return rest;
      continue;
    }
    let from = 0;
    if (w.after) {
      const at = findPhrase(l.lower, w.after);
      if (!at) continue;
      from = at.end;
    }
    const tokens = tokensOf(l);
    for (let i = 0; i < tokens.length; i++) {
      if (tokens[i].start < from) continue;
      const v = factOf(w.type, tokens, i);
      if (v !== null) return v;
    }
  }
  return undefined;
}

/** Are the pattern's phrases on the line (each group's, and none of `noneOf`)? */
function phrasesOn(c: Compiled, l: Line): boolean {
  const p = c.spec;
  const where = p.inHead ? headOfLine(l).lower : l.lower;
  for (const group of p.allOf) if (!findPhrase(where, group)) return false;
  return !(p.noneOf && findPhrase(where, p.noneOf));
}

function tryPattern(c: Compiled, l: Line): StepMatch | null {
  const p = c.spec;
  if (!phrasesOn(c, l)) return null;
  const groups: Record<string, string | undefined> = {};
  if (c.re) {
    const m = c.re.matcher(l.text);
    if (!m.find()) return null;
    for (const name of c.groupNames) groups[name] = m.group(name) ?? undefined;
  }
  for (const [name, ways] of Object.entries(p.captures ?? {})) groups[name] ??= capture(l, ways);
  for (const r of p.requires ?? []) if (groups[r] === undefined) return null;
  return { kind: p.kind, groups };
}

function lineOf(message: string): Line {
  const text = message.trim().slice(0, MAX_LINE);
  return { text, lower: text.toLowerCase(), head: null, tokens: null };
}

/** A set of step patterns: the technician's extra ones first, then the shipped ones. */
export class StepMatcher {
  private readonly patterns: Compiled[];

  constructor(extra: StepPatternSpec[] = []) {
    this.patterns = [...extra, ...shippedPatterns].map(compile);
  }

  /** The first pattern that recognises the line, or null (an unrecognised step). */
  match(message: string): StepMatch | null {
    const l = lineOf(message);
    for (const c of this.patterns) {
      const m = tryPattern(c, l);
      if (m) return m;
    }
    return null;
  }

  /**
   * The first pattern that recognises the line when it is of `kind`, else null. Only a line holding the
   * phrases of some pattern of that kind can be one, so every other line is answered after testing
   * those patterns' phrases alone (the sign-in marks look for one kind on every line of a file).
   */
  matchOfKind(message: string, kind: StepKind): StepMatch | null {
    const l = lineOf(message);
    if (!this.patterns.some((c) => c.spec.kind === kind && phrasesOn(c, l))) return null;
    for (const c of this.patterns) {
      const m = tryPattern(c, l);
      if (m) return m.kind === kind ? m : null;
    }
    return null;
  }
}

/** The patterns the app ships (validated when this module loads: a broken shipped file fails loudly). */
export const shippedPatterns: StepPatternSpec[] = stepPatternFileSchema.parse(shipped).patterns;

let shippedMatcher: StepMatcher | null = null;

/** Matches a line against the shipped patterns alone. */
export function matchStep(message: string): StepMatch | null {
  shippedMatcher ??= new StepMatcher();
  return shippedMatcher.match(message);
}
