// The application menu: File with the usual shortcuts (Open, Save Project, Save Project As,
// Export Forecast, Close), Open Recent with Clear, Edit, View, Help with About and Show Logs —
// each page command reaches the callback main forwards to the window.
import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import type { MenuCommand } from '../../electron/contract';
import { buildMenuTemplate, recentLabel, type MenuInput } from '../../electron/menu';
import type { RecentFile } from '../../electron/recent-files';

function submenu(template: MenuItemConstructorOptions[], label: string): MenuItemConstructorOptions[] {
  const menu = template.find((m) => m.label === label || m.role === label);
  if (!menu || !Array.isArray(menu.submenu)) throw new Error(`no ${label} menu`);
  return menu.submenu;
}

function click(item: MenuItemConstructorOptions | undefined): void {
  (item?.click as (() => void) | undefined)?.();
}

const labels = (items: MenuItemConstructorOptions[]) => items.map((i) => i.label ?? i.role ?? i.type);

function build(options: Partial<MenuInput> = {}) {
  const command = vi.fn<(c: MenuCommand) => void>();
  const openRecent = vi.fn<(file: RecentFile) => void>();
  const clearRecent = vi.fn();
  const showLogs = vi.fn();
  const template = buildMenuTemplate({ appName: 'Tidecast', isMac: false, isDev: false, command, recent: [], home: '/home/ann', openRecent, clearRecent, showLogs, ...options });
  return { template, command, openRecent, clearRecent, showLogs };
}

describe('buildMenuTemplate', () => {
  it('has File, Edit, View and Help on Windows and Linux', () => {
    expect(build().template.map((m) => m.label)).toEqual(['&File', '&Edit', '&View', '&Help']);
  });

  it('File has Open, Save Project, Save Project As, the exports and Close with the usual shortcuts, and Quit', () => {
    const { template, command } = build();
    const file = submenu(template, '&File');
    expect(labels(file)).toEqual(['Open…', 'Open Recent', 'Open Sample', 'separator', 'Save Project', 'Save Project As…', 'separator', 'Export Forecast…', 'Export ONNX…', 'Export as JavaScript…', 'separator', 'close', 'Quit']);
    const shortcut = (label: string) => file.find((i) => (i.label ?? i.role) === label)?.accelerator;
    expect(shortcut('Open…')).toBe('CmdOrCtrl+O');
    expect(shortcut('Save Project')).toBe('CmdOrCtrl+S');
    expect(shortcut('Save Project As…')).toBe('Shift+CmdOrCtrl+S');
    expect(shortcut('Export Forecast…')).toBe('CmdOrCtrl+E');
    expect(shortcut('close')).toBe('CmdOrCtrl+W');
    expect(file.at(-1)!.role).toBe('quit');
    for (const label of ['Open…', 'Open Sample', 'Save Project', 'Save Project As…', 'Export Forecast…', 'Export ONNX…', 'Export as JavaScript…']) click(file.find((i) => i.label === label));
    expect(command.mock.calls.flat()).toEqual(['open', 'open-sample', 'save-project', 'save-project-as', 'export', 'export-onnx', 'export-javascript']);
  });

  it('Open Recent lists the recent files newest first, opens one, and clears the list', () => {
    const recent: RecentFile[] = [
      { path: '/home/ann/Data/wine.tidecast', kind: 'project' },
      { path: '/srv/R&D/sales.csv', kind: 'data' },
    ];
    const { template, openRecent, clearRecent } = build({ recent });
    const items = submenu(submenu(template, '&File'), 'Open Recent');
    expect(labels(items)).toEqual(['~/Data/wine.tidecast', '/srv/R&&D/sales.csv', 'separator', 'Clear Recently Opened']);
    click(items[1]);
    expect(openRecent).toHaveBeenCalledExactlyOnceWith(recent[1]);
    click(items.at(-1));
    expect(clearRecent).toHaveBeenCalledOnce();
  });

  it('says there is nothing recent, with Clear disabled, when the list is empty', () => {
    const items = submenu(submenu(build().template, '&File'), 'Open Recent');
    expect(items.map((i) => [i.label ?? i.type, i.enabled ?? true])).toEqual([['No Recent Files', false], ['separator', true], ['Clear Recently Opened', false]]);
  });

  it('Help has About and Show Logs', () => {
    const { template, command, showLogs } = build();
    const help = submenu(template, '&Help');
    expect(labels(help)).toEqual(['About Tidecast', 'separator', 'Show Logs']);
    click(help[0]);
    click(help[2]);
    expect(command).toHaveBeenCalledExactlyOnceWith('about');
    expect(showLogs).toHaveBeenCalledOnce();
  });

  it('Edit has the clipboard roles text fields need', () => {
    expect(submenu(build().template, '&Edit').map((i) => i.role).filter(Boolean)).toEqual(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll']);
  });

  it('offers reload and developer tools only in development', () => {
    const roles = (isDev: boolean) => submenu(build({ isDev }).template, '&View').map((i) => i.role);
    expect(roles(false)).not.toContain('toggleDevTools');
    expect(roles(false)).not.toContain('reload');
    expect(roles(true)).toEqual(expect.arrayContaining(['reload', 'toggleDevTools']));
  });

  it('follows macOS conventions: an app menu with About and Quit, a Window menu, Close without Quit in File', () => {
    const { template, command } = build({ isMac: true });
    expect(template.map((m) => m.label ?? m.role)).toEqual(['Tidecast', '&File', '&Edit', '&View', 'windowMenu', '&Help']);
    const app = submenu(template, 'Tidecast');
    expect(app.at(-1)!.role).toBe('quit');
    click(app[0]);
    expect(command).toHaveBeenCalledWith('about');
    const file = submenu(template, '&File');
    expect(file.map((i) => i.role).filter(Boolean)).toEqual(['close']);
    expect(labels(submenu(template, '&Help'))).toEqual(['Show Logs']);
  });
});

describe('recentLabel', () => {
  it('shortens the home folder to ~ and keeps & literal outside macOS', () => {
    expect(recentLabel('/home/ann/a&b.csv', '/home/ann', false)).toBe('~/a&&b.csv');
    expect(recentLabel('/home/ann/a&b.csv', '/home/ann', true)).toBe('~/a&b.csv');
    expect(recentLabel('/home/annex/x.csv', '/home/ann', true)).toBe('/home/annex/x.csv');
    expect(recentLabel('C:\\Users\\ann\\x.csv', 'C:\\Users\\ann', false)).toBe('~\\x.csv');
  });
});
