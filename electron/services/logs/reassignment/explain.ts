// Groups DeviceReassignment records into attempts and gives each a verdict in plain language.
import type { ReassignmentAttempt, ReassignmentVerdict } from '../../../common/logs.ts';
import { StepMatcher } from './patterns.ts';

/** Steps kept per attempt for the technician to read (the count of unrecognised lines goes on). */
const MAX_STEPS = 200;

export interface ExplainRecord {
  index: number;
  time: string | null;
  timeMs: number | null;
  message: string;
}

interface Draft extends ReassignmentAttempt {
  startMs: number | null;
  endMs: number | null;
  notFound: boolean;
  restricted: boolean;
  groupMode: boolean;
  timedOut: boolean;
  httpStatus: string | null;
  dismissed: boolean;
  workgroup: boolean;
  already: boolean;
  failureText: string | null;
  stepMs: number | null;
}

function newDraft(file: string, r: ExplainRecord, windowsUser: string | null): Draft {
  return {
    file,
    firstRecord: r.index,
    lastRecord: r.index,
    start: r.time,
    end: r.time,
    durationMs: null,
    windowsUser,
    previousUser: null,
    joinType: null,
    identifier: null,
    uemUser: null,
    retries: 0,
    prompted: false,
    outcome: 'unknown',
    reassignedTo: null,
    reason: 'unknown',
    verdict: '',
    unrecognised: 0,
    steps: [],
    startMs: r.timeMs,
    endMs: r.timeMs,
    notFound: false,
    restricted: false,
    groupMode: false,
    timedOut: false,
    httpStatus: null,
    dismissed: false,
    workgroup: false,
    already: false,
    failureText: null,
    stepMs: null,
  };
}

const localPart = (s: string): string => s.replace(/^.*\\/, '').replace(/@.*$/, '').toLowerCase();

function finish(d: Draft): ReassignmentAttempt {
  const who = d.windowsUser ?? 'the signed-in user';
  const id = d.identifier ? `${d.identifier.attribute} '${d.identifier.value}'` : 'the unique identifier';
  let reason: ReassignmentVerdict = 'unknown';
  let verdict: string;
  // Why silent reassignment failed, most specific first.
  const mismatch = d.notFound && !!d.identifier && (/guid/i.test(d.identifier.attribute) || (d.windowsUser !== null && localPart(d.identifier.value) !== localPart(d.windowsUser)));
  const cause: [ReassignmentVerdict, string] | null = d.restricted
    ? ['checkout_restricted', `${who} is excluded by the Multiuser checkout restrictions, so the device stays with its current user.`]
    : d.groupMode
      ? ['group_assignment_prompt', "Shared Device Group Assignment Mode is 'Prompt User for Organization Group', which prevents silent reassignment; set it to Fixed Organization Group."]
      : mismatch
        ? ['identifier_mismatch', `UEM has no user with ${id}: the unique identifier sent for ${who} does not match the attribute synced to UEM (check the Attributes for Unique Identifier setting; User Principal Name is recommended).`]
        : d.notFound
          ? ['user_not_found', `UEM has no user with ${id}: ${who} is not synced to Workspace ONE (check the directory sync).`]
          : d.timedOut
            ? ['timeout', 'The user-switch call to UEM timed out; check the network path to the UEM device services.']
            : d.httpStatus
              ? ['http_error', `The user-switch call to UEM failed with HTTP ${d.httpStatus}.`]
              : d.dismissed
                ? ['prompt_dismissed', `${who} dismissed the credential prompt, so the device was not reassigned.`]
                : d.workgroup
                  ? ['workgroup_prompt', 'The device is in a workgroup: Hub cannot reassign silently and prompts the user for credentials.']
                  : null;
  let outcome: ReassignmentAttempt['outcome'];
  if (d.reassignedTo) {
    outcome = 'reassigned';
    reason = 'reassigned';
    verdict = `Reassigned to ${d.reassignedTo}${d.retries ? ` after ${d.retries} retr${d.retries === 1 ? 'y' : 'ies'}` : ''}${d.prompted ? ' once the user entered credentials' : ''}.`;
    if (cause && d.prompted) verdict += ` Silent reassignment failed first: ${cause[1]}`;
  } else if (d.already) {
    outcome = 'already_assigned';
    reason = 'already_assigned';
    verdict = `${who} is already the enrolled user; nothing to do.`;
  } else {
    outcome = d.failureText !== null || cause ? 'failed' : 'unknown';
    if (cause) [reason, verdict] = cause;
    else verdict = d.failureText ? `Reassignment failed: ${d.failureText}` : 'The log ends before this attempt finished.';
  }
  const durationMs = d.stepMs ?? (d.startMs !== null && d.endMs !== null ? d.endMs - d.startMs : null);
  return {
    file: d.file,
    firstRecord: d.firstRecord,
    lastRecord: d.lastRecord,
    start: d.start,
    end: d.end,
    durationMs,
    windowsUser: d.windowsUser,
    previousUser: d.previousUser,
    joinType: d.joinType,
    identifier: d.identifier,
    uemUser: d.uemUser,
    retries: d.retries,
    prompted: d.prompted,
    outcome,
    reassignedTo: d.reassignedTo,
    reason,
    verdict,
    unrecognised: d.unrecognised,
    steps: d.steps,
  };
}

