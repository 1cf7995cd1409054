// Ctrl/Cmd + 1, 2, 3 switch between the three areas from anywhere; Ctrl/Cmd + , opens Tenants.
import { useEffect } from 'react';
import { areas, useApp } from './store.ts';

export function useAreaShortcuts(): void {
  const setArea = useApp((s) => s.setArea);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey) return;
      if (e.key === ',') {
        e.preventDefault();
        setArea('settings');
        return;
      }
      const area = areas.find((a) => a.key === e.key);
      if (!area) return;
      e.preventDefault();
      setArea(area.id);
      document.getElementById('main')?.focus();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [setArea]);
}
