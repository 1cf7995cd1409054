// The setup form for one tenant profile. Secrets are typed here once, sent to main, and never shown
// again: an empty secret field on an existing profile keeps the saved one, unless the host, region, user
// name or method changed (then the form says before saving that the saved secrets will be cleared).
import type { FormEvent, ReactNode } from 'react';
import { defaultGuardRails, type GuardRails } from '../../../../electron/common/jobs.ts';
import { draftClearsSecrets, intuneClouds, ws1Regions, type ProfileDraft } from '../../../../electron/common/profiles.ts';
import { useSettings } from './store.ts';

function Field({ id, label, hint, children }: { id: string; label: string; hint?: string; children: ReactNode }) {
  const problem = useSettings((s) => s.problems[id]);
  return (
    <div className={`field${problem ? ' has-problem' : ''}`}>
      <label htmlFor={`f-${id}`}>{label}</label>
      {children}
      {hint && !problem && <small className="muted">{hint}</small>}
      {problem && (
        <small className="problem" role="alert">
          {problem}
        </small>
      )}
    </div>
  );
}

/** A saved profile's guard rails and never-choose patterns as the form's text fields (none saved: empty, the defaults apply). */
export function guardDraft(p: { guardRails?: GuardRails; neverChoose?: string[] }): Pick<ProfileDraft, 'reasonAbove' | 'stageAbove' | 'neverChoose'> {
  const g = p.guardRails;
  return { ...(g ? { reasonAbove: String(g.reasonAbove), stageAbove: String(g.stageAbove) } : {}), ...(p.neverChoose?.length ? { neverChoose: p.neverChoose.join('\n') } : {}) };
}

