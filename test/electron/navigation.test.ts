// Navigation, external links and permissions: the tables of what the window may do.
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { decideNavigation, decidePermission, hardenWebContents, openExternalSafe, originOf, safeExternalUrl } from '../../electron/navigation';
import { APP_ORIGIN } from '../../electron/protocol';

describe('originOf', () => {
  it.each([
    ['app://tidecast/index.html', 'app://tidecast'],
    ['APP://TideCast/x', 'app://tidecast'],
    ['http://127.0.0.1:5173/index.html', 'http://127.0.0.1:5173'],
    ['https://example.com/', 'https://example.com'],
    ['evil://tidecast/', 'evil://tidecast'],
    ['file:///etc/passwd', null],
    ['javascript:alert(1)', null],
    ['data:text/html,hi', null],
    ['blob:app://tidecast/1234', null],
    ['about:blank', null],
    ['not a url', null],
  ])('%s → %s', (url, origin) => {
    expect(originOf(url)).toBe(origin);
  });
});

describe('decideNavigation', () => {
  it.each([
    ['app://tidecast/index.html', 'allow'],
    ['app://tidecast/x', 'allow'],
    ['app://tidecast.evil/', 'deny'],
    ['app://evil/', 'deny'],
    ['app://tidecast@evil/', 'deny'],
    ['https://example.com.attacker.com', 'deny'],
    ['https://tidecast/', 'deny'],
    ['file:///etc/passwd', 'deny'],
    ['javascript:alert(1)', 'deny'],
    ['data:text/html,<script>alert(1)</script>', 'deny'],
    ['about:blank', 'deny'],
    ['', 'deny'],
  ] as const)('%s → %s', (url, decision) => {
    expect(decideNavigation(url, APP_ORIGIN)).toBe(decision);
  });

  it('compares whole origins, so a prefix of the app origin is not enough', () => {
    expect(decideNavigation('http://127.0.0.1:51730/', 'http://127.0.0.1:5173')).toBe('deny');
    expect(decideNavigation('http://127.0.0.1:5173/page', 'http://127.0.0.1:5173')).toBe('allow');
  });
});

describe('safeExternalUrl', () => {
  it.each([
    ['https://github.com/some/repo', true],
    ['https://GITHUB.com/x', true],
    ['https://svelte.dev/docs', true],
    ['http://github.com/', false],
    ['https://github.com.attacker.com/', false],
    ['https://evil.com/?https://github.com', false],
    ['https://user:pass@github.com/', false],
    ['https://github.com:8443/', false],
    ['file:///etc/passwd', false],
    ['javascript:alert(1)', false],
    ['smb://server/share', false],
    ['ms-msdt:/id PCWDiagnostic', false],
    ['app://tidecast/index.html', false],
    ['not a url', false],
  ])('%s → %s', (url, allowed) => {
    expect(safeExternalUrl(url) !== null).toBe(allowed);
  });
});

describe('openExternalSafe', () => {
  it('hands only allowed URLs to the OS, normalised', async () => {
    const shell = { openExternal: vi.fn(async () => {}) };
    expect(await openExternalSafe('https://GitHub.com/a b', shell)).toBe(true);
    expect(shell.openExternal).toHaveBeenCalledExactlyOnceWith('https://github.com/a%20b');
    expect(await openExternalSafe('file:///bin/sh', shell)).toBe(false);
    expect(await openExternalSafe('https://example.com/', shell)).toBe(false);
    expect(shell.openExternal).toHaveBeenCalledTimes(1);
  });
});

describe('decidePermission', () => {
  // Every name Electron can ask about, read from the installed electron.d.ts, so a permission
  // added by a future Electron is covered without editing this test.
  const dts = readFileSync(join(import.meta.dirname, '../../node_modules/electron/electron.d.ts'), 'utf8');
  const signature = /setPermissionRequestHandler\(handler: \(\(webContents: WebContents, permission: ([^,]+(?:, [^,]+)*?), callback/.exec(dts);
  const names = [...(signature?.[1] ?? '').matchAll(/'([^']+)'/g)].map((m) => m[1]!);

  it('found the permission union in electron.d.ts', () => {
    expect(names.length).toBeGreaterThan(30);
    expect(names).toEqual(expect.arrayContaining(['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read', 'unknown']));
  });

  it('denies every permission', () => {
    for (const name of names) expect(decidePermission(name), name).toBe(false);
  });
});

describe('hardenWebContents', () => {
  function setup() {
    const contents = Object.assign(new EventEmitter(), {
      windowOpenHandler: null as ((details: { url: string }) => { action: 'deny' }) | null,
      setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }) {
        contents.windowOpenHandler = handler;
      },
    });
    const shell = { openExternal: vi.fn(async () => {}) };
    hardenWebContents(contents, APP_ORIGIN, shell);
    /** Emits a cancellable navigation event; returns whether it was prevented. */
    const navigate = (event: string, url: string): boolean => {
      let prevented = false;
      contents.emit(event, { url, preventDefault: () => (prevented = true) });
      return prevented;
    };
    return { contents, shell, navigate };
  }

  it('keeps the window on the app origin', () => {
    const { navigate } = setup();
    for (const event of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
      expect(navigate(event, 'app://tidecast/index.html'), event).toBe(false);
      expect(navigate(event, 'https://example.com/'), event).toBe(true);
      expect(navigate(event, 'file:///etc/passwd'), event).toBe(true);
      expect(navigate(event, 'app://tidecast.evil/'), event).toBe(true);
    }
  });

  it('opens a link to an allowed site in the browser instead of navigating', async () => {
    const { navigate, shell } = setup();
    expect(navigate('will-navigate', 'https://github.com/x')).toBe(true);
    expect(navigate('will-navigate', 'https://evil.example/')).toBe(true);
    await Promise.resolve();
    expect(shell.openExternal).toHaveBeenCalledExactlyOnceWith('https://github.com/x');
  });

  it('denies every new window, opening only allowed links externally', async () => {
    const { contents, shell } = setup();
    expect(contents.windowOpenHandler!({ url: 'https://github.com/y' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler!({ url: 'app://tidecast/index.html' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler!({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    await Promise.resolve();
    expect(shell.openExternal).toHaveBeenCalledExactlyOnceWith('https://github.com/y');
  });

  it('refuses to attach a <webview>', () => {
    const { contents } = setup();
    let prevented = false;
    contents.emit('will-attach-webview', { preventDefault: () => (prevented = true) }, {}, {});
    expect(prevented).toBe(true);
  });
});
