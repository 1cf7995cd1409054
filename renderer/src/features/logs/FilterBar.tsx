// Filters by level, text (plain or regex, any case) and, under "More filters", component, thread and
// a time range typed in the log's own format. Level boxes apply at once; Enter applies the rest; the
// match count streams while the filter runs, and Esc or Cancel stops it. The results show in the search
// pane under all records, or ("Results pane" off in the toolbar's More menu) in place of them.
import type { FormEvent } from 'react';
import { MAX_PATTERN_CHARS, type LogLevel } from '../../../../electron/common/logs.ts';
import { toggleLevel } from './levels.ts';
import { Overflow } from './Overflow.tsx';
import { useLogs } from './store.ts';
import { useLogTimeFormat } from './useLogTimeFormat.ts';
import { LikeChips } from './like-this/RecordMenu.tsx';
import { SavedSets } from './saved-sets/SavedSets.tsx';

const levelChoices: { level: LogLevel; label: string }[] = [
  { level: 'error', label: 'Errors' },
  { level: 'warning', label: 'Warnings' },
  { level: 'info', label: 'Info' },
  { level: 'unparsed', label: 'Unparsed' },
];

export function FilterBar() {
  const { draft, setDraft, applyFilter, clearFilter, cancelFilter, filtering, viewId, total, timeFormat, hits } = useLogs();
  useLogTimeFormat();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void applyFilter();
  };
  // Level boxes apply at once, like CMTrace's and klogg's; text and time wait for Enter or Filter.
  const onLevel = (level: LogLevel) => {
    setDraft({ levels: toggleLevel(draft.levels, level) });
    void applyFilter();
  };
  const more = [draft.component, draft.thread, draft.from, draft.to].filter((v) => v.trim()).length;

  return (
    <form className="filter-bar" onSubmit={submit} onKeyDown={(e) => e.key === 'Escape' && filtering && void cancelFilter()} aria-label="Filter records">
      <fieldset className="levels">
        <legend className="visually-hidden">Levels</legend>
        {levelChoices.map((c) => (
          <label key={c.level} className={`chip level-chip-${c.level}`}>
            <input type="checkbox" checked={draft.levels.includes(c.level)} onChange={() => onLevel(c.level)} />
            {c.label}
          </label>
        ))}
      </fieldset>
      <input className="filter-text" type="search" placeholder="Text in message" aria-label="Filter text" maxLength={MAX_PATTERN_CHARS} value={draft.text.pattern} onChange={(e) => setDraft({ text: { ...draft.text, pattern: e.target.value } })} />
      <label className="chip" title="Regular expression">
        <input type="checkbox" checked={draft.text.regex} onChange={(e) => setDraft({ text: { ...draft.text, regex: e.target.checked } })} />
        .*
      </label>
      <label className="chip" title="Match case">
        <input type="checkbox" checked={draft.text.caseSensitive} onChange={(e) => setDraft({ text: { ...draft.text, caseSensitive: e.target.checked } })} />
        Aa
      </label>
      <Overflow label={more ? `More filters (${more})` : 'More filters'}>
        <input className="filter-small" placeholder="Component" aria-label="Component (comma separated)" value={draft.component} onChange={(e) => setDraft({ component: e.target.value })} />
        <input className="filter-small" placeholder="Thread" aria-label="Thread (comma separated)" value={draft.thread} onChange={(e) => setDraft({ thread: e.target.value })} />
        <p className="muted time-hint" id="time-hint">
          Times as this log writes them{timeFormat.example ? `, e.g. ${timeFormat.example}` : ''}.
        </p>
        <label className="time-field">
          From
          <input className="filter-time" placeholder={timeFormat.template} aria-label={`From time, as ${timeFormat.template}`} aria-describedby="time-hint" value={draft.from} onChange={(e) => setDraft({ from: e.target.value })} />
        </label>
        <label className="time-field">
          To
          <input className="filter-time" placeholder={timeFormat.template} aria-label={`To time, as ${timeFormat.template}`} aria-describedby="time-hint" value={draft.to} onChange={(e) => setDraft({ to: e.target.value })} />
        </label>
      </Overflow>
      <LikeChips />
      <button type="submit">Filter</button>
      {(viewId || hits) && (
        <button type="button" onClick={clearFilter}>
          Show all
        </button>
      )}
      <SavedSets />
      <span className="filter-status" role="status" aria-live="polite">
        {filtering ? (
          <>
            {filtering.matches.toLocaleString()} matches in {filtering.scanned.toLocaleString()} records…{' '}
            <button type="button" onClick={() => void cancelFilter()}>
              Cancel
            </button>
          </>
        ) : viewId || hits ? (
          `${(hits?.total ?? total).toLocaleString()} matching records`
        ) : null}
      </span>
    </form>
  );
}
