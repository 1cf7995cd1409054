// The one table of DeviceReassignment log lines we recognise (see docs/reassignment-log.md).
// No public sample of this log exists: when one turns up, correct this table and that page together.
// Matching is case-insensitive and tolerant of extra words; a line matching nothing is counted, never fatal.
// "lead … tail" steps are matched in two linear passes (the lead once, then the last tail after it on the
// same line) instead of one `lead.*tail` regex, which backtracks quadratically over a line that repeats the
// lead without the tail (a crafted 3.8 MB file took 7.3 s).

export type StepKind =
  | 'trigger'
  | 'current'
  | 'already'
  | 'join'
  | 'identifier'
  | 'call'
  | 'matched'
  | 'notFound'
  | 'restricted'
  | 'groupMode'
  | 'httpError'
  | 'timeout'
  | 'retryWait'
  | 'prompt'
  | 'workgroup'
  | 'promptEntered'
  | 'promptDismissed'
  | 'success'
  | 'failure';

/**
 * `needs`: lower-case words one of which a matching line holds, and `tailNeeds` the word its tail holds
 * (a native search skips most patterns before any regex runs).
 */
export type StepPattern = { kind: StepKind; needs: string[] } & ({ re: RegExp } | { lead: RegExp; tail: RegExp; tailNeeds: string });

/** `lead.*tail` (greedy, `.` not crossing a line end) without backtracking: the tail must be global. */
function leadThenTail(line: string, lead: RegExp, tail: RegExp): Record<string, string | undefined> | null {
  for (const part of line.split(/[\n\r\u2028\u2029]/)) {
    const m = lead.exec(part);
    if (!m) continue;
    let last: RegExpExecArray | null = null;
    tail.lastIndex = m.index + m[0].length;
    for (let t = tail.exec(part); t; t = tail.exec(part)) {
      last = t;
      if (t[0].length === 0) tail.lastIndex++;
    }
    // The leftmost lead on this line has no tail after it: no later lead on the line has one either.
    if (last) return { ...m.groups, ...last.groups };
  }
  return null;
}

/** Order matters: the first pattern that matches a line wins. */
export const reassignmentPatterns: StepPattern[] = [
  { kind: 'trigger', needs: ['n detected'], re: /user log(?:o|i)n detected:?\s+(?<user>[^\s(]+?)[.,]?(?:\s|$)/i },
  { kind: 'already', needs: ['already the enrolled user', 'no reassignment'], re: /already the enrolled user|no reassignment (?:is )?needed/i },
  { kind: 'current', needs: ['enrolled user'], re: /current(?:ly)? enrolled user:?\s+(?<user>\S+?)[.,]?$/i },
  { kind: 'join', needs: ['device join type'], re: /device join type:?\s+(?<join>\w+)/i },
  { kind: 'identifier', needs: ['unique identifier attribute'], re: /unique identifier attribute:?\s+(?<attribute>[\w.-]+),?\s+value:?\s+'?(?<value>[^\s']+?)'?[.,]?$/i },
  { kind: 'call', needs: ['endpoint'], re: /calling user[- ]?switch endpoint\b.*?(?:\(attempt (?<n>\d+)(?: of (?<of>\d+))?\))?$/i },
  { kind: 'matched', needs: ['uem user matched'], re: /uem user matched:?\s+(?<user>[^\s(]+)/i },
  { kind: 'notFound', needs: ['found for'], re: /no (?:uem|enrollment) user (?:was )?found for\s+(?<attribute>[\w.-]+)\s+'?(?<value>[^\s']+)'?/i },
  { kind: 'restricted', needs: ['checkout restriction', 'excluded from'], re: /checkout restrictions?|excluded from (?:multiuser )?checkout/i },
  { kind: 'groupMode', needs: ['for organi'], re: /prompt user for organi[sz]ation group/i },
  { kind: 'timeout', needs: ['switch failed'], lead: /user[- ]?switch failed:?/i, tail: /\btimed? ?out\b/gi, tailNeeds: 'out' },
  { kind: 'httpError', needs: ['switch failed'], lead: /user[- ]?switch failed:?/i, tail: /\bHTTP (?<status>\d{3})\b/gi, tailNeeds: 'http ' },
  { kind: 'retryWait', needs: ['retrying in'], lead: /attempt (?<n>\d+)(?: of (?<of>\d+))? failed;?/i, tail: /retrying in (?<secs>\d+)/gi, tailNeeds: 'retrying in' },
  { kind: 'workgroup', needs: ['workgroup device'], lead: /workgroup device:?/i, tail: /prompting/gi, tailNeeds: 'prompting' },
  { kind: 'prompt', needs: ['user for credentials'], re: /prompting (?:the )?user for credentials/i },
  { kind: 'promptEntered', needs: ['entered credentials for'], re: /user entered credentials for\s+(?<user>[^\s.]+(?:\.[^\s.]+)*)/i },
  { kind: 'promptDismissed', needs: ['credential prompt'], re: /credential prompt (?:was )?(?:dismissed|cancel+ed)/i },
  { kind: 'success', needs: ['reassigned to'], re: /device (?:was )?reassigned to\s+(?<user>[^\s(]+?)[.,]?(?:\s+\(uem user id (?<id>\d+)\))?(?:\s+in\s+(?<dur>\d+:\d\d:\d\d(?:\.\d+)?))?\s*$/i },
  { kind: 'failure', needs: ['device reassignment failed'], re: /device reassignment failed:?\s*(?<why>.*)$/i },
];

export function matchStep(message: string): { kind: StepKind; groups: Record<string, string | undefined> } | null {
  const line = message.trim();
  const lower = line.toLowerCase();
  for (const p of reassignmentPatterns) {
    if (!p.needs.some((w) => lower.includes(w))) continue;
    if ('lead' in p) {
      if (!lower.includes(p.tailNeeds)) continue;
      const groups = leadThenTail(line, p.lead, p.tail);
      if (groups) return { kind: p.kind, groups };
      continue;
    }
    const m = p.re.exec(line);
    if (m) return { kind: p.kind, groups: { ...m.groups } };
  }
  return null;
}
