// The app:// protocol: maps app://tidecast/<path> to a file inside the built renderer folder,
// refusing anything that would escape it (by name or through a link), and answers with the CSP
// and hardening headers.
import { readFile, realpath } from 'node:fs/promises';
import { extname, isAbsolute, relative, resolve, sep } from 'node:path';
import type { CustomScheme } from 'electron';
import { CONTENT_SECURITY_POLICY } from './csp';
import { originOf } from './navigation';

export const APP_SCHEME = 'app';
export const APP_HOST = 'tidecast';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * Where the window's page comes from and the origin IPC and navigation accept: app:// always,
 * except `npm run dev`, whose Vite server electron-vite names in ELECTRON_RENDERER_URL (pass
 * undefined for a packaged app, which never uses one). A URL without an origin is ignored.
 */
export function pageLocation(devServerUrl: string | undefined): { url: string; origin: string } {
  const origin = devServerUrl === undefined ? null : originOf(devServerUrl);
  return origin === null || devServerUrl === undefined ? { url: APP_ENTRY_URL, origin: APP_ORIGIN } : { url: devServerUrl, origin };
}

/** Standard (relative URLs, storage) and secure (a secure context); CORS stays off. */
export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true },
};

export type Resolution =
  | { ok: true; path: string }
  | { ok: false; status: 400 | 403 | 404; reason: string };

/**
 * The file an app URL names under `root`, or why it is refused. Checked after percent-decoding,
 * so `%2e%2e/` and `..%2f` cannot climb out, and against the resolved path, never by prefix.
 */
export function resolveAppPath(url: string, root: string, expectedOrigin: string = APP_ORIGIN): Resolution {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, status: 400, reason: 'not a URL' };
  }
  const origin = `${parsed.protocol}//${parsed.host}`.toLowerCase();
  if (origin !== expectedOrigin) return { ok: false, status: 403, reason: `foreign origin ${origin}` };

  // The URL parser already folds "/../" and "/%2e%2e/" away; refuse them in the raw text too
  // rather than silently serving some other file.
  const rawPath = url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, '').split(/[?#]/)[0] ?? '';
  if (rawPath.split(/[/\\]|%2f|%5c/i).some((s) => /^(\.|%2e){1,2}$/i.test(s))) {
    return { ok: false, status: 403, reason: 'dot segment in path' };
  }
  // No asset name contains an encoded separator or NUL; such a request is an attack.
  if (/%2f|%5c|%00/i.test(parsed.pathname)) return { ok: false, status: 400, reason: 'encoded separator in path' };

  let pathname: string;
  try {
    pathname = decodeURIComponent(parsed.pathname);
  } catch {
    return { ok: false, status: 400, reason: 'malformed percent-encoding' };
  }
  if (pathname.includes('\0')) return { ok: false, status: 400, reason: 'NUL in path' };
  if (pathname.includes('\\')) return { ok: false, status: 400, reason: 'backslash in path' };
  if (pathname.includes('//')) return { ok: false, status: 400, reason: 'empty segment in path' };
  const segments = pathname.split('/').filter((s) => s !== '');
  if (segments.some((s) => s === '..' || s === '.')) return { ok: false, status: 403, reason: 'dot segment in path' };
  // A drive letter as first segment would make an absolute path on Windows.
  if (segments.length > 0 && /^[a-zA-Z]:$/.test(segments[0]!)) return { ok: false, status: 403, reason: 'absolute path' };
  if (segments.length === 0) segments.push('index.html');

  const base = resolve(root);
  const target = resolve(base, ...segments);
  if (!isInside(base, target)) return { ok: false, status: 403, reason: 'outside the app folder' };
  return { ok: true, path: target };
}

/** True when `path` lies strictly inside `folder` (both absolute and resolved). */
function isInside(folder: string, path: string): boolean {
  const rel = relative(folder, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) && !rel.split(sep).includes('..');
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  // WebAssembly.instantiateStreaming insists on this type.
  '.wasm': 'application/wasm',
  '.csv': 'text/csv; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

export function contentTypeFor(path: string): string {
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

/** Headers on every app response: the CSP (also in the page's meta tag) and no sniffing. */
export function appResponseHeaders(path: string): Record<string, string> {
  return {
    'Content-Type': contentTypeFor(path),
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
  };
}

export interface AppRequestHandlerOptions {
  /** The origin requests must carry; app://tidecast in Electron, the local server's in e2e. */
  origin?: string;
  readFile?: (path: string) => Promise<Uint8Array>;
  /** Resolves links (inside app.asar too: Electron's fs reads archives). */
  realpath?: (path: string) => Promise<string>;
}

/**
 * A fetch-style handler for the app protocol. Electron calls it through protocol.handle; the
 * e2e harness serves the same handler over HTTP, so both answer identically.
 */
export function createAppRequestHandler(root: string, options: AppRequestHandlerOptions = {}): (request: Request) => Promise<Response> {
  const origin = options.origin ?? APP_ORIGIN;
  const read = options.readFile ?? ((path: string) => readFile(path));
  const real = options.realpath ?? ((path: string) => realpath(path));
  let realRoot: Promise<string> | null = null;
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response('Method not allowed', { status: 405, headers: { Allow: 'GET, HEAD' } });
    }
    const resolution = resolveAppPath(request.url, root, origin);
    if (!resolution.ok) return new Response(resolution.reason, { status: resolution.status });
    let body: Uint8Array;
    try {
      // The name stays inside the folder; a link inside it must not lead out of it either.
      realRoot ??= real(resolve(root));
      const [folder, file] = await Promise.all([realRoot, real(resolution.path)]);
      if (!isInside(folder, file)) return new Response('a link leads out of the app folder', { status: 403 });
      body = await read(file);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR') return new Response('Not found', { status: 404 });
      return new Response('Could not read the file', { status: 500 });
    }
    const headers = appResponseHeaders(resolution.path);
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers });
  };
}
