// The main window's options as built by the code: every security flag at its safe literal.
import { describe, expect, it } from 'vitest';
import { MIN_SIZE, windowOptions } from '../../electron/window';

describe('windowOptions', () => {
  it('builds exactly the reviewed options (a changed flag must change this snapshot on purpose)', () => {
    expect(windowOptions({ preload: '/app/out/preload/preload.cjs' })).toStrictEqual({
      width: 1280,
      height: 820,
      minWidth: 1024,
      minHeight: 700,
      title: 'Tidecast',
      show: false,
      backgroundColor: '#ffffff',
      webPreferences: {
        preload: '/app/out/preload/preload.cjs',
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        webviewTag: false,
        navigateOnDragDrop: false,
        disableBlinkFeatures: 'Auxclick',
        safeDialogs: true,
        spellcheck: false,
        devTools: false,
      },
    });
  });

  it('never sets the flags that loosen the renderer, whatever the input', () => {
    const prefs = windowOptions({ preload: 'p', devTools: true, bounds: { width: 2000, height: 1200 } }).webPreferences!;
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.webSecurity).toBe(true);
    expect(prefs).not.toHaveProperty('experimentalFeatures');
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
  });

  it('places the window only when both coordinates were restored', () => {
    expect(windowOptions({ preload: 'p', bounds: { x: 10, y: 20, width: 1100, height: 760 } })).toMatchObject({ x: 10, y: 20, width: 1100, height: 760 });
    const partial = windowOptions({ preload: 'p', bounds: { x: 10, width: 1100, height: 760 } });
    expect(partial).not.toHaveProperty('x');
    expect(partial).not.toHaveProperty('y');
  });

  it('keeps the UI usable: never smaller than 1024×700', () => {
    expect(MIN_SIZE).toEqual({ width: 1024, height: 700 });
  });
});
