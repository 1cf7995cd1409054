// The Tenants screen in the browser preview: the real profile forms, read-only with their hints, so a newcomer
// sees what connecting a tenant asks for, and a line on why they are read-only here and what connecting needs.
import { useState } from 'react';
import type { ProfileDraft } from '../../../../electron/common/profiles.ts';
import { ProfileForm } from './ProfileForm.tsx';
import { previewGraphScopes } from './preview-needs.ts';

const drafts: Record<string, { label: string; draft: ProfileDraft }> = {
  intune: { label: 'Microsoft Intune', draft: { kind: 'intune', name: '', cloud: 'global' } },
  ws1OAuth: { label: 'Workspace ONE, OAuth client', draft: { kind: 'ws1', name: '', authMethod: 'oauth', region: 'na' } },
  ws1Basic: { label: 'Workspace ONE, admin account and API key', draft: { kind: 'ws1', name: '', authMethod: 'basic' } },
};

export function PreviewForms() {
  const [shown, setShown] = useState<keyof typeof drafts>('intune');
  const s = previewGraphScopes;
  return (
    <section className="panel preview-forms" aria-label="What connecting a tenant asks for">
      <h2>What connecting a tenant asks for</h2>
      <p role="note">
        This browser preview runs on the demo tenant only, so these forms are read-only here: real tenants, sign-in and secrets are available only in
        the desktop app, which keeps tokens and secrets in its main process and the OS keychain.
      </p>
      <ul className="preview-needs">
        <li>
          <strong>Intune:</strong> an Entra app registration (public client, redirect http://localhost) with the delegated Graph permissions {s.read.join(' and ')} to search;{' '}
          {s.write.join(', ')} and {s.privileged.join(', ')} are asked the first time you change a device, and {s.auditLogs.join(', ')} only if you read the
          sign-in logs (Entra ID P1 or P2). You sign in as yourself, in the system browser or with a device code.
        </li>
        <li>
          <strong>Workspace ONE UEM:</strong> the REST API host, and either an OAuth client (client ID and secret, from Groups &amp; Settings › Configurations ›
          OAuth Client Management) with its token region, or an admin account with the API key (aw-tenant-code) from Groups &amp; Settings › All Settings › System › Advanced › API › REST API. An OAuth client is given an admin role when it is created: one allowed to read devices and change their user mode.
        </li>
      </ul>
      <div className="view-switch" role="group" aria-label="Form shown">
        {Object.entries(drafts).map(([k, v]) => (
          <button key={k} type="button" aria-pressed={shown === k} onClick={() => setShown(k)}>
            {v.label}
          </button>
        ))}
      </div>
      <fieldset disabled className="preview-form">
        <legend className="muted">Read-only in the preview</legend>
        <ProfileForm preview={drafts[shown].draft} />
      </fieldset>
    </section>
  );
}
