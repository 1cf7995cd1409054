// App-wide UI state: which area is shown, the theme, what main told us about itself, notices.
import { create } from 'zustand';
import type { AppInfo, Theme } from '../../../electron/common/app.ts';
import { call } from '../api.ts';

export const areas = [
  { id: 'lookup', label: 'Lookup', key: '1', hint: 'Find a device by name, serial or anyone who used it' },
  { id: 'logs', label: 'Logs', key: '2', hint: 'Open device logs and explain reassignment attempts' },
  { id: 'changes', label: 'Changes', key: '3', hint: 'Change user mode or primary user, with preview and undo' },
] as const;
/** The three areas in the list, plus the tenant settings reached from the title bar (Ctrl+,). */
export type AreaId = (typeof areas)[number]['id'] | 'settings';

/** A fix chosen on a device card (or devices picked from a search), handed to the Changes area. */
export interface ChangeRequest {
  /** A diagnosis fix id; empty when the technician still has to choose the change. */
  actionId: string;
  deviceKey: string;
  /** One device name, or several, one per line. */
  deviceName: string;
  params: Record<string, string>;
}

export interface Notice {
  id: number;
  level: 'info' | 'warning' | 'error';
  message: string;
}

interface AppState {
  area: AreaId;
  theme: Theme;
  info: AppInfo | undefined;
  notices: Notice[];
  changeRequest: ChangeRequest | null;
  setArea(area: AreaId): void;
  requestChange(request: ChangeRequest | null): void;
  setTheme(theme: Theme): Promise<void>;
  load(): Promise<void>;
  notify(level: Notice['level'], message: string): void;
  dismiss(id: number): void;
}

let nextNoticeId = 1;

export const useApp = create<AppState>((set, get) => ({
  area: 'lookup',
  theme: 'system',
  info: undefined,
  notices: [],
  changeRequest: null,
  setArea: (area) => set({ area }),
  requestChange: (changeRequest) => set({ changeRequest }),
  setTheme: async (theme) => {
    set({ theme });
    try {
      await call('setTheme', theme);
    } catch (err) {
      get().notify('error', `The theme could not be saved: ${(err as Error).message}`);
    }
  },
  load: async () => {
    try {
      const [info, theme] = await Promise.all([call('getAppInfo'), call('getTheme')]);
      set({ info, theme });
    } catch (err) {
      get().notify('error', `The app could not start properly: ${(err as Error).message}`);
    }
  },
  notify: (level, message) => set((s) => ({ notices: [...s.notices.slice(-4), { id: nextNoticeId++, level, message }] })),
  dismiss: (id) => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) })),
}));
