// The IPC choke point: a forged sender never reaches a handler, a malformed payload gets an
// error naming the field, and a failing handler answers with a value instead of crashing.
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { describe, expect, expectTypeOf, it, vi } from 'vitest';
import { invokeChannels, type InvokeChannel } from '../../electron/contract';
import { IpcFailure, registerHandlers, senderProblem, type Handlers, type IpcRegistry, type SenderEvent } from '../../electron/ipc';
import { APP_ORIGIN } from '../../electron/protocol';
import { APP_CONTENTS, eventFrom, FakeRegistry } from './fakes';

const appInfo = { name: 'Tidecast', version: '0.1.0', electron: '45.5.0', chrome: '140', node: '22', v8: '14', platform: 'linux', arch: 'x64', logFile: '/home/ann/.config/Tidecast/logs/main.log' };

function emptyForecast() {
  const none = new Float64Array(0);
  return { mean: none, lower80: none, upper80: none, lower95: none, upper95: none, time: none };
}

function spyHandlers(): Handlers & { calls: InvokeChannel[] } {
  const calls: InvokeChannel[] = [];
  const record = <T>(channel: InvokeChannel, value: T) => () => {
    calls.push(channel);
    return value;
  };
  return {
    calls,
    'app:info': record('app:info', appInfo),
    'samples:list': record('samples:list', []),
    'samples:open': record('samples:open', { name: 'a.csv', text: 'x', bytes: 1, encoding: 'utf-8' as const }),
    'file:open-csv': record('file:open-csv', { canceled: true as const }),
    'file:save': record('file:save', { canceled: true as const }),
    'file:export-model': record('file:export-model', { canceled: true as const }),
    'file:open-model': record('file:open-model', { canceled: true as const }),
    'file:open-project': record('file:open-project', { canceled: true as const }),
    'file:open': record('file:open', { canceled: true as const }),
    'file:save-project': record('file:save-project', { canceled: true as const }),
    'window:set-edited': record('window:set-edited', null),
    'window:close': record('window:close', null),
    'app:show-logs': record('app:show-logs', null),
    'forecast:start': record('forecast:start', { runId: 1 }),
    'forecast:apply': record('forecast:apply', { runId: 1 }),
    'forecast:cancel': record('forecast:cancel', { runId: 1, state: 'cancelled' as const }),
    'forecast:pause': record('forecast:pause', { runId: 1, state: 'paused' as const }),
    'forecast:resume': record('forecast:resume', { runId: 1, state: 'running' as const }),
    'holidays:places': record('holidays:places', []),
    'whatif:open': record('whatif:open', { sessionId: 1, known: [], forecast: emptyForecast(), baseline: null }),
    'whatif:forecast': record('whatif:forecast', emptyForecast()),
    'whatif:close': record('whatif:close', null),
  };
}

function setup(handlers: Handlers = spyHandlers()) {
  const registry = new FakeRegistry();
  const log = vi.fn();
  const unregister = registerHandlers(registry, { appOrigin: APP_ORIGIN, isAppContents: (s) => s.id === APP_CONTENTS.id, handlers, log });
  return { registry, log, unregister, handlers };
}

const ok = eventFrom('app://tidecast/index.html');

describe('registerHandlers', () => {
  it('registers exactly the contract channels and can remove them', () => {
    const { registry, unregister } = setup();
    expect([...registry.handlers.keys()].sort()).toEqual([...invokeChannels].sort());
    unregister();
    expect(registry.handlers.size).toBe(0);
  });

  it('answers a valid request from our page with the handler value', async () => {
    const { registry } = setup();
    await expect(registry.invoke('app:info', ok)).resolves.toEqual({ ok: true, value: appInfo });
  });

  it('fits Electron: ipcMain is a registry and its invoke event carries what the check reads', () => {
    expectTypeOf<IpcMain>().toExtend<IpcRegistry>();
    expectTypeOf<IpcMainInvokeEvent>().toExtend<SenderEvent>();
  });
});

describe('sender check', () => {
  const forged: [string, SenderEvent][] = [
    ['a foreign origin', eventFrom('https://evil.example/')],
    ['a look-alike origin', eventFrom('app://tidecast.evil/index.html')],
    ['another custom scheme', eventFrom('evil://tidecast/index.html')],
    ['a file: page', eventFrom('file:///home/u/index.html')],
    ['a data: page', eventFrom('data:text/html,<script>1</script>')],
    ['about:blank', eventFrom('about:blank')],
    ['a null frame (navigated away or destroyed)', { sender: APP_CONTENTS, senderFrame: null }],
    ['a sub-frame of our own origin', eventFrom('app://tidecast/index.html', { parent: { url: 'app://tidecast/index.html' } })],
    ['a frame that is not the main frame', eventFrom('app://tidecast/index.html', { frameTreeNodeId: 99 })],
    ['web contents we did not create', eventFrom('app://tidecast/index.html', { sender: { id: 2, mainFrame: { frameTreeNodeId: 10 } } })],
  ];

  it.each(forged)('refuses %s before the handler runs', async (_label, event) => {
    const handlers = spyHandlers();
    const { registry, log } = setup(handlers);
    for (const channel of invokeChannels) {
      const reply = await registry.invoke(channel, event, channel === 'samples:open' ? { name: 'a.csv' } : undefined);
      expect(reply).toEqual({ ok: false, error: { code: 'forbidden-sender', message: expect.stringContaining('refused'), where: channel } });
    }
    expect(handlers.calls).toEqual([]);
    expect(log).toHaveBeenCalled();
  });

  it('checks the sender before the payload (a forged malformed message learns nothing)', async () => {
    const { registry } = setup();
    const reply = await registry.invoke('file:save', eventFrom('https://evil.example/'), { kind: 'exe' });
    expect(reply).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
  });

  it('treats a sender check that throws as a refusal', async () => {
    const handlers = spyHandlers();
    const registry = new FakeRegistry();
    registerHandlers(registry, {
      appOrigin: APP_ORIGIN,
      isAppContents: () => {
        throw new Error('web contents destroyed');
      },
      handlers,
    });
    expect(await registry.invoke('app:info', ok)).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
    expect(handlers.calls).toEqual([]);
  });

  it('accepts the dev server origin when that is the app origin', () => {
    const deps = { appOrigin: 'http://localhost:5173', isAppContents: () => true };
    expect(senderProblem(eventFrom('http://localhost:5173/'), deps)).toBeNull();
    expect(senderProblem(eventFrom('http://localhost:5174/'), deps)).toMatch(/not from http:\/\/localhost:5173/);
  });
});

