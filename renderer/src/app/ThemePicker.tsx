// System / Light / Dark as a radio group in the title bar.
import type { Theme } from '../../../electron/common/app.ts';
import { useApp } from './store.ts';

const choices: { value: Theme; label: string }[] = [
  { value: 'system', label: 'System' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];

export function ThemePicker() {
  const theme = useApp((s) => s.theme);
  const setTheme = useApp((s) => s.setTheme);
  return (
    <fieldset className="theme-picker">
      <legend className="visually-hidden">Theme</legend>
      {choices.map((c) => (
        <label key={c.value} className={theme === c.value ? 'active' : undefined}>
          <input type="radio" name="theme" value={c.value} checked={theme === c.value} onChange={() => void setTheme(c.value)} />
          {c.label}
        </label>
      ))}
    </fieldset>
  );
}
