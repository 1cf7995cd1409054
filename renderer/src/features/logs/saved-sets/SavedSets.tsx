// The filter bar's saved sets: pick one to apply its filters, like-this terms and highlight rules; save
// the current ones under a name, delete, import and export them as JSON (main checks and keeps them).
import { useEffect, useState, type ChangeEvent } from 'react';
import type { SavedSet } from '../../../../../electron/common/logs-marks.ts';
import { call, errorMessage } from '../../../api.ts';
import { Overflow } from '../Overflow.tsx';
import { useLogs } from '../store.ts';


const savedNote = (to: string | null): string => (to ? `Saved sets exported to ${to}.` : 'Nothing was saved.');

/** The filter being edited and the highlight rules, as a set named `name`. */
function currentSet(name: string): SavedSet {
  const { draft, highlights } = useLogs.getState();
  return { name, filter: { levels: draft.levels, component: draft.component, thread: draft.thread, text: draft.text, like: draft.like ?? [] }, highlights };
}

function applySet(set: SavedSet): void {
  const logs = useLogs.getState();
  logs.setDraft({ ...set.filter });
  useLogs.setState({ highlights: set.highlights });
  void useLogs.getState().applyFilter();
}

export function SavedSets() {
  const [sets, setSets] = useState<SavedSet[]>([]);
  const [chosen, setChosen] = useState('');
  const [name, setName] = useState('');
  const [note, setNote] = useState<string | null>(null);
  const reload = () => call('logsSavedSets').then(setSets, (err) => setNote(errorMessage(err)));
  useEffect(() => {
    void reload();
  }, []);
  const act = async (fn: () => Promise<string | null>) => {
    try {
      setNote(await fn());
      await reload();
    } catch (err) {
      setNote(errorMessage(err));
    }
  };
  const pick = (value: string) => {
    setChosen(value);
    const set = sets.find((s) => s.name === value);
    if (set) applySet(set);
  };
  const onImport = (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (file) void act(async () => `${(await call('logsSavedSetsImport', { name: file.name, text: await file.text() })).imported} sets imported from ${file.name}.`);
  };
  return (
    <span className="saved-sets">
      <Overflow label="Sets">
        <select aria-label="Saved set" value={chosen} onChange={(e) => pick(e.target.value)}>
          <option value="">Saved sets…</option>
          {sets.map((s) => (
            <option key={s.name} value={s.name}>
              {s.name}
            </option>
          ))}
        </select>
        <input aria-label="Name for the current filters and highlights" placeholder="Name" value={name} onChange={(e) => setName(e.target.value)} />
        <button type="button" disabled={!name.trim()} onClick={() => void act(async () => (await call('logsSavedSetSave', currentSet(name.trim())), setChosen(name.trim()), `Saved as “${name.trim()}”.`))}>
          Save current
        </button>
        <button type="button" disabled={!chosen} onClick={() => void act(async () => (await call('logsSavedSetRemove', { name: chosen }), setChosen(''), `“${chosen}” deleted.`))}>
          Delete chosen
        </button>
        <label className="button-like">
          Import…
          <input type="file" accept=".json,application/json" className="visually-hidden" aria-label="Import saved sets from a file" onChange={onImport} />
        </label>
        <button type="button" disabled={!sets.length} onClick={() => void act(async () => savedNote((await call('logsSavedSetsExport')).savedTo))}>
          Export…
        </button>
      </Overflow>
      {note && (
        <span className="muted saved-sets-note" role="status" title={note}>
          {note}
        </span>
      )}
    </span>
  );
}
