// The lines of one reassignment attempt, each with the step it was read as; a line no pattern knows is
// shown as "unrecognised step", inside its attempt.
import type { ReassignmentAttempt } from '../../../../../electron/common/logs.ts';
import '../timeline/timeline.css';
import './explainer-patterns.css';

export function AttemptSteps({ attempt, onShow }: { attempt: ReassignmentAttempt; onShow?: (record: number) => void }) {
  if (!attempt.steps.length) return null;
  return (
    <details className="attempt-steps">
      <summary>
        {attempt.steps.length} lines{attempt.unrecognised ? `, ${attempt.unrecognised} not recognised` : ''}
      </summary>
      <ol className="record-steps">
        {attempt.steps.map((s) => (
          <li key={s.record} className={s.kind === 'unrecognised' ? 'step-unrecognised' : undefined}>
            <button type="button" className="link" onClick={() => onShow?.(s.record)} disabled={!onShow}>
              <span className="step-label">{s.kind === 'unrecognised' ? 'unrecognised step' : s.kind}</span> {s.text}
            </button>
          </li>
        ))}
      </ol>
    </details>
  );
}
