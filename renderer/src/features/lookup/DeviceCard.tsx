// One device on one or both platforms: identity, users, user mode, enrollment, join type, ownership,
// check-ins, the diagnosis with its fixes, who signed in when, portal links and copy-as-text.
import { useState } from 'react';
import { deviceCardText, type Device, type Diagnosis, type DeviceUser } from '../../../../electron/common/device.ts';
import { call } from '../../api.ts';
import { useApp } from '../../app/store.ts';
import { ago, when } from '../../ui/format.ts';
import { useLogs } from '../logs/store.ts';
import { DeviceDiagnostics } from '../diagnostics/DeviceDiagnostics.tsx';
import { CardActions } from './CardActions.tsx';
import { complianceLabel, enrollmentLabel, joinTypeLabel, localTimes, ownershipLabel, userModeLabel } from './labels.ts';
import { isPending, PendingBadges, usePending } from './pending.tsx';
import { SignInHistory } from './SignInHistory.tsx';

/** Graph detail properties in words, for "Intune did not give: …". */
const detailWords: Record<string, string> = {
  usersLoggedOn: 'who signed in',
  enrolledByUserPrincipalName: 'the enrolled-by account',
  joinType: 'the join type',
  enrollmentProfileName: 'the enrollment profile',
  autopilotEnrolled: 'whether Autopilot enrolled it',
  hardwareInformation: 'hardware details',
};

const user = (u: DeviceUser | null) => (u ? (u.upn ?? u.displayName ?? u.id ?? '?') : '—');

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

function DiagnosisItem({ d, device }: { d: Diagnosis; device: Device }) {
  const setArea = useApp((s) => s.setArea);
  const requestChange = useApp((s) => s.requestChange);
  const openDemoLogs = useLogs((s) => s.openDemo);
  const pending = usePending((s) => isPending(s.changes, device, d.fix?.actionId ?? ''));
  const runFix = () => {
    if (!d.fix) return;
    if (d.fix.actionId === 'logs.openReassignment') {
      setArea('logs');
      void openDemoLogs(device.name);
    } else {
      requestChange({ actionId: d.fix.actionId, deviceKey: device.key, deviceName: device.name, params: d.fix.params });
      setArea('changes');
    }
  };
  return (
    <li className={`diagnosis severity-${d.severity}`}>
      <p className="finding">{localTimes(d.finding)}</p>
      {d.evidence.length > 0 && (
        <ul className="evidence">
          {d.evidence.map((e) => (
            <li key={e}>{localTimes(e)}</li>
          ))}
        </ul>
      )}
      {d.advice && <p className="advice">{localTimes(d.advice)}</p>}
      {d.fix && pending && <p className="muted">{d.fix.label}: already sent, pending on the device.</p>}
      {d.fix && !pending && (
        <button type="button" className="primary" onClick={runFix}>
          {d.fix.label}
        </button>
      )}
    </li>
  );
}

export function DeviceCard({ device }: { device: Device }) {
  const [copied, setCopied] = useState(false);
  const { intune: i, ws1: w } = device;
  const copy = async () => {
    await navigator.clipboard.writeText(deviceCardText(device)).then(
      () => setCopied(true),
      () => setCopied(false),
    );
    setTimeout(() => setCopied(false), 1500);
  };
  const open = (url: string | null) => url && void call('openExternal', url).catch(() => {});

  return (
    <article className="device-card" aria-label={`Device ${device.name}`}>
      <header className="card-header">
        <div>
          <h2>{device.name}</h2>
          <p className="muted">
            Serial {device.serial ?? '—'} · {device.model ?? 'model unknown'} · {device.os ?? 'OS unknown'}
          </p>
        </div>
        <div className="card-actions">
          <PendingBadges device={device} />
          {!device.actions && (
            <button type="button" onClick={() => void copy()}>
              {copied ? 'Copied' : 'Copy as text'}
            </button>
          )}
          {copied && device.actions && <span className="muted">Copied</span>}
        </div>
      </header>

      {device.diagnoses.length > 0 ? (
        <section aria-label="Diagnosis">
          <h3>Diagnosis</h3>
          <ul className="diagnoses">
            {device.diagnoses.map((d) => (
              <DiagnosisItem key={d.ruleId} d={d} device={device} />
            ))}
          </ul>
        </section>
      ) : (
        <p className="all-good">Nothing wrong found for a shared device.</p>
      )}

      <CardActions device={device} onCopy={() => void copy()} onOpen={open} />
      <DeviceDiagnostics device={device} />

      <div className="sides">
        {i && (
          <section className="side" aria-label="Intune">
            <h3>
              Intune <span className="age">{i.freshness.fromCache ? `from the offline cache, saved ${ago(i.freshness.fetchedAt)}` : 'live'}</span>
            </h3>
            {i.missingDetails && i.missingDetails.length > 0 && <p className="muted">Intune did not give: {i.missingDetails.map((f) => detailWords[f] ?? 'one detail').join(', ')}.</p>}
            <dl className="facts">
              <Fact label="Primary user">{i.primaryUser ? user(i.primaryUser) : <em>none — shared device</em>}</Fact>
              <Fact label="Enrolled by">{i.enrolledBy ?? '—'}</Fact>
              <Fact label="Enrollment">
                {enrollmentLabel[i.enrollmentType]}
                {i.enrollmentProfileName ? ` · profile ${i.enrollmentProfileName}` : ''}
              </Fact>
              <Fact label="Join type">{joinTypeLabel[i.joinType]}</Fact>
              <Fact label="Ownership">{ownershipLabel[i.ownership]}</Fact>
              <Fact label="Compliance">{complianceLabel[i.compliance]}</Fact>
              <Fact label="Last check-in">
                {when(i.lastCheckIn)} <span className="muted">({ago(i.lastCheckIn)})</span>
              </Fact>
            </dl>
          </section>
        )}
        {w && (
          <section className="side" aria-label="Workspace ONE">
            <h3>
              Workspace ONE <span className="age">{w.freshness.fromCache ? `from the offline cache, saved ${ago(w.freshness.fetchedAt)}` : 'live'}</span>
            </h3>
            <dl className="facts">
              <Fact label="User mode">
                <strong>{w.userMode === 'unknown' ? 'user mode unknown on this tenant' : userModeLabel[w.userMode]}</strong>
              </Fact>
              <Fact label="Enrolled user">{user(w.enrolledUser)}</Fact>
              <Fact label="Last Windows user">{w.lastLoggedInUser ?? '—'}</Fact>
              <Fact label="Organization group">{w.organisationGroup.name ?? '—'}</Fact>
              <Fact label="Ownership">{ownershipLabel[w.ownership]}</Fact>
              <Fact label="Compliance">{complianceLabel[w.compliance]}</Fact>
              <Fact label="Last seen">
                {when(w.lastCheckIn)} <span className="muted">({ago(w.lastCheckIn)})</span>
              </Fact>
            </dl>
          </section>
        )}
      </div>

      <SignInHistory device={device} />
    </article>
  );
}
