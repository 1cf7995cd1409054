// Changes: Workspace ONE user mode and Intune primary user, for one device or thousands.
import { EmptyState } from '../../ui/EmptyState.tsx';

export function ChangesView() {
  return (
    <section aria-labelledby="changes-title" className="area">
      <header className="area-header">
        <h1 id="changes-title">Changes</h1>
        <p className="area-hint">Preview first, then run with progress, resume after a crash, audit trail and undo.</p>
      </header>
      <EmptyState title="No change jobs yet">
        <p>Switch Workspace ONE devices between Single user and Multiuser, make Intune devices shared or assign a primary user — from a device card, a search or a CSV.</p>
        <p className="muted">Mode changes are not connected yet in this build.</p>
      </EmptyState>
    </section>
  );
}