/** `preview`: the form of that draft shown read-only (the browser preview, PreviewForms.tsx), with no buttons. */
export function ProfileForm({ preview }: { preview?: ProfileDraft } = {}) {
  const { editing, patch: patchDraft, save, edit, busy, problems } = useSettings();
  const d = preview ?? editing;
  const patch = preview ? () => {} : patchDraft;
  const existing = useSettings((s) => s.list?.profiles.find((v) => v.profile.id === d?.id)?.profile);
  if (!d) return null;
  const clears = draftClearsSecrets(existing, d);
  const text = (key: 'name' | 'tenant' | 'clientId' | 'apiHost' | 'username') => ({
    id: `f-${key}`,
    value: (d[key] as string | undefined) ?? '',
    onChange: (e: { target: { value: string } }) => patch({ [key]: e.target.value }),
    autoComplete: 'off',
    spellCheck: false,
  });
  const secret = (key: 'clientSecret' | 'apiKey' | 'password') => ({
    id: `f-${key}`,
    type: 'password',
    autoComplete: 'new-password',
    placeholder: d.id && !clears ? 'saved — leave empty to keep' : '',
    value: d.secrets?.[key] ?? '',
    onChange: (e: { target: { value: string } }) => patch({ secrets: { ...d.secrets, [key]: e.target.value } }),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void save();
  };

  return (
    <form className="profile-form" onSubmit={submit} aria-label={preview ? `${d.kind === 'intune' ? 'Intune' : 'Workspace ONE'} profile (read-only)` : 'Tenant profile'}>
      <h3>{preview ? (d.kind === 'intune' ? 'Microsoft Intune' : 'Workspace ONE UEM') : d.id ? 'Edit profile' : 'New profile'}</h3>
      {problems.form && <p className="problem">{problems.form}</p>}
      {(clears || problems.secrets) && (
        <p className="problem" role="status">
          {problems.secrets ?? 'Saving clears the saved secrets: the API host, token region, user name or authentication method changed, so enter them again.'}
        </p>
      )}
      <fieldset className="kind" disabled={Boolean(d.id)}>
        <legend>Platform</legend>
        <label>
          <input type="radio" name="kind" checked={d.kind === 'intune'} onChange={() => patch({ kind: 'intune', cloud: d.cloud ?? 'global' })} /> Microsoft Intune
        </label>
        <label>
          <input type="radio" name="kind" checked={d.kind === 'ws1'} onChange={() => patch({ kind: 'ws1', authMethod: d.authMethod ?? 'oauth', region: d.region ?? 'na' })} /> Workspace ONE UEM
        </label>
      </fieldset>
      <Field id="name" label="Name" hint='For you, e.g. "Contoso production".'>
        <input {...text('name')} />
      </Field>
      {d.kind === 'intune' ? (
        <>
          <Field id="tenant" label="Tenant" hint="Directory (tenant) ID, or a domain such as contoso.onmicrosoft.com.">
            <input {...text('tenant')} />
          </Field>
          <Field id="clientId" label="Application (client) ID" hint="Of your Entra app registration: public client, redirect http://localhost.">
            <input {...text('clientId')} />
          </Field>
          <Field id="cloud" label="Cloud">
            <select id="f-cloud" value={d.cloud ?? 'global'} onChange={(e) => patch({ cloud: e.target.value })}>
              {Object.entries(intuneClouds).map(([k, c]) => (
                <option key={k} value={k}>
                  {c.label}
                </option>
              ))}
            </select>
          </Field>
        </>
      ) : (
        <>
          <Field id="apiHost" label="API host" hint="The REST API host, e.g. as1506.awmdm.com (not the cn… console host).">
            <input {...text('apiHost')} />
          </Field>
          <Field id="authMethod" label="Authentication">
            <select id="f-authMethod" value={d.authMethod ?? 'oauth'} onChange={(e) => patch({ authMethod: e.target.value as 'oauth' | 'basic' })}>
              <option value="oauth">OAuth client (recommended)</option>
              <option value="basic">Basic: admin account and API key</option>
            </select>
          </Field>
          {(d.authMethod ?? 'oauth') === 'oauth' ? (
            <>
              <Field id="region" label="Token region">
                <select id="f-region" value={d.region ?? 'na'} onChange={(e) => patch({ region: e.target.value })}>
                  {Object.entries(ws1Regions).map(([k, r]) => (
                    <option key={k} value={k}>
                      {r.label}
                    </option>
                  ))}
                </select>
              </Field>
              <Field id="clientId" label="OAuth client ID">
                <input {...text('clientId')} />
              </Field>
              <Field id="clientSecret" label="OAuth client secret">
                <input {...secret('clientSecret')} />
              </Field>
            </>
          ) : (
            <>
              <Field id="username" label="Admin user name">
                <input {...text('username')} />
              </Field>
              <Field id="password" label="Password">
                <input {...secret('password')} />
              </Field>
            </>
          )}
          <Field id="apiKey" label={`API key (aw-tenant-code)${(d.authMethod ?? 'oauth') === 'oauth' ? ', optional' : ''}`}>
            <input {...secret('apiKey')} />
          </Field>
        </>
      )}
      <fieldset className="guard-rails">
        <legend>Bulk changes on this tenant</legend>
        <Field id="reasonAbove" label="Ask for a reason above (devices)" hint={`Empty: ${defaultGuardRails.reasonAbove}. The reason is recorded in the audit trail.`}>
          <input id="f-reasonAbove" inputMode="numeric" placeholder={String(defaultGuardRails.reasonAbove)} value={d.reasonAbove ?? ''} onChange={(e) => patch({ reasonAbove: e.target.value.trim() || undefined })} />
        </Field>
        <Field id="stageAbove" label="Start in stages above (devices)" hint={`Empty: ${defaultGuardRails.stageAbove.toLocaleString()}. The first 1 % runs, then the job pauses for a look.`}>
          <input id="f-stageAbove" inputMode="numeric" placeholder={String(defaultGuardRails.stageAbove)} value={d.stageAbove ?? ''} onChange={(e) => patch({ stageAbove: e.target.value.trim() || undefined })} />
        </Field>
        <Field
          id="neverChoose"
          label="Never choose these accounts as last or most frequent user"
          hint="One pattern per line, * for any text (e.g. svc-*, *kiosk*). DEM, staging and enrollment accounts are always left out."
        >
          <textarea id="f-neverChoose" rows={3} spellCheck={false} placeholder={'svc-*\n*kiosk*'} value={d.neverChoose ?? ''} onChange={(e) => patch({ neverChoose: e.target.value })} />
        </Field>
      </fieldset>
      {!preview && (
        <div className="form-actions">
          <button type="submit" className="primary" disabled={Boolean(busy)}>
            Save
          </button>
          <button type="button" onClick={() => edit(null)}>
            Cancel
          </button>
        </div>
      )}
    </form>
  );
}