describe('payload validation', () => {
  it.each([
    ['samples:open', [{}], 'field "name"'],
    ['samples:open', [{ name: 42 }], 'field "name"'],
    ['samples:open', [{ name: '' }], 'field "name"'],
    ['samples:open', [{ name: 'a.csv', extra: true }], 'field "extra"'],
    ['samples:open', [null], 'request'],
    ['file:save', [{ kind: 'exe', suggestedName: 'x', content: 'y' }], 'field "kind"'],
    ['file:save', [{ kind: 'csv', suggestedName: 7, content: 'y' }], 'field "suggestedName"'],
    ['file:save', [{ kind: 'csv', suggestedName: 'x', content: 12 }], 'field "content"'],
    ['file:save', [{ kind: 'csv', suggestedName: 'x', content: [1, 2] }], 'field "content"'],
    ['file:save', [{ kind: 'csv', suggestedName: 'x'.repeat(300), content: 'y' }], 'field "suggestedName"'],
    ['file:export-model', [{ kind: 'exe', suggestedName: 'x', modelName: 'm.json', modelText: '{}' }], 'field "kind"'],
    ['file:export-model', [{ kind: 'onnx', suggestedName: 'x', modelName: '', modelText: '{}' }], 'field "modelName"'],
    ['app:info', [{ sneaky: true }], 'request'],
    ['app:info', ['x', 'y'], 'expected one argument, got 2'],
  ] as const)('%s %j → invalid-payload naming %s', async (channel, args, named) => {
    const handlers = spyHandlers();
    const { registry } = setup(handlers);
    const reply = (await registry.invoke(channel, ok, ...args)) as { ok: boolean; error: { code: string; message: string; where: string } };
    expect(reply.ok).toBe(false);
    expect(reply.error.code).toBe('invalid-payload');
    expect(reply.error.message).toContain(`Invalid request for ${channel}`);
    expect(reply.error.message).toContain(named);
    expect(reply.error.where.startsWith(channel)).toBe(true);
    expect(handlers.calls).toEqual([]);
  });

  it('gives the handler the parsed request', async () => {
    const seen: unknown[] = [];
    const handlers = { ...spyHandlers(), 'samples:open': (request: { name: string }) => (seen.push(request), { name: 'a.csv', text: '', bytes: 0, encoding: 'utf-8' as const }) };
    const { registry } = setup(handlers);
    await registry.invoke('samples:open', ok, { name: 'a.csv' });
    expect(seen).toEqual([{ name: 'a.csv' }]);
  });
});

describe('handler failures', () => {
  it('turns an unexpected throw into a structured internal error and logs the stack', async () => {
    const handlers = { ...spyHandlers(), 'app:info': () => { throw new TypeError('boom'); } };
    const { registry, log } = setup(handlers);
    const reply = await registry.invoke('app:info', ok);
    expect(reply).toEqual({ ok: false, error: { code: 'internal', message: expect.stringContaining('boom'), where: 'app:info' } });
    expect(log.mock.calls[0]![0]).toContain('TypeError: boom');
  });

  it('turns a rejected promise and a thrown non-Error into values too', async () => {
    const handlers = {
      ...spyHandlers(),
      'samples:list': async () => Promise.reject(new Error('disk gone')),
      'file:open-csv': () => { throw 'a string'; },
    };
    const { registry } = setup(handlers);
    await expect(registry.invoke('samples:list', ok)).resolves.toMatchObject({ ok: false, error: { code: 'internal', message: expect.stringContaining('disk gone') } });
    await expect(registry.invoke('file:open-csv', ok)).resolves.toMatchObject({ ok: false, error: { code: 'internal', message: expect.stringContaining('a string') } });
  });

  it('passes an expected failure through with its own code and place', async () => {
    const handlers = { ...spyHandlers(), 'samples:open': () => { throw new IpcFailure('not-found', 'There is no bundled sample named "x".', 'samples:open › name'); } };
    const { registry } = setup(handlers);
    await expect(registry.invoke('samples:open', ok, { name: 'x' })).resolves.toEqual({
      ok: false,
      error: { code: 'not-found', message: 'There is no bundled sample named "x".', where: 'samples:open › name' },
    });
  });
});
