// The application menu as a template built from callbacks, so main stays wiring and the
// structure (Open CSV…, Export…, Quit; Edit; View; Help > About) is testable.
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from './contract';

export interface MenuInput {
  appName: string;
  isMac: boolean;
  /** Reload and developer tools appear only in development builds. */
  isDev: boolean;
  /** Forwards a command to the focused window's page. */
  command(command: MenuCommand): void;
}

export function buildMenuTemplate(input: MenuInput): MenuItemConstructorOptions[] {
  const item = (label: string, command: MenuCommand, accelerator?: string): MenuItemConstructorOptions => ({
    label,
    ...(accelerator ? { accelerator } : {}),
    click: () => input.command(command),
  });
  const about = item(`About ${input.appName}`, 'about');

  const appMenu: MenuItemConstructorOptions[] = input.isMac
    ? [
        {
          label: input.appName,
          submenu: [about, { type: 'separator' }, { role: 'services' }, { type: 'separator' }, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, { type: 'separator' }, { role: 'quit' }],
        },
      ]
    : [];

  const file: MenuItemConstructorOptions = {
    label: '&File',
    submenu: [
      item('Open CSV…', 'open-csv', 'CmdOrCtrl+O'),
      item('Open Sample', 'open-sample'),
      { type: 'separator' },
      item('Export…', 'export', 'CmdOrCtrl+E'),
      ...(input.isMac ? [{ type: 'separator' as const }, { role: 'close' as const }] : [{ type: 'separator' as const }, { role: 'quit' as const, label: 'Quit' }]),
    ],
  };

  const edit: MenuItemConstructorOptions = {
    label: '&Edit',
    submenu: [{ role: 'undo' }, { role: 'redo' }, { type: 'separator' }, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }],
  };

  const view: MenuItemConstructorOptions = {
    label: '&View',
    submenu: [
      ...(input.isDev ? [{ role: 'reload' as const }, { role: 'toggleDevTools' as const }, { type: 'separator' as const }] : []),
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  };

  const windowMenu: MenuItemConstructorOptions[] = input.isMac ? [{ role: 'windowMenu' }] : [];

  const help: MenuItemConstructorOptions = {
    role: 'help',
    label: '&Help',
    submenu: [about],
  };

  return [...appMenu, file, edit, view, ...windowMenu, help];
}
