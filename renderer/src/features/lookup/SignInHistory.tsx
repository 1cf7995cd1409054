// "Who signed in": the live data of the platforms merged with our own history (kept in the local cache after
// Intune forgets), each line saying which it is.
import { useEffect, useState } from 'react';
import type { Device, HistorySighting } from '../../../../electron/common/device.ts';
import { call } from '../../api.ts';
import { when } from '../../ui/format.ts';

const viaWords: Record<HistorySighting['via'], string> = {
  intuneLoggedOn: 'Intune logged-on users',
  entraSignInLog: 'Entra sign-in logs',
  ws1EnrolledUser: 'Workspace ONE enrolled user',
  ws1LastLoggedIn: 'Workspace ONE last Windows user',
};

interface Line {
  user: string;
  at: string | null;
  what: string;
  kind: 'live' | 'history';
}

export function mergeSignIns(d: Device, history: HistorySighting[]): Line[] {
  const live: Line[] = d.timeline.map((t) => ({ user: t.user, at: t.at, what: t.source === 'intune' ? 'live from Intune' : 'live from Workspace ONE', kind: 'live' }));
  const seen = new Set(live.map((l) => `${l.user.toLowerCase()}|${l.at ?? ''}`));
  const kept: Line[] = history
    .filter((h) => !seen.has(`${h.upn.toLowerCase()}|${h.lastSeen}`))
    .map((h) => ({ user: h.upn, at: h.lastSeen, what: `our history (${viaWords[h.via]}), first seen ${when(h.firstSeen)}`, kind: 'history' }));
  return [...live, ...kept].sort((a, b) => (b.at ?? '').localeCompare(a.at ?? ''));
}

export function SignInHistory({ device }: { device: Device }) {
  const [history, setHistory] = useState<HistorySighting[]>([]);
  useEffect(() => {
    let live = true;
    void call('lookupSignInHistory', { serial: device.serial, intuneId: device.intune?.id ?? null, ws1Id: device.ws1?.id ?? null })
      .then((h) => live && setHistory(h))
      .catch(() => live && setHistory([]));
    return () => {
      live = false;
    };
  }, [device.key, device.serial, device.intune?.id, device.ws1?.id]);
  const lines = mergeSignIns(device, history);
  return (
    <section aria-label="Sign-ins">
      <h3>Who signed in</h3>
      <p className="muted hint">“Live” is what the platforms report now; “our history” is what this app saw in earlier lookups and syncs (kept after Intune forgets).</p>
      {lines.length === 0 ? (
        <p className="muted">No sign-ins reported.</p>
      ) : (
        <ol className="timeline">
          {lines.map((t, k) => (
            <li key={`${t.user}-${t.at}-${k}`} className={`timeline-${t.kind}`}>
              <span className="timeline-when">{when(t.at)}</span>
              <span className="timeline-user">{t.user}</span>
              <span className="muted">{t.what}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
