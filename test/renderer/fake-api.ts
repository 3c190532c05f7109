// window.tidecast for renderer tests: every contract method a spy (answering what the test set,
// or a harmless default), and the events main would push, emitted by the test.
import { vi } from 'vitest';
import type { TidecastApi } from '../../electron/api';
import type { EventChannel, EventPayloads } from '../../electron/contract';

type Answers = Partial<Record<keyof TidecastApi, unknown>>;

export function fakeApi(answers: Answers = {}) {
  const listeners = new Map<EventChannel, Set<(payload: unknown) => void>>();
  const on = (channel: EventChannel) => (callback: (payload: unknown) => void) => {
    let set = listeners.get(channel);
    if (!set) listeners.set(channel, (set = new Set()));
    set.add(callback);
    return () => set.delete(callback);
  };
  let nextJob = 1;
  const defaults: Answers = {
    samplesList: { ok: true, value: [] },
  };
  const calls = new Proxy({} as Record<string, ReturnType<typeof vi.fn>>, {
    get(target, name: string) {
      target[name] ??= vi.fn(async () => {
        if (name === 'forecastStart' && answers.forecastStart === undefined) return { ok: true, value: { runId: nextJob++ } };
        const answer = name in answers ? answers[name as keyof TidecastApi] : (defaults[name as keyof TidecastApi] ?? { ok: true, value: null });
        return typeof answer === 'function' ? (answer as () => unknown)() : answer;
      });
      return target[name];
    },
  });
  const api = new Proxy({} as TidecastApi, {
    get(_target, name: string) {
      if (name.startsWith('on')) {
        const channel = (['menu:command', 'file:open-request', 'run:state', 'run:progress', 'run:result'] as EventChannel[]).find(
          (c) => `on${c.replace(/(^|[:-])([a-z])/g, (_m, _s, ch: string) => ch.toUpperCase())}` === name,
        );
        if (channel === undefined) throw new Error(`window.tidecast has no ${name}`);
        return on(channel);
      }
      return calls[name];
    },
  });
  const emit = <C extends EventChannel>(channel: C, payload: EventPayloads[C]): void => {
    for (const callback of [...(listeners.get(channel) ?? [])]) callback(payload);
  };
  return { api, calls, emit };
}
