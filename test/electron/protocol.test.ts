// The app:// resolver and handler: files inside out/renderer only, with the CSP on every answer.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../electron/csp';
import { APP_ENTRY_URL, APP_ORIGIN, APP_SCHEME_PRIVILEGES, createAppRequestHandler, pageLocation, resolveAppPath } from '../../electron/protocol';

const root = mkdtempSync(join(tmpdir(), 'tidecast-protocol-'));
mkdirSync(join(root, 'renderer', 'assets'), { recursive: true });
writeFileSync(join(root, 'renderer', 'index.html'), '<!doctype html><title>t</title>');
writeFileSync(join(root, 'renderer', 'assets', 'app.js'), 'export {};');
writeFileSync(join(root, 'secret.txt'), 'outside the app folder');
const rendererDir = join(root, 'renderer');
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('resolveAppPath', () => {
  it.each([
    ['app://tidecast/', join(rendererDir, 'index.html')],
    ['app://tidecast/index.html', join(rendererDir, 'index.html')],
    ['app://tidecast/assets/app.js?v=1#x', join(rendererDir, 'assets', 'app.js')],
    ['app://TIDECAST/assets/app.js', join(rendererDir, 'assets', 'app.js')],
    ['app://tidecast/assets/my%20file.js', join(rendererDir, 'assets', 'my file.js')],
  ])('%s resolves inside the renderer folder', (url, path) => {
    expect(resolveAppPath(url, rendererDir)).toEqual({ ok: true, path });
  });

  it.each([
    ['app://tidecast/../secret.txt', 'dot-dot'],
    ['app://tidecast/assets/../../secret.txt', 'dot-dot twice'],
    ['app://tidecast/./index.html', 'dot'],
    ['app://tidecast/%2e%2e/secret.txt', 'encoded dots'],
    ['app://tidecast/%2E%2e/secret.txt', 'encoded dots, mixed case'],
    ['app://tidecast/..%2fsecret.txt', 'encoded slash'],
    ['app://tidecast/%2e%2e%2fsecret.txt', 'encoded dots and slash'],
    ['app://tidecast/assets/..%2f..%2fsecret.txt', 'climbs two levels'],
    ['app://tidecast/..%5csecret.txt', 'encoded backslash'],
    ['app://tidecast/..\\secret.txt', 'backslash'],
    ['app://tidecast/%2fetc%2fpasswd', 'absolute after decoding'],
    ['app://tidecast//etc/passwd', 'double slash'],
    ['app://tidecast/C:/Windows/win.ini', 'drive letter'],
    ['app://tidecast/C%3A%5CWindows%5Cwin.ini', 'encoded drive path'],
    ['app://tidecast/index.html%00.png', 'NUL byte'],
    ['app://tidecast/%E0%A4%A', 'broken percent-encoding'],
    ['app://evil/index.html', 'foreign host'],
    ['app://tidecast.evil/index.html', 'look-alike host'],
    ['app://tidecast:8080/index.html', 'port'],
    ['https://tidecast/index.html', 'other scheme'],
    ['file:///etc/passwd', 'file URL'],
    ['not a url', 'garbage'],
  ])('%s is refused (%s)', (url) => {
    const result = resolveAppPath(url, rendererDir);
    expect(result.ok).toBe(false);
    if (!result.ok) expect([400, 403]).toContain(result.status);
  });

  it('registers the scheme as standard and secure, without CORS or CSP bypass', () => {
    expect(APP_SCHEME_PRIVILEGES).toEqual({ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } });
  });
});

describe('createAppRequestHandler', () => {
  const handle = createAppRequestHandler(rendererDir);

  it('serves index.html with its type and the CSP header', async () => {
    const response = await handle(new Request('app://tidecast/'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toContain('<title>t</title>');
  });

  it('serves scripts as JavaScript (module scripts need the right type)', async () => {
    const response = await handle(new Request('app://tidecast/assets/app.js'));
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it('answers 404 for a missing file, 403 for traversal, 405 for writes', async () => {
    expect((await handle(new Request('app://tidecast/nope.js'))).status).toBe(404);
    expect((await handle(new Request('app://tidecast/assets'))).status).toBe(404);
    // (A Request normalises "/%2e%2e/" itself, as Chromium does, so use a form that survives.)
    expect((await handle(new Request('app://tidecast/..%2fsecret.txt'))).status).toBe(403);
    expect((await handle(new Request('app://evil/index.html'))).status).toBe(403);
    expect((await handle(new Request('app://tidecast/index.html', { method: 'POST', body: 'x' }))).status).toBe(405);
  });

  it('refuses a link inside the folder that leads outside it, and follows one that stays inside', async () => {
    const linked = join(root, 'linked');
    mkdirSync(join(linked, 'assets'), { recursive: true });
    writeFileSync(join(linked, 'index.html'), '<!doctype html><title>linked</title>');
    symlinkSync(join(root, 'secret.txt'), join(linked, 'assets', 'leak.txt'));
    symlinkSync(root, join(linked, 'up'));
    symlinkSync(join(linked, 'index.html'), join(linked, 'assets', 'home.html'));
    const serve = createAppRequestHandler(linked);
    for (const url of ['app://tidecast/assets/leak.txt', 'app://tidecast/up/secret.txt']) {
      const response = await serve(new Request(url));
      expect(response.status, url).toBe(403);
      expect(await response.text(), url).not.toContain('outside the app folder');
    }
    const inside = await serve(new Request('app://tidecast/assets/home.html'));
    expect(inside.status).toBe(200);
    expect(await inside.text()).toContain('<title>linked</title>');
  });

  it('serves a folder that is itself reached through a link', async () => {
    const alias = join(root, 'alias');
    symlinkSync(rendererDir, alias);
    const response = await createAppRequestHandler(alias)(new Request('app://tidecast/index.html'));
    expect(response.status).toBe(200);
  });

  it('never reads outside the folder, even when asked through encoded segments', async () => {
    const reads: string[] = [];
    const spying = createAppRequestHandler(rendererDir, {
      readFile: async (path) => {
        reads.push(path);
        return new Uint8Array();
      },
    });
    for (const url of ['app://tidecast/..%2fsecret.txt', 'app://tidecast/%2e%2e%2fsecret.txt', 'app://evil/secret.txt']) await spying(new Request(url));
    expect(reads).toEqual([]);
  });
});

describe('pageLocation', () => {
  it('loads app://tidecast/index.html and accepts that origin when no dev server is named (a packaged app passes none)', () => {
    expect(pageLocation(undefined)).toEqual({ url: APP_ENTRY_URL, origin: APP_ORIGIN });
  });

  it('loads the Vite dev server of `npm run dev` and accepts only its origin', () => {
    expect(pageLocation('http://localhost:5173/')).toEqual({ url: 'http://localhost:5173/', origin: 'http://localhost:5173' });
  });

  it('ignores a dev-server URL without an origin rather than load it', () => {
    expect(pageLocation('file:///tmp/index.html')).toEqual({ url: APP_ENTRY_URL, origin: APP_ORIGIN });
    expect(pageLocation('not a url')).toEqual({ url: APP_ENTRY_URL, origin: APP_ORIGIN });
  });
});
