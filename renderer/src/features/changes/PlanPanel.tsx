// A new change: what to do, to which devices (names or serials, a pasted CSV column, or every result of
// a search), then the preview with the typed confirmation.
import { useEffect, type FormEvent } from 'react';
import type { ActionId } from '../../../../electron/common/jobs.ts';
import { useApp } from '../../app/store.ts';
import { PreviewTable } from './PreviewTable.tsx';
import { goalChoices, useChanges, type GoalChoice } from './store.ts';
import { when } from '../../ui/format.ts';

const goalForFix: Record<ActionId, GoalChoice> = {
  'ws1.changeToMultiuser': 'multiuser',
  'ws1.migrateToMultiuser': 'migrate',
  'ws1.changeToSingleuser': 'singleuser',
  'intune.removePrimaryUser': 'shared',
  'intune.assignPrimaryUser': 'user',
  'intune.syncDevice': 'sync',
};

export function PlanPanel() {
  const s = useChanges();
  const request = useApp((a) => a.changeRequest);
  const clearRequest = useApp((a) => a.requestChange);
  const { setForm, plan } = s;

  // A fix chosen on a device card arrives here, already filled in and previewed.
  useEffect(() => {
    if (!request) return;
    const goal = goalForFix[request.actionId as ActionId];
    if (goal) {
      const user = request.params.userId ? { id: request.params.userId, upn: request.params.upn } : null;
      // A card action may name the goal itself (last, most frequent, or a user still to be chosen).
      const asked = request.params.goal as GoalChoice | undefined;
      const chosen = asked ?? (goal === 'user' && !request.params.upn ? 'lastSignedIn' : goal);
      setForm({ goal: chosen, upn: request.params.upn ?? '', targets: request.deviceName, match: 'exact', user });
      if (!(chosen === 'user' && !request.params.upn)) void plan();
    } else {
      // Devices handed over from a search: the technician picks what to do with them.
      setForm({ targets: request.deviceName, match: 'exact' });
    }
    clearRequest(null);
  }, [request, setForm, plan, clearRequest]);

  const f = s.form;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void s.plan();
  };
  const count = f.match === 'exact' ? f.targets.split(/[\r\n,;]+/).filter((x) => x.trim()).length : null;

  // A retry or an undo of a job is its own preview: it replaces the form instead of sitting under a stale one.
  if (s.preview && s.followUp) {
    const of = s.jobs.find((j) => j.id === s.followUp!.of);
    return (
      <div className="plan-panel">
        <p className="muted follow-up">
          {s.followUp.kind === 'undo' ? 'Undo' : 'Retry the failed devices'} of the job “{of?.goal ?? s.followUp.of}”{of ? ` (${when(of.createdAt)})` : ''}.{' '}
          <button type="button" className="link" onClick={() => void s.discardPreview()}>
            Back to a new change
          </button>
        </p>
        <PreviewTable />
      </div>
    );
  }

  return (
    <div className="plan-panel">
      <form className="plan-form" onSubmit={submit} aria-label="New change">
        <label>
          Change (grouped by platform)
          <select aria-label="Change" value={f.goal} onChange={(e) => setForm({ goal: e.target.value as GoalChoice, user: null })}>
            {(['Workspace ONE', 'Intune'] as const).map((platform) => (
              <optgroup key={platform} label={`${platform} ${platform === 'Intune' ? '(primary user)' : '(user mode)'}`}>
                {goalChoices
                  .filter((g) => g.platform === platform)
                  .map((g) => (
                    <option key={g.value} value={g.value}>
                      {g.label}
                    </option>
                  ))}
              </optgroup>
            ))}
          </select>
        </label>
        {f.goal === 'user' && (
          <label>
            User (UPN)
            <input value={f.upn} onChange={(e) => setForm({ upn: e.target.value, user: null })} placeholder="anna.berg@contoso.com" />
          </label>
        )}
        {f.goal === 'mostFrequent' && (
          <label>
            Days
            <input type="number" min={1} max={365} value={f.days} onChange={(e) => setForm({ days: Number(e.target.value) || 30 })} />
          </label>
        )}
        <fieldset className="match">
          <legend>Devices</legend>
          <label>
            <input type="radio" checked={f.match === 'exact'} onChange={() => setForm({ match: 'exact' })} /> These names or serials
          </label>
          <label>
            <input type="radio" checked={f.match === 'query'} onChange={() => setForm({ match: 'query' })} /> Every result of a search
          </label>
        </fieldset>
        {f.match === 'exact' ? (
          <textarea
            aria-label="Device names or serials, one per line"
            rows={5}
            placeholder={'One device name or serial per line (or paste a CSV column)\nFLOOR-MU-001\nWS1-LEG-002'}
            value={f.targets}
            onChange={(e) => setForm({ targets: e.target.value })}
          />
        ) : (
          <input aria-label="Search" placeholder="e.g. WS1-LEG" value={f.targets} onChange={(e) => setForm({ targets: e.target.value })} />
        )}
        {f.goal !== 'multiuser' && f.goal !== 'migrate' && f.goal !== 'singleuser' && f.goal !== 'sync' && (
          <label className="inline">
            <input type="checkbox" checked={f.syncAfter} onChange={(e) => setForm({ syncAfter: e.target.checked })} /> Sync each device afterwards
          </label>
        )}
        <div className="form-actions">
          <button type="submit" className="primary" disabled={Boolean(s.busy)}>
            Preview{count ? ` ${count} device${count > 1 ? 's' : ''}` : ''}
          </button>
          <span className="muted">Nothing changes until you start it from the preview.</span>
        </div>
      </form>
      {s.preview && <PreviewTable />}
    </div>
  );
}
