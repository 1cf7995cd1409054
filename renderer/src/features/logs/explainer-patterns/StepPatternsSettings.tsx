// Settings: the reassignment explainer's step patterns — how many ship, and an extra pattern file a
// technician can load (checked in main against the pattern file schema; a bad file is refused and why).
import { useEffect, useState } from 'react';
import { call, UiError } from '../../../api.ts';

type Info = Awaited<ReturnType<typeof call<'logsStepPatterns'>>>;

export function StepPatternsSettings() {
  const [info, setInfo] = useState<Info | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void call('logsStepPatterns').then(setInfo, (e: unknown) => setError(String(e)));
  }, []);
  const load = async (file: File | undefined) => {
    if (!file) return;
    setError(null);
    try {
      setInfo(await call('logsStepPatternsLoad', { name: file.name, text: await file.text() }));
    } catch (err) {
      setError(err instanceof UiError ? err.message : String(err));
    }
  };
  return (
    <section className="settings-section" aria-labelledby="step-patterns-title">
      <h2 id="step-patterns-title">Reassignment log patterns</h2>
      <p className="muted">
        The explainer recognises DeviceReassignment log lines by what they say. {info ? `${info.shipped} patterns ship with the app.` : ''} A Hub version that writes other wording
        can be taught with an extra pattern file (same JSON format as the shipped step-patterns.json); its patterns are tried first.
      </p>
      <p role="status">{info?.extra ? `Extra patterns: ${info.extra.name} (${info.extra.count}).` : 'No extra pattern file loaded.'}</p>
      <label className="file-pick">
        Load a pattern file… <input type="file" accept=".json,application/json" onChange={(e) => void load(e.target.files?.[0])} aria-label="Load an extra pattern file" />
      </label>
      {info?.extra && (
        <button type="button" onClick={() => void call('logsStepPatternsClear').then(setInfo)}>
          Forget the extra patterns
        </button>
      )}
      {error && (
        <p className="inline-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
