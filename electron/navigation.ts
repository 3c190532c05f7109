// Guards for where the window may go: same-origin navigation only, no new windows, external
// links only to an https allowlist, and every permission request denied.
import type { Shell } from 'electron';

/** Hosts a link in the app may open in the user's browser. */
export const EXTERNAL_HOSTS: readonly string[] = ['github.com', 'www.electronjs.org', 'svelte.dev'];

/**
 * The origin of a URL as "scheme://host[:port]", or null when it has none. Node's URL gives
 * "null" for every non-special scheme (app:, evil:), which would make all of them compare
 * equal, so custom schemes are serialised here.
 */
export function originOf(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.origin !== 'null') return parsed.origin;
  // file:, data:, blob:, javascript:, about: and host-less custom URLs have no usable origin.
  if (parsed.host === '' || parsed.protocol === 'file:') return null;
  return `${parsed.protocol.toLowerCase()}//${parsed.host.toLowerCase()}`;
}

export type NavigationDecision = 'allow' | 'deny';

/** Only navigations within the app's own origin are allowed (compared parsed, never by prefix). */
export function decideNavigation(targetUrl: string, appOrigin: string): NavigationDecision {
  const origin = originOf(targetUrl);
  return origin !== null && origin === appOrigin ? 'allow' : 'deny';
}

/** The URL if it may be opened in the user's browser: https, no credentials, an allowed host. */
export function safeExternalUrl(url: string, allowedHosts: readonly string[] = EXTERNAL_HOSTS): URL | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'https:') return null;
  if (parsed.username !== '' || parsed.password !== '') return null;
  if (parsed.port !== '') return null;
  return allowedHosts.includes(parsed.hostname) ? parsed : null;
}

/** The only place the app hands a URL to the operating system. Returns whether it did. */
export async function openExternalSafe(url: string, shell: Pick<Shell, 'openExternal'>): Promise<boolean> {
  const safe = safeExternalUrl(url);
  if (safe === null) return false;
  await shell.openExternal(safe.href);
  return true;
}

/** The app needs no camera, location, notifications or any other permission: always no. */
export function decidePermission(_permission: string): boolean {
  return false;
}

/** A cancellable navigation event as Electron passes it (details.url, preventDefault()). */
interface NavigationEvent {
  readonly url: string;
  preventDefault(): void;
}

/** What hardenWebContents touches on a WebContents (main passes the real one; tests a fake). */
export interface HardenableContents {
  on(event: 'will-navigate' | 'will-frame-navigate' | 'will-redirect', listener: (details: NavigationEvent) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: { preventDefault(): void }) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

/**
 * For every web contents the app creates: no <webview>, no navigation or redirect away from the
 * app's origin, no new windows. A link to an allowed https site opens in the user's browser.
 */
export function hardenWebContents(contents: HardenableContents, appOrigin: string, shell: Pick<Shell, 'openExternal'>): void {
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.on('will-navigate', (event) => {
    if (decideNavigation(event.url, appOrigin) === 'allow') return;
    event.preventDefault();
    void openExternalSafe(event.url, shell);
  });
  for (const name of ['will-frame-navigate', 'will-redirect'] as const) {
    contents.on(name, (event) => {
      if (decideNavigation(event.url, appOrigin) === 'deny') event.preventDefault();
    });
  }
  contents.setWindowOpenHandler(({ url }) => {
    void openExternalSafe(url, shell);
    return { action: 'deny' };
  });
}
