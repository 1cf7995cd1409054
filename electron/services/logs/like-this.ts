// The like-this test a log worker runs on each record's fields (filter.ts): terms of one kind (component,
// thread, message) included are alternatives, kinds together must all hold, and any excluded term drops
// the record. A message term compares the record's masked message (common/like-this.ts, one linear pass)
// with the term, after a literal prefilter on the text before its first mask: no pattern is ever built
// from file content, so the cost is linear in the message whatever it holds.
import { LIKE_MESSAGE_CHARS, maskMessage, type LikeBy, type LikeTerm } from '../../common/like-this.ts';

export interface LikeFields {
  component?: string;
  thread?: string;
  message: string;
}

interface Compiled {
  by: LikeBy;
  value: string;
  /** For message terms: the literal start every matching message has. */
  prefix: string;
}

function compile(t: LikeTerm): Compiled {
  const cut = t.value.search(/<(?:guid|hex|key|n)>/);
  return { by: t.by, value: t.value, prefix: t.by === 'message' ? (cut < 0 ? t.value : t.value.slice(0, cut)) : '' };
}

function hits(t: Compiled, f: LikeFields): boolean {
  if (t.by !== 'message') return (f[t.by] ?? '') === t.value;
  if (!f.message.startsWith(t.prefix)) return false;
  return maskMessage(f.message.length > LIKE_MESSAGE_CHARS ? f.message.slice(0, LIKE_MESSAGE_CHARS) : f.message) === t.value;
}

/** The test for a filter's like-this terms, or null when there are none. */
export function likeMatcher(terms: readonly LikeTerm[] | null | undefined): ((f: LikeFields) => boolean) | null {
  if (!terms?.length) return null;
  const excluded = terms.filter((t) => t.mode === 'exclude').map(compile);
  const included = new Map<LikeBy, Compiled[]>();
  for (const t of terms) if (t.mode === 'include') included.set(t.by, [...(included.get(t.by) ?? []), compile(t)]);
  const groups = [...included.values()];
  return (f) => {
    for (const t of excluded) if (hits(t, f)) return false;
    for (const g of groups) if (!g.some((t) => hits(t, f))) return false;
    return true;
  };
}
