// Changes: Workspace ONE user mode and Intune primary user, for one device or thousands, with preview,
// progress, resume after a crash, an audit trail and undo.
import { useEffect } from 'react';
import { useApp } from '../../app/store.ts';
import { AuditPanel } from './AuditPanel.tsx';
import { JobsPanel } from './JobsPanel.tsx';
import { PlanPanel } from './PlanPanel.tsx';
import { useChanges } from './store.ts';
import './changes.css';

const tabs = [
  { id: 'new', label: 'New change' },
  { id: 'jobs', label: 'Jobs' },
  { id: 'audit', label: 'Audit trail' },
] as const;

export function ChangesView() {
  const s = useChanges();
  const { onProgress, onPlanProgress, loadJobs, setTab } = s;
  const request = useApp((a) => a.changeRequest);
  useEffect(() => {
    if (request) setTab('new');
  }, [request, setTab]);
  useEffect(() => window.helpdesk.onJobProgress(onProgress), [onProgress]);
  useEffect(() => window.helpdesk.onPlanProgress((p) => onPlanProgress(p.text)), [onPlanProgress]);
  useEffect(() => {
    void loadJobs();
  }, [loadJobs]);
  const interrupted = s.jobs.filter((j) => !j.running && (j.status === 'running' || (j.status === 'paused' && j.pausedBy === 'interrupted')));

  return (
    <section aria-labelledby="changes-title" className="area changes-area">
      <header className="area-header">
        <h1 id="changes-title">Changes</h1>
        <p className="area-hint">Preview first, then run with progress, resume after a crash, audit trail and undo.</p>
      </header>
      {interrupted.length > 0 && s.tab !== 'jobs' && (
        <p className="report report-bad" role="alert">
          {interrupted.length} job{interrupted.length > 1 ? 's were' : ' was'} interrupted.{' '}
          <button type="button" className="link" onClick={() => s.setTab('jobs')}>
            Review and resume
          </button>
        </p>
      )}
      <div className="subtabs" role="tablist" aria-label="Changes">
        {tabs.map((t) => (
          <button key={t.id} type="button" role="tab" aria-selected={s.tab === t.id} onClick={() => s.setTab(t.id)}>
            {t.label}
          </button>
        ))}
      </div>
      {s.error && (
        <p className="inline-error" role="alert">
          {s.error}
        </p>
      )}
      {s.busy && <p className="muted">{s.busy}</p>}
      {s.planning && (
        <p className="muted" role="status">
          {s.planWait ? `${s.planWait}.` : 'Reading the devices…'}{' '}
          <button type="button" className="link" onClick={() => void s.cancelPlan()}>
            Stop preparing the preview
          </button>
        </p>
      )}
      {s.notice && <p role="status">{s.notice}</p>}
      {s.tab === 'new' && <PlanPanel />}
      {s.tab === 'jobs' && <JobsPanel />}
      {s.tab === 'audit' && <AuditPanel />}
    </section>
  );
}
