// The one table of DeviceReassignment log lines we recognise (see docs/reassignment-log.md).
// No public sample of this log exists: when one turns up, correct this table and that page together.
// Matching is case-insensitive and tolerant of extra words; a line matching nothing is counted, never fatal.

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

export interface StepPattern {
  kind: StepKind;
  re: RegExp;
}

/** Order matters: the first pattern that matches a line wins. */
export const reassignmentPatterns: StepPattern[] = [
  { kind: 'trigger', re: /user log(?:o|i)n detected:?\s+(?<user>[^\s(]+?)[.,]?(?:\s|$)/i },
  { kind: 'already', re: /already the enrolled user|no reassignment (?:is )?needed/i },
  { kind: 'current', re: /current(?:ly)? enrolled user:?\s+(?<user>\S+?)[.,]?$/i },
  { kind: 'join', re: /device join type:?\s+(?<join>\w+)/i },
  { kind: 'identifier', re: /unique identifier attribute:?\s+(?<attribute>[\w.-]+),?\s+value:?\s+'?(?<value>[^\s']+?)'?[.,]?$/i },
  { kind: 'call', re: /calling user[- ]?switch endpoint\b.*?(?:\(attempt (?<n>\d+)(?: of (?<of>\d+))?\))?$/i },
  { kind: 'matched', re: /uem user matched:?\s+(?<user>[^\s(]+)/i },
  { kind: 'notFound', re: /no (?:uem|enrollment) user (?:was )?found for\s+(?<attribute>[\w.-]+)\s+'?(?<value>[^\s']+)'?/i },
  { kind: 'restricted', re: /checkout restrictions?|excluded from (?:multiuser )?checkout/i },
  { kind: 'groupMode', re: /prompt user for organi[sz]ation group/i },
  { kind: 'timeout', re: /user[- ]?switch failed:?.*\btimed? ?out\b/i },
  { kind: 'httpError', re: /user[- ]?switch failed:?.*\bHTTP (?<status>\d{3})\b/i },
  { kind: 'retryWait', re: /attempt (?<n>\d+)(?: of (?<of>\d+))? failed;?.*retrying in (?<secs>\d+)/i },
  { kind: 'workgroup', re: /workgroup device:?.*prompting/i },
  { kind: 'prompt', re: /prompting (?:the )?user for credentials/i },
  { kind: 'promptEntered', re: /user entered credentials for\s+(?<user>[^\s.]+(?:\.[^\s.]+)*)/i },
  { kind: 'promptDismissed', re: /credential prompt (?:was )?(?:dismissed|cancel+ed)/i },
  { kind: 'success', re: /device (?:was )?reassigned to\s+(?<user>[^\s(]+?)[.,]?(?:\s+\(uem user id (?<id>\d+)\))?(?:\s+in\s+(?<dur>\d+:\d\d:\d\d(?:\.\d+)?))?\s*$/i },
  { kind: 'failure', re: /device reassignment failed:?\s*(?<why>.*)$/i },
];

export function matchStep(message: string): { kind: StepKind; groups: Record<string, string | undefined> } | null {
  const line = message.trim();
  for (const p of reassignmentPatterns) {
    const m = p.re.exec(line);
    if (m) return { kind: p.kind, groups: { ...m.groups } };
  }
  return null;
}
