// Who was signed in when: a band above the records (one segment per user session, proportional in time)
// with the filter "only while X was signed in", and the same strip on the IME timeline.
import { useEffect } from 'react';
import type { UserSession } from '../../../../../electron/common/logs-insight.ts';
import { useLogs } from '../store.ts';
import { useInsight } from '../timeline/insight-store.ts';
import './sessions.css';

// Dark enough for white text (contrast above 4.5:1) in both themes.
const colours = ['#1f4e79', '#8a4b08', '#2e6b30', '#6b3f7a', '#1d5f5a', '#6d5200', '#9b1c1c', '#5b4636'];
/** A session the logs show no end of lasts past the last record. */
const OPEN_END = 8.64e15;

const clock = (ms: number): string => new Date(ms).toISOString().replace('T', ' ').slice(0, 19);

function span(sessions: UserSession[]): [number, number] {
  const from = Math.min(...sessions.map((s) => s.startMs));
  const to = Math.max(...sessions.map((s) => s.endMs ?? s.startMs));
  return [from, Math.max(to, from + 1)];
}

/** The sessions as coloured segments on a time axis; a click shows the session's first record. */
export function SessionStrip() {
  const sessions = useInsight((s) => s.sessions);
  const jumpTo = useInsight((s) => s.jumpTo);
  if (!sessions?.length) return null;
  const users = [...new Set(sessions.map((s) => s.user))];
  const [from, to] = span(sessions);
  const at = (ms: number): number => ((ms - from) / (to - from)) * 100;
  return (
    <div className="session-strip" role="group" aria-label="Who was signed in when">
      {sessions.map((s) => {
        const left = at(s.startMs);
        const width = s.endMs === null ? 100 - left : Math.max(0.5, at(s.endMs) - left);
        return (
          <button
            key={`${s.user}-${s.startMs}`}
            type="button"
            className="session-segment"
            style={{ left: `${left}%`, width: `${width}%`, background: colours[users.indexOf(s.user) % colours.length] }}
            title={`${s.user}: ${clock(s.startMs)} → ${s.endMs === null ? 'end of the log' : clock(s.endMs)} (${s.from.join(', ')})`}
            onClick={() => s.firstRecord >= 0 && void jumpTo(s.file, s.firstRecord)}
          >
            {s.user}
          </button>
        );
      })}
    </div>
  );
}

export function SessionBand() {
  const session = useLogs((s) => s.session);
  const during = useLogs((s) => s.draft.during);
  const { sessions, load } = useInsight();
  useEffect(() => {
    if (session) void load(session.id);
  }, [session, load]);
  if (!sessions?.length) return null;
  const users = [...new Set(sessions.map((s) => s.user))];
  const onlyWhile = (user: string) => {
    const logs = useLogs.getState();
    const ranges = sessions.filter((s) => s.user === user).map((s) => ({ fromMs: s.startMs, toMs: s.endMs ?? OPEN_END }));
    logs.setDraft({ during: user ? { user, ranges } : null });
    void logs.applyFilter();
  };
  return (
    <div className="session-band">
      <span className="session-band-label">Signed in</span>
      <SessionStrip />
      <label>
        <select value={during?.user ?? ''} onChange={(e) => onlyWhile(e.target.value)} aria-label="Only while this user was signed in">
          <option value="">any time</option>
          {users.map((u) => (
            <option key={u} value={u}>
              only while {u} was signed in
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
