// Lookup: find a device by name, serial or any user who used it, across Intune and Workspace ONE.
import { EmptyState } from '../../ui/EmptyState.tsx';

export function LookupView() {
  return (
    <section aria-labelledby="lookup-title" className="area">
      <header className="area-header">
        <h1 id="lookup-title">Lookup</h1>
        <p className="area-hint">Intune and Workspace ONE at once, also offline from the local cache.</p>
      </header>
      <EmptyState title="Search for a device or a person">
        <p>Type a device name, a serial number, or the name of anyone who used the device — primary, enrolled, enrolled-by or signed-in users all count.</p>
        <ul className="examples">
          <li>
            <kbd>LAB-</kbd> every lab device whose name starts so
          </li>
          <li>
            <kbd>anna.berg@contoso.com</kbd> every device Anna signed in to
          </li>
          <li>
            <kbd>5CG1234XYZ</kbd> a serial number, on both platforms
          </li>
        </ul>
        <p className="muted">Device search is not connected yet in this build.</p>
      </EmptyState>
    </section>
  );
}