/** Feeds records in file order; `done()` returns the attempts. */
export class ReassignmentExplainer {
  private readonly attempts: ReassignmentAttempt[] = [];
  private cur: Draft | null = null;

  constructor(
    private readonly file: string,
    private readonly matcher: StepMatcher = new StepMatcher(),
  ) {}

  add(r: ExplainRecord): void {
    const step = this.matcher.match(r.message);
    if (step?.kind === 'trigger') {
      this.close();
      this.cur = newDraft(this.file, r, step.groups.user ?? null);
      this.note(r, 'trigger');
      return;
    }
    if (!this.cur) {
      // Lines before any trigger (e.g. a log that starts mid-attempt) open an attempt of their own.
      if (!step) return;
      this.cur = newDraft(this.file, r, null);
    }
    const d = this.cur;
    d.lastRecord = r.index;
    if (r.time) d.end = r.time;
    if (r.timeMs !== null) d.endMs = r.timeMs;
    this.note(r, step?.kind ?? 'unrecognised');
    if (!step) {
      d.unrecognised++;
      return;
    }
    const g = step.groups;
    const status = g.status && Number(g.status) >= 400 ? g.status : null;
    if (status && step.kind !== 'notFound') d.httpStatus ??= status;
    switch (step.kind) {
      case 'current': d.previousUser = g.user ?? null; break;
      case 'already': d.already = true; break;
      case 'join': d.joinType = g.join ?? null; break;
      case 'identifier': d.identifier = { attribute: g.attribute ?? '', value: g.value ?? '' }; break;
      case 'matched': d.uemUser = g.user ?? null; break;
      case 'notFound':
        d.notFound = true;
        if (!d.identifier && g.attribute && g.value) d.identifier = { attribute: g.attribute, value: g.value };
        break;
      case 'restricted': d.restricted = true; break;
      case 'groupMode': d.groupMode = true; break;
      case 'timeout': d.timedOut = true; break;
      case 'retryWait': d.retries++; break;
      case 'workgroup': d.workgroup = true; d.prompted = true; break;
      case 'prompt': d.prompted = true; break;
      case 'promptDismissed': d.dismissed = true; break;
      case 'promptEntered': d.prompted = true; break;
      case 'success':
        d.reassignedTo = g.user ?? d.uemUser ?? d.windowsUser ?? 'the signed-in user';
        d.stepMs = g.dur ? Number(g.dur) : null;
        this.close();
        break;
      case 'failure':
        d.failureText = (g.why ?? '').trim() || 'no reason given';
        this.close();
        break;
      default:
        break;
    }
  }

  private note(r: ExplainRecord, kind: string): void {
    const d = this.cur;
    if (d && d.steps.length < MAX_STEPS) d.steps.push({ record: r.index, kind, text: r.message.split('\n')[0].slice(0, 300) });
  }

  private close(): void {
    if (this.cur) this.attempts.push(finish(this.cur));
    this.cur = null;
  }

  done(): ReassignmentAttempt[] {
    this.close();
    return this.attempts;
  }
}
