// Logs: open device logs (files, folders, zips) and explain each reassignment attempt.
import { EmptyState } from '../../ui/EmptyState.tsx';

export function LogsView() {
  return (
    <section aria-labelledby="logs-title" className="area">
      <header className="area-header">
        <h1 id="logs-title">Logs</h1>
        <p className="area-hint">Intelligent Hub, Intune Management Extension (CMTrace) and other timestamped logs, any size.</p>
      </header>
      <EmptyState title="Open device logs">
        <p>Drop a log file, a folder or a Collect-diagnostics zip here. Multi-gigabyte files open at once.</p>
        <p>
          For a Multiuser device that did not switch to the signed-in user, open its <kbd>DeviceReassignment-YYYYMMDD.log</kbd>: every attempt is
          explained — who, which identifier, retries and the outcome.
        </p>
        <p className="muted">The log viewer is not connected yet in this build.</p>
      </EmptyState>
    </section>
  );
}
