// window.tidecast as the preload builds it: exactly the contract's channels, listeners that see
// only the payload, working unsubscribe, and failures as values.
import { EventEmitter } from 'node:events';
import { describe, expect, expectTypeOf, it, vi } from 'vitest';
import { createApi, type IpcRendererLike, type TidecastApi } from '../../electron/api';
import { eventChannels, invokeChannels, listenerName, methodName, type AppInfo, type Result } from '../../electron/contract';
import { registerHandlers } from '../../electron/ipc';
import { createHandlers } from '../../electron/handlers';
import { APP_ORIGIN } from '../../electron/protocol';
import { APP_CONTENTS, eventFrom, FakeRegistry, scriptedDialogs } from './fakes';

/** An ipcRenderer double: invoke is a spy, events go through a real EventEmitter like Electron's. */
function fakeIpcRenderer(invoke: (channel: string, ...args: unknown[]) => Promise<unknown> = async () => ({ ok: true, value: null })) {
  const emitter = new EventEmitter();
  const ipc = {
    invoke: vi.fn(invoke),
    on: (channel: string, listener: (event: unknown, ...args: unknown[]) => void) => emitter.on(channel, listener),
    removeListener: (channel: string, listener: (event: unknown, ...args: unknown[]) => void) => emitter.removeListener(channel, listener),
    /** What main's webContents.send looks like from the page: an event object that leaks the sender. */
    push: (channel: string, payload: unknown) => emitter.emit(channel, { sender: ipc, senderId: 0, ports: [] }, payload),
    listenerCount: (channel: string) => emitter.listenerCount(channel),
  };
  return ipc;
}

describe('createApi', () => {
  it('exposes one function per contract channel and nothing else', () => {
    const api = createApi(fakeIpcRenderer());
    const expected = [...invokeChannels.map(methodName), ...eventChannels.map(listenerName)].sort();
    expect(Object.keys(api).sort()).toEqual(expected);
    expect(expected).toEqual([
      'appInfo', 'appShowLogs', 'fileExportModel', 'fileOpen', 'fileOpenCsv', 'fileOpenModel', 'fileOpenProject', 'fileSave', 'fileSaveProject',
      'forecastApply', 'forecastCancel', 'forecastPause', 'forecastResume', 'forecastStart', 'holidaysPlaces',
      'onFileOpenRequest', 'onMenuCommand', 'onRunProgress', 'onRunResult', 'onRunState', 'samplesList', 'samplesOpen',
      'whatifClose', 'whatifForecast', 'whatifOpen', 'windowClose', 'windowSetEdited',
    ]);
    for (const key of expected) expect(typeof (api as Record<string, unknown>)[key]).toBe('function');
  });

  it('is frozen, so page code cannot swap a function', () => {
    const api = createApi(fakeIpcRenderer());
    expect(Object.isFrozen(api)).toBe(true);
  });

  it('never hands out ipcRenderer or its methods', () => {
    const ipc = fakeIpcRenderer();
    const api = createApi(ipc) as unknown as Record<string, unknown>;
    for (const value of Object.values(api)) {
      expect(value).not.toBe(ipc);
      expect(value).not.toBe(ipc.invoke);
      expect(value).not.toBe(ipc.on);
    }
  });

  it('sends no argument for request-less channels and exactly the request otherwise', async () => {
    const ipc = fakeIpcRenderer();
    const api = createApi(ipc);
    await api.appInfo();
    await api.samplesOpen({ name: 'au_wine_sales.csv' });
    const bytes = new Uint8Array([1, 2, 3]);
    await api.fileSave({ kind: 'png', suggestedName: 'chart', content: bytes });
    expect(ipc.invoke.mock.calls).toEqual([
      ['app:info'],
      ['samples:open', { name: 'au_wine_sales.csv' }],
      ['file:save', { kind: 'png', suggestedName: 'chart', content: bytes }],
    ]);
  });

  it('turns a transport failure into an ipc-failed value, never a rejection', async () => {
    const api = createApi(fakeIpcRenderer(async () => { throw new Error("No handler registered for 'app:info'"); }));
    await expect(api.appInfo()).resolves.toEqual({
      ok: false,
      error: { code: 'ipc-failed', message: expect.stringContaining('No handler registered'), where: 'app:info' },
    });
  });

  it('gives a listener only the payload, never the event object', () => {
    const ipc = fakeIpcRenderer();
    const api = createApi(ipc);
    const received: unknown[][] = [];
    api.onMenuCommand((...args: unknown[]) => received.push(args));
    ipc.push('menu:command', { command: 'about' });
    expect(received).toEqual([[{ command: 'about' }]]);
  });

  it('unsubscribes, and unsubscribing twice is harmless', () => {
    const ipc = fakeIpcRenderer();
    const api = createApi(ipc);
    const first = vi.fn();
    const second = vi.fn();
    const offFirst = api.onMenuCommand(first);
    api.onMenuCommand(second);
    expect(ipc.listenerCount('menu:command')).toBe(2);
    offFirst();
    offFirst();
    expect(ipc.listenerCount('menu:command')).toBe(1);
    ipc.push('menu:command', { command: 'open-csv' });
    expect(first).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledExactlyOnceWith({ command: 'open-csv' });
  });

  it('refuses a listener that is not a function', () => {
    const api = createApi(fakeIpcRenderer());
    expect(() => (api.onMenuCommand as (cb: unknown) => void)('nope')).toThrow(TypeError);
  });

  it('types each function from the contract', () => {
    expectTypeOf<TidecastApi['appInfo']>().toEqualTypeOf<() => Promise<Result<AppInfo>>>();
    expectTypeOf<TidecastApi['samplesOpen']>().parameter(0).toEqualTypeOf<{ name: string }>();
    expectTypeOf<ReturnType<TidecastApi['onMenuCommand']>>().toEqualTypeOf<() => void>();
  });

  it('accepts Electron’s ipcRenderer', () => {
    expectTypeOf<Electron.IpcRenderer>().toExtend<IpcRendererLike>();
  });
});

describe('renderer ⇄ main in one process', () => {
  it('round-trips app:info through createApi, the choke point and the real handlers', async () => {
    const registry = new FakeRegistry();
    const appInfo = { name: 'Tidecast', version: '0.1.0', electron: '45.5.0', chrome: '140.0', node: '22.0', v8: '14.0', platform: 'linux', arch: 'x64', logFile: '/tmp/main.log' };
    registerHandlers(registry, {
      appOrigin: APP_ORIGIN,
      isAppContents: (s) => s.id === APP_CONTENTS.id,
      handlers: createHandlers({ appInfo, samplesDir: '/nonexistent', dialogs: scriptedDialogs({}), defaultSaveDir: '/tmp' }),
    });
    const api = createApi(fakeIpcRenderer((channel, ...args) => registry.invoke(channel, eventFrom('app://tidecast/index.html'), ...args)));
    await expect(api.appInfo()).resolves.toEqual({ ok: true, value: appInfo });
  });
});
