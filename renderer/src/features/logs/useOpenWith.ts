// "Open with": logs the OS asked the app to open (file association, command line, a second launch) wait
// in main as handles; the window takes them at start and whenever main announces more, in the Logs area.
import { useEffect } from 'react';
import { call } from '../../api.ts';
import { useApp } from '../../app/store.ts';
import { useLogs } from './store.ts';

export function useOpenWith(): void {
  const setArea = useApp((s) => s.setArea);
  useEffect(() => {
    const take = async () => {
      const pending = await call('logsPendingOpen').catch(() => []);
      if (!pending.length) return;
      setArea('logs');
      await useLogs.getState().openHandles(pending.map((g) => g.handle));
    };
    void take();
    return window.helpdesk.onLogsOpenRequest(() => void take());
  }, [setArea]);
}
