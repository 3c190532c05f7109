// The one choke point for IPC in main: every invoke is checked for its sender, then its payload
// is validated against the contract, then its handler runs; every outcome is a Result value.
import * as v from 'valibot';
import {
  invokeChannels,
  requestSchemas,
  type ErrorCode,
  type EventChannel,
  type EventPayloads,
  type InvokeChannel,
  type IpcError,
  type ParsedRequestOf,
  type ResponseOf,
  type Result,
} from './contract';
import { originOf } from './navigation';

/** What the sender check reads from Electron's IpcMainInvokeEvent (a test asserts it still fits). */
export interface SenderFrame {
  readonly url: string;
  readonly parent: unknown;
  readonly frameTreeNodeId: number;
}
export interface SenderContents {
  readonly id: number;
  readonly mainFrame: Pick<SenderFrame, 'frameTreeNodeId'>;
}
export interface SenderEvent {
  readonly senderFrame: SenderFrame | null;
  readonly sender: SenderContents;
}

/** Electron's ipcMain, or a test registry. */
export interface IpcRegistry {
  handle(channel: string, listener: (event: SenderEvent, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

export interface HandlerContext {
  /** The web contents that sent the request (already checked to be ours). */
  sender: SenderContents;
}

export type Handlers = {
  [C in InvokeChannel]: (request: ParsedRequestOf<C>, context: HandlerContext) => Promise<ResponseOf<C>> | ResponseOf<C>;
};

export interface IpcDeps {
  /** The origin our page is served from, e.g. 'app://tidecast' (or the dev server's). */
  appOrigin: string;
  /** True when these web contents belong to a window this app created. */
  isAppContents(sender: SenderContents): boolean;
  handlers: Handlers;
  /** Where refusals and unexpected failures are reported (main's log). */
  log?(message: string): void;
}

/** An expected failure a handler reports to the page, with its code and place. */
export class IpcFailure extends Error {
  readonly code: ErrorCode;
  readonly where: string | undefined;
  constructor(code: ErrorCode, message: string, where?: string) {
    super(message);
    this.name = 'IpcFailure';
    this.code = code;
    this.where = where;
  }
}

/** Why a sender is refused, or null when it is the main frame of our page. */
export function senderProblem(event: SenderEvent, deps: Pick<IpcDeps, 'appOrigin' | 'isAppContents'>): string | null {
  const frame = event.senderFrame;
  // A null frame means it navigated away or was destroyed before the message was handled.
  if (frame === null || frame === undefined) return 'the sending frame no longer exists';
  if (frame.parent !== null) return 'the message came from a sub-frame';
  if (!deps.isAppContents(event.sender)) return 'the message came from a window this app did not create';
  if (frame.frameTreeNodeId !== event.sender.mainFrame.frameTreeNodeId) return 'the message did not come from the main frame';
  const origin = originOf(frame.url);
  if (origin === null || origin !== deps.appOrigin) return `the message came from ${JSON.stringify(frame.url)}, not from ${deps.appOrigin}`;
  return null;
}

/** Registers one handler per contract channel; returns a function that removes them. */
export function registerHandlers(registry: IpcRegistry, deps: IpcDeps): () => void {
  for (const channel of invokeChannels) {
    registry.handle(channel, (event, ...args) => dispatch(channel, event, args, deps));
  }
  return () => {
    for (const channel of invokeChannels) registry.removeHandler(channel);
  };
}

async function dispatch<C extends InvokeChannel>(
  channel: C,
  event: SenderEvent,
  args: unknown[],
  deps: IpcDeps,
): Promise<Result<ResponseOf<C>>> {
  // 1. The sender, before anything else: a forged message never reaches a schema or a handler.
  let refusal: string | null;
  try {
    refusal = senderProblem(event, deps);
  } catch (error) {
    refusal = `the sender could not be checked (${messageOf(error)})`;
  }
  if (refusal !== null) {
    deps.log?.(`IPC ${channel} refused: ${refusal}.`);
    return failure('forbidden-sender', 'This request did not come from the Tidecast window, so it was refused.', channel);
  }

  // 2. The payload: exactly one argument (or none) matching the channel's schema.
  if (args.length > 1) {
    return failure('invalid-payload', `Invalid request for ${channel}: expected one argument, got ${args.length}.`, channel);
  }
  const parsed = v.safeParse(requestSchemas[channel], args[0]);
  if (!parsed.success) return invalidPayload(channel, parsed.issues);

  // 3. The handler; whatever it throws becomes a value.
  try {
    const handler = deps.handlers[channel] as (request: unknown, context: HandlerContext) => unknown;
    const value = (await handler(parsed.output, { sender: event.sender })) as ResponseOf<C>;
    return { ok: true, value };
  } catch (error) {
    if (error instanceof IpcFailure) return failure(error.code, error.message, error.where ?? channel);
    deps.log?.(`IPC ${channel} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return failure('internal', `Something went wrong in ${channel}: ${messageOf(error)}. Please try again; if it keeps happening, report it.`, channel);
  }
}

function invalidPayload(channel: InvokeChannel, issues: readonly v.BaseIssue<unknown>[]): Result<never> {
  const first = issues[0]!;
  const path = v.getDotPath(first);
  const field = path === null || path === '' ? 'request' : `field "${path}"`;
  return failure('invalid-payload', `Invalid request for ${channel}: ${field}: ${first.message}`, path ? `${channel} › ${path}` : channel);
}

function failure(code: ErrorCode, message: string, where: string): { ok: false; error: IpcError } {
  return { ok: false, error: { code, message, where } };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Sends a contract event with a payload of the channel's type. */
export function emit<C extends EventChannel>(
  target: { send(channel: string, ...args: unknown[]): void },
  channel: C,
  payload: EventPayloads[C],
): void {
  target.send(channel, payload);
}
