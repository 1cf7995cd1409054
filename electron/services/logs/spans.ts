// Marks for highlighting: where the find pattern matches in the texts on screen, searched on a log worker
// (spans-job.ts) under a time budget; main only hands the texts on.
import { AppError } from '../../common/errors.ts';
import type { LogTextQuery } from '../../common/logs.ts';
import { JobBudget } from './job-budget.ts';
import type { Engine } from './session.ts';

/**
 * How long marking a screen of texts may take: RE2 does it in milliseconds; a pattern only V8 runs
 * (look-around, back-references) that backtracks past this is stopped (its worker ended by the pool).
 */
export const MARK_BUDGET_MS = 2000;

/**
 * Where `text` matches in texts the viewer shows (row messages, the detail pane's body as displayed),
 * found on a log worker, so no pattern runs on main or in the window. Empty matches are left out.
 */
export async function markTexts(e: Engine, text: LogTextQuery, texts: string[], signal?: AbortSignal, budgetMs = MARK_BUDGET_MS): Promise<[number, number][][]> {
  if (!texts.length) return [];
  // The budget runs from the moment a worker starts the job (a job may wait behind a long filter).
  const budget = new JobBudget(budgetMs, signal);
  try {
    const spans = await e.pool.run<[number, number][][] | null>({ kind: 'spans', job: { texts, text, maxSpans: 500 } }, (msg) => msg.type === 'started' && budget.start(), budget.signal);
    if (spans) return spans;
  } catch (err) {
    if (!budget.spent) throw err;
  } finally {
    budget.end();
  }
  if (budget.spent) {
    throw new AppError('timeout', `The matches on screen were not marked: the pattern ran for more than ${budgetMs / 1000} s on them. The records are still found; a pattern without look-around or back-references is marked at once.`);
  }
  throw new AppError('cancelled', 'The log task was cancelled.');
}
