// Diagnostics state of the device cards, by Intune id: main's view of the requests, live download
// progress from onDiagnosticsProgress, errors in plain sentences, and the actions (collect, open, stop).
import { create } from 'zustand';
import type { BundleFacts } from '../../../../electron/common/bundle-facts.ts';
import type { DiagnosticsProgress, DiagnosticsView } from '../../../../electron/common/diagnostics.ts';
import { call, UiError } from '../../api.ts';

export interface DiagnosticsTarget {
  /** The Intune id when Collect diagnostics applies (a Windows device in Intune), else null. */
  intuneId: string | null;
  ws1Uuid: string | null;
}

export interface DeviceDiagnosticsEntry {
  view: DiagnosticsView | null;
  error: string | null;
  collecting: boolean;
  opening: string | null;
  /** The latest download progress per request. */
  downloads: Record<string, { bytes: number; total: number | null }>;
  /** What the last bundle opened from this card says about the device (dsregcmd), once read. */
  facts: BundleFacts | null;
}

interface DiagnosticsState {
  byKey: Record<string, DeviceDiagnosticsEntry>;
  load(t: DiagnosticsTarget): Promise<void>;
  collect(t: DiagnosticsTarget): Promise<void>;
  stop(t: DiagnosticsTarget): Promise<void>;
  setOpening(t: DiagnosticsTarget, requestId: string | null): void;
  setError(t: DiagnosticsTarget, message: string | null): void;
  /** Reads the bundle facts of a log session opened from this card. */
  readFacts(t: DiagnosticsTarget, session: string): Promise<void>;
  onProgress(p: DiagnosticsProgress): void;
}

export const targetKey = (t: DiagnosticsTarget): string => `${t.intuneId ?? ''}|${t.ws1Uuid ?? ''}`;
export const emptyEntry: DeviceDiagnosticsEntry = { view: null, error: null, collecting: false, opening: null, downloads: {}, facts: null };

const sentence = (err: unknown) => (err instanceof UiError || err instanceof Error ? err.message : 'Something went wrong.');
const refreshOn = new Set<DiagnosticsProgress['phase']>(['requested', 'completed', 'failed', 'error', 'cancelled', 'downloaded']);

export const useDiagnostics = create<DiagnosticsState>((set, get) => {
  /** Targets shown now, by Intune id, so progress events find their cards. */
  const targets = new Map<string, DiagnosticsTarget>();
  const patch = (key: string, p: Partial<DeviceDiagnosticsEntry>) => set((s) => ({ byKey: { ...s.byKey, [key]: { ...(s.byKey[key] ?? emptyEntry), ...p } } }));
  const entry = (key: string) => get().byKey[key] ?? emptyEntry;

  return {
    byKey: {},
    load: async (t) => {
      if (!t.intuneId && !t.ws1Uuid) return;
      if (t.intuneId) targets.set(t.intuneId, t);
      const key = targetKey(t);
      try {
        patch(key, { view: await call('diagnosticsList', { intuneId: t.intuneId, ws1Uuid: t.ws1Uuid }) });
      } catch (err) {
        patch(key, { error: sentence(err) });
      }
    },
    collect: async (t) => {
      if (!t.intuneId) return;
      const key = targetKey(t);
      patch(key, { collecting: true, error: null });
      try {
        await call('diagnosticsCollect', { intuneId: t.intuneId });
        await get().load(t);
      } catch (err) {
        patch(key, { error: sentence(err) });
      } finally {
        patch(key, { collecting: false });
      }
    },
    stop: async (t) => {
      if (t.intuneId) await call('diagnosticsCancel', { intuneId: t.intuneId }).catch(() => {});
    },
    setOpening: (t, requestId) => patch(targetKey(t), { opening: requestId }),
    setError: (t, message) => patch(targetKey(t), { error: message }),
    readFacts: async (t, session) => {
      try {
        patch(targetKey(t), { facts: await call('logsBundleFacts', { session }) });
      } catch (err) {
        patch(targetKey(t), { error: `What the bundle says about the device could not be read: ${sentence(err)}` });
      }
    },
    onProgress: (p) => {
      const t = targets.get(p.intuneId);
      if (!t) return;
      const key = targetKey(t);
      const { [p.requestId]: _done, ...rest } = entry(key).downloads;
      if (p.phase === 'downloading') patch(key, { downloads: { ...rest, [p.requestId]: { bytes: p.bytes ?? 0, total: p.total ?? null } } });
      else patch(key, { downloads: rest });
      if (p.phase === 'error' || p.phase === 'failed') patch(key, { error: p.message ?? 'The diagnostics could not be collected.' });
      if (refreshOn.has(p.phase)) void get().load(t);
    },
  };
});
