// The application menu: File > Open CSV…, Export…, Quit; Edit; View; Help > About — each page
// command reaches the callback main forwards to the window.
import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import type { MenuCommand } from '../../electron/contract';
import { buildMenuTemplate } from '../../electron/menu';

function submenu(template: MenuItemConstructorOptions[], label: string): MenuItemConstructorOptions[] {
  const menu = template.find((m) => m.label === label || m.role === label);
  if (!menu || !Array.isArray(menu.submenu)) throw new Error(`no ${label} menu`);
  return menu.submenu;
}

function click(item: MenuItemConstructorOptions | undefined): void {
  (item?.click as (() => void) | undefined)?.();
}

describe('buildMenuTemplate', () => {
  const build = (isMac: boolean, isDev = false) => {
    const command = vi.fn<(c: MenuCommand) => void>();
    return { template: buildMenuTemplate({ appName: 'Tidecast', isMac, isDev, command }), command };
  };

  it('has File, Edit, View and Help on Windows and Linux', () => {
    const { template } = build(false);
    expect(template.map((m) => m.label)).toEqual(['&File', '&Edit', '&View', '&Help']);
  });

  it('File offers Open CSV…, Open Sample, Export… and Quit, with shortcuts', () => {
    const { template, command } = build(false);
    const file = submenu(template, '&File');
    const labels = file.map((i) => i.label ?? i.role ?? i.type);
    expect(labels).toEqual(['Open CSV…', 'Open Sample', 'separator', 'Export…', 'separator', 'Quit']);
    expect(file[0]!.accelerator).toBe('CmdOrCtrl+O');
    expect(file[3]!.accelerator).toBe('CmdOrCtrl+E');
    expect(file[5]!.role).toBe('quit');
    click(file[0]);
    click(file[1]);
    click(file[3]);
    expect(command.mock.calls).toEqual([['open-csv'], ['open-sample'], ['export']]);
  });

  it('Help > About asks the page to show About', () => {
    const { template, command } = build(false);
    const help = submenu(template, '&Help');
    expect(help[0]!.label).toBe('About Tidecast');
    click(help[0]);
    expect(command).toHaveBeenCalledExactlyOnceWith('about');
  });

  it('Edit has the clipboard roles text fields need', () => {
    const roles = submenu(build(false).template, '&Edit').map((i) => i.role).filter(Boolean);
    expect(roles).toEqual(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll']);
  });

  it('offers reload and developer tools only in development', () => {
    const roles = (isDev: boolean) => submenu(build(false, isDev).template, '&View').map((i) => i.role);
    expect(roles(false)).not.toContain('toggleDevTools');
    expect(roles(false)).not.toContain('reload');
    expect(roles(true)).toEqual(expect.arrayContaining(['reload', 'toggleDevTools']));
  });

  it('follows macOS conventions: an app menu with About and Quit, a Window menu', () => {
    const { template, command } = build(true);
    expect(template.map((m) => m.label ?? m.role)).toEqual(['Tidecast', '&File', '&Edit', '&View', 'windowMenu', '&Help']);
    const app = submenu(template, 'Tidecast');
    expect(app.at(-1)!.role).toBe('quit');
    click(app[0]);
    expect(command).toHaveBeenCalledWith('about');
    expect(submenu(template, '&File').map((i) => i.role)).not.toContain('quit');
  });
});
