// Filters by level, component, thread, time range and text (plain or regex, any case). Level boxes apply
// at once; Enter applies the rest;
// the match count streams while the filter runs, and Esc or Cancel stops it.
import type { FormEvent } from 'react';
import type { LogLevel } from '../../../../electron/common/logs.ts';
import { toggleLevel } from './levels.ts';
import { useLogs } from './store.ts';

const levelChoices: { level: LogLevel; label: string }[] = [
  { level: 'error', label: 'Errors' },
  { level: 'warning', label: 'Warnings' },
  { level: 'info', label: 'Info' },
  { level: 'unparsed', label: 'Unparsed' },
];

export function FilterBar() {
  const { draft, setDraft, applyFilter, clearFilter, cancelFilter, filtering, viewId, total } = useLogs();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void applyFilter();
  };
  // Level boxes apply at once, like CMTrace's and klogg's; text and time wait for Enter or Filter.
  const onLevel = (level: LogLevel) => {
    setDraft({ levels: toggleLevel(draft.levels, level) });
    void applyFilter();
  };

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
      <input className="filter-text" type="search" placeholder="Text in message" aria-label="Filter text" value={draft.text.pattern} onChange={(e) => setDraft({ text: { ...draft.text, pattern: e.target.value } })} />
      <label className="chip" title="Regular expression">
        <input type="checkbox" checked={draft.text.regex} onChange={(e) => setDraft({ text: { ...draft.text, regex: e.target.checked } })} />
        .*
      </label>
      <label className="chip" title="Match case">
        <input type="checkbox" checked={draft.text.caseSensitive} onChange={(e) => setDraft({ text: { ...draft.text, caseSensitive: e.target.checked } })} />
        Aa
      </label>
      <input className="filter-small" placeholder="Component" aria-label="Component (comma separated)" value={draft.component} onChange={(e) => setDraft({ component: e.target.value })} />
      <input className="filter-small" placeholder="Thread" aria-label="Thread (comma separated)" value={draft.thread} onChange={(e) => setDraft({ thread: e.target.value })} />
      <input className="filter-time" type="datetime-local" step="1" aria-label="From time" value={draft.from} onChange={(e) => setDraft({ from: e.target.value })} />
      <input className="filter-time" type="datetime-local" step="1" aria-label="To time" value={draft.to} onChange={(e) => setDraft({ to: e.target.value })} />
      <button type="submit">Filter</button>
      {viewId && (
        <button type="button" onClick={clearFilter}>
          Show all
        </button>
      )}
      <span className="filter-status" role="status" aria-live="polite">
        {filtering ? (
          <>
            {filtering.matches.toLocaleString()} matches in {filtering.scanned.toLocaleString()} records…{' '}
            <button type="button" onClick={() => void cancelFilter()}>
              Cancel
            </button>
          </>
        ) : viewId ? (
          `${total.toLocaleString()} matching records`
        ) : null}
      </span>
    </form>
  );
}
