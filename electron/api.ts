// Builds `window.tidecast` from the contract: one function per invoke channel, one subscribe
// function per event. The preload passes Electron's ipcRenderer; the e2e harness passes a bridge.
import {
  eventChannels,
  invokeChannels,
  listenerName,
  methodName,
  type EventChannel,
  type EventPayloads,
  type InvokeChannel,
  type ListenerName,
  type MethodName,
  type RequestOf,
  type ResponseOf,
  type Result,
} from './contract';

/** The part of Electron's IpcRenderer this module uses (kept structural: no Electron types here). */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

type InvokeFunction<C extends InvokeChannel> = undefined extends RequestOf<C>
  ? () => Promise<Result<ResponseOf<C>>>
  : (request: RequestOf<C>) => Promise<Result<ResponseOf<C>>>;

/** Subscribes `callback` to an event; the returned function unsubscribes. */
type SubscribeFunction<C extends EventChannel> = (callback: (payload: EventPayloads[C]) => void) => () => void;

export type TidecastApi = { readonly [C in InvokeChannel as MethodName<C>]: InvokeFunction<C> } & {
  readonly [C in EventChannel as ListenerName<C>]: SubscribeFunction<C>;
};

export function createApi(ipc: IpcRendererLike): TidecastApi {
  const api: Record<string, unknown> = {};

  for (const channel of invokeChannels) {
    api[methodName(channel)] = async (request?: unknown): Promise<Result<unknown>> => {
      try {
        // Send no argument at all for request-less channels, so main sees exactly one shape.
        const reply = request === undefined ? await ipc.invoke(channel) : await ipc.invoke(channel, request);
        return reply as Result<unknown>;
      } catch (error) {
        // Only transport failures land here (handlers answer with values); keep the promise
        // resolving so every caller handles one shape.
        return {
          ok: false,
          error: { code: 'ipc-failed', message: `The app could not complete "${channel}": ${messageOf(error)}`, where: channel },
        };
      }
    };
  }

  for (const channel of eventChannels) {
    api[listenerName(channel)] = (callback: (payload: unknown) => void): (() => void) => {
      if (typeof callback !== 'function') throw new TypeError(`${listenerName(channel)} needs a callback function.`);
      // The event object carries `sender` (the ipcRenderer itself): never let the page see it.
      const listener = (_event: unknown, payload: unknown): void => callback(payload);
      ipc.on(channel, listener);
      let subscribed = true;
      return () => {
        if (!subscribed) return;
        subscribed = false;
        ipc.removeListener(channel, listener);
      };
    };
  }

  return Object.freeze(api) as TidecastApi;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
