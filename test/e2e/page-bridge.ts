// Runs in the page (bundled to one script and added as an init script by the harness): builds
// `window.tidecast` with the preload's own createApi, over an ipcRenderer-like adapter whose
// invoke goes to the real main-process handlers in the test process through a Playwright binding.
import { createApi, type IpcRendererLike } from '../../electron/api';

type Listener = (event: unknown, ...args: unknown[]) => void;

interface BridgeGlobals {
  /** Installed by page.exposeBinding; the binding's `source.frame` is the real sender. */
  __tidecastInvoke(channel: string, args: unknown[]): Promise<unknown>;
  __tidecastEmit?: (channel: string, payload: unknown) => void;
  tidecast?: unknown;
}

const page = globalThis as unknown as BridgeGlobals;
const listeners = new Map<string, Set<Listener>>();

const ipc: IpcRendererLike = {
  invoke: (channel, ...args) => page.__tidecastInvoke(channel, args),
  on(channel, listener) {
    let set = listeners.get(channel);
    if (!set) listeners.set(channel, (set = new Set()));
    set.add(listener);
    return ipc;
  },
  removeListener(channel, listener) {
    listeners.get(channel)?.delete(listener);
    return ipc;
  },
};

// Main → page events. The event object mimics Electron's (it carries `sender`), so a test
// can check createApi never passes it on.
Object.defineProperty(page, '__tidecastEmit', {
  value: (channel: string, payload: unknown) => {
    for (const listener of [...(listeners.get(channel) ?? [])]) listener({ sender: ipc }, payload);
  },
});

// As contextBridge does: a read-only global holding a frozen object.
Object.defineProperty(page, 'tidecast', { value: createApi(ipc), enumerable: true });
