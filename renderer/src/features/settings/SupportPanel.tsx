// The Tenants screen's support panel: how the connected Workspace ONE tenant's mode changes are shaped
// (verified against its API description, or not), and "Copy API trace" for a support ticket.
import { useEffect, useState } from 'react';
import { call } from '../../api.ts';
import { useApp } from '../../app/store.ts';

export function SupportPanel() {
  const tenant = useApp((s) => s.info?.tenant.label);
  const [wire, setWire] = useState<{ connected: boolean; verified: boolean; line: string } | null>(null);
  const [copied, setCopied] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    call('ws1ModeWireStatus').then(
      (w) => live && setWire(w),
      () => live && setWire(null),
    );
    return () => {
      live = false;
    };
  }, [tenant]);

  const copyTrace = async () => {
    try {
      const t = await call('supportApiTrace');
      await navigator.clipboard.writeText(t.text);
      setCopied(`Copied the last ${t.calls} API calls (no tokens, secrets, query values or user names).`);
    } catch {
      setCopied('The API trace could not be copied.');
    }
  };

  return (
    <section className="panel" aria-label="Support">
      <h2>Support</h2>
      {wire?.connected && (
        <p className={wire.verified ? 'muted' : 'warning-text'} data-testid="ws1-mode-wire">
          {wire.line}
        </p>
      )}
      <button type="button" onClick={() => void copyTrace()}>
        Copy API trace
      </button>
      {copied && <p role="status">{copied}</p>}
    </section>
  );
}
