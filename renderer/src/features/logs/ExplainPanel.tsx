// Each reassignment attempt in plain language: who signed in, which identifier was sent, retries, and
// the outcome with its reason. A click jumps to the attempt's first record, in merged views too.
import { useLogs } from './store.ts';
import { AttemptSteps } from './explainer-patterns/AttemptSteps.tsx';

const outcomeLabel = { reassigned: 'Reassigned', already_assigned: 'Already assigned', failed: 'Failed', unknown: 'Unfinished' } as const;

export function ExplainPanel() {
  const { attempts, session, revealRecord } = useLogs();
  if (!attempts) return <p className="muted">Reading the reassignment log…</p>;
  if (attempts.length === 0)
    return <p className="muted">No reassignment attempts here. Open a Workspace ONE <kbd>DeviceReassignment-YYYYMMDD.log</kbd> (or a bundle that holds one).</p>;
  const fileOf = (path: string): number => session?.files.findIndex((f) => f.path === path) ?? -1;
  const failed = attempts.filter((a) => a.outcome === 'failed').length;
  // Newest first: the technician is asking about the sign-in that just went wrong.
  const newestFirst = attempts.map((a, i) => ({ a, i })).reverse();
  return (
    <>
      <p className="attempts-summary">
        {attempts.length} attempt{attempts.length > 1 ? 's' : ''}, {failed} failed. Newest first.
      </p>
      <ol className="attempts" aria-label="Reassignment attempts">
        {newestFirst.map(({ a, i }) => (
          <li key={`${a.file}-${a.firstRecord}`} className={`attempt outcome-${a.outcome}`}>
            <button type="button" className="attempt-head" onClick={() => fileOf(a.file) >= 0 && void revealRecord(fileOf(a.file), a.firstRecord)} title={`Show in the log (${a.file})`}>
              <span className="attempt-outcome">{outcomeLabel[a.outcome]}</span>
              <span>
                #{i + 1} · {a.start ?? 'time unknown'}
              </span>
            </button>
            <p className="attempt-verdict">{a.verdict}</p>
            <AttemptSteps attempt={a} onShow={fileOf(a.file) >= 0 ? (record) => void revealRecord(fileOf(a.file), record) : undefined} />
            <dl className="attempt-facts">
              <dt>Signed in</dt>
              <dd>{a.windowsUser ?? '—'}</dd>
              <dt>Was assigned to</dt>
              <dd>{a.previousUser ?? '—'}</dd>
              <dt>Identifier sent</dt>
              <dd>{a.identifier ? `${a.identifier.attribute} = ${a.identifier.value}` : '—'}</dd>
              <dt>UEM user</dt>
              <dd>{a.uemUser ?? 'not matched'}</dd>
              <dt>Retries</dt>
              <dd>
                {a.retries}
                {a.prompted ? ', then prompted for credentials' : ''}
              </dd>
              <dt>Took</dt>
              <dd>{a.durationMs === null ? '—' : `${Math.round(a.durationMs / 1000)} s`}</dd>
            </dl>
          </li>
        ))}
      </ol>
    </>
  );
}
