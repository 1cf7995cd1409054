// The application menu. Electron's default menu, used when an app sets none, binds Ctrl+W to closing the
// window, Ctrl+R to reloading the page and Ctrl+Shift+I to the developer tools: in this app Ctrl+W closes
// a log tab, a reload would drop every open tab and filter, and a technician needs no developer tools.
// Windows and Linux get no menu bar (text fields keep their clipboard keys without one); macOS routes the
// clipboard keys through the Edit menu, so it gets the app menu, Edit, and a Window menu without Close.
import { Menu, type MenuItemConstructorOptions } from 'electron';

export function menuTemplate(platform: NodeJS.Platform): MenuItemConstructorOptions[] | null {
  if (platform !== 'darwin') return null;
  return [{ role: 'appMenu' }, { role: 'editMenu' }, { label: 'Window', submenu: [{ role: 'minimize' }, { role: 'zoom' }] }];
}

export function setAppMenu(platform: NodeJS.Platform): void {
  const template = menuTemplate(platform);
  Menu.setApplicationMenu(template ? Menu.buildFromTemplate(template) : null);
}
