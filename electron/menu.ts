// The application menu as a template built from callbacks, so main stays wiring and the
// structure is testable: File (Open…, Open Recent, Open Sample, Save Project, Save Project As…,
// Export Forecast…, Export ONNX…, Export as JavaScript…, Close, Quit) with the usual shortcuts, Edit, View, Help (About, Show Logs).
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from './contract';
import type { RecentFile } from './recent-files';

export interface MenuInput {
  appName: string;
  isMac: boolean;
  /** Reload and developer tools appear only in development builds. */
  isDev: boolean;
  /** Forwards a command to the focused window's page. */
  command(command: MenuCommand): void;
  /** Newest first (File > Open Recent). */
  recent: readonly RecentFile[];
  /** The user's home folder, shown as ~ in Open Recent. */
  home: string;
  openRecent(file: RecentFile): void;
  clearRecent(): void;
  showLogs(): void;
}

/** A path as Open Recent shows it: the home folder as ~, and '&' kept from becoming a mnemonic. */
export function recentLabel(path: string, home: string, isMac: boolean): string {
  const shown = home !== '' && (path === home || path.startsWith(`${home}/`) || path.startsWith(`${home}\\`)) ? `~${path.slice(home.length)}` : path;
  return isMac ? shown : shown.replace(/&/g, '&&');
}

export function buildMenuTemplate(input: MenuInput): MenuItemConstructorOptions[] {
  const item = (label: string, command: MenuCommand, accelerator?: string): MenuItemConstructorOptions => ({
    label,
    ...(accelerator ? { accelerator } : {}),
    click: () => input.command(command),
  });
  const separator: MenuItemConstructorOptions = { type: 'separator' };
  const about = item(`About ${input.appName}`, 'about');

  const appMenu: MenuItemConstructorOptions[] = input.isMac
    ? [{ label: input.appName, submenu: [about, separator, { role: 'services' }, separator, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, separator, { role: 'quit' }] }]
    : [];

  const recent: MenuItemConstructorOptions[] = [
    ...(input.recent.length === 0
      ? [{ label: 'No Recent Files', enabled: false }]
      : input.recent.map((file): MenuItemConstructorOptions => ({ label: recentLabel(file.path, input.home, input.isMac), click: () => input.openRecent(file) }))),
    separator,
    { label: 'Clear Recently Opened', enabled: input.recent.length > 0, click: () => input.clearRecent() },
  ];

  const file: MenuItemConstructorOptions = {
    label: '&File',
    submenu: [
      item('Open…', 'open', 'CmdOrCtrl+O'),
      { label: 'Open Recent', submenu: recent },
      item('Open Sample', 'open-sample'),
      separator,
      item('Save Project', 'save-project', 'CmdOrCtrl+S'),
      item('Save Project As…', 'save-project-as', 'Shift+CmdOrCtrl+S'),
      separator,
      item('Export Forecast…', 'export', 'CmdOrCtrl+E'),
      item('Export ONNX…', 'export-onnx'),
      item('Export as JavaScript…', 'export-javascript'),
      separator,
      { role: 'close', accelerator: 'CmdOrCtrl+W' },
      ...(input.isMac ? [] : [{ role: 'quit' as const, label: 'Quit' }]),
    ],
  };

  const edit: MenuItemConstructorOptions = {
    label: '&Edit',
    submenu: [{ role: 'undo' }, { role: 'redo' }, separator, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }],
  };

  const view: MenuItemConstructorOptions = {
    label: '&View',
    submenu: [
      ...(input.isDev ? [{ role: 'reload' as const }, { role: 'toggleDevTools' as const }, separator] : []),
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      separator,
      { role: 'togglefullscreen' },
    ],
  };

  const windowMenu: MenuItemConstructorOptions[] = input.isMac ? [{ role: 'windowMenu' }] : [];

  const help: MenuItemConstructorOptions = {
    role: 'help',
    label: '&Help',
    submenu: [...(input.isMac ? [] : [about, separator]), { label: 'Show Logs', click: () => input.showLogs() }],
  };

  return [...appMenu, file, edit, view, ...windowMenu, help];
}
