// The IPC contract: every channel between the renderer and the main process, in one file.
// Main validates requests with these schemas; the preload builds `window.tidecast` from the
// same names; the renderer imports only types from here (never a hand-written copy).
import * as v from 'valibot';
import type { TextEncoding } from '../engine/data/decode';

// ---------------------------------------------------------------------------------------------
// Results. Electron keeps only the `message` of an error thrown through `handle`, and custom
// properties are lost over contextBridge, so failures cross IPC as values.

export type ErrorCode =
  /** The message did not come from the main frame of a Tidecast window. */
  | 'forbidden-sender'
  /** The request did not match the channel's schema; `where` names the field. */
  | 'invalid-payload'
  /** A named thing (sample, file) does not exist. */
  | 'not-found'
  /** A file is larger than the app accepts. */
  | 'too-large'
  /** Reading or writing a file failed (permissions, disk full, …). */
  | 'io-failed'
  /** The IPC transport itself failed (no handler, window closing). */
  | 'ipc-failed'
  /** A bug: the handler threw something unexpected. */
  | 'internal';

export interface IpcError {
  code: ErrorCode;
  /** One or two sentences for a person: what went wrong and what to do. */
  message: string;
  /** Where it happened: the channel, plus the field or the file when known. */
  where: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: IpcError };

// ---------------------------------------------------------------------------------------------
// Payload shapes.

export interface AppInfo {
  name: string;
  version: string;
  electron: string;
  chrome: string;
  node: string;
  v8: string;
  platform: string;
  arch: string;
}

export interface SampleInfo {
  /** File name, the key for `samples:open`. */
  name: string;
  title: string;
  description: string;
  bytes: number;
}

export type TextEncodingName = TextEncoding;

/** A text file read by main on the renderer's behalf (the renderer never sends paths). */
export interface TextFile {
  /** File name without directories. */
  name: string;
  text: string;
  bytes: number;
  /** How the bytes were decoded (engine/data/decode.ts); a byte-order mark stays as U+FEFF at
   *  the start of `text`, for the CSV reader to strip and report. */
  encoding: TextEncodingName;
}

export type OpenResult = { canceled: true } | ({ canceled: false } & TextFile);

export const SAVE_KINDS = ['csv', 'png', 'json', 'project'] as const;
export type SaveKind = (typeof SAVE_KINDS)[number];

export type SaveResult =
  | { canceled: true }
  | { canceled: false; name: string; path: string; bytes: number };

export const MENU_COMMANDS = ['open-csv', 'open-sample', 'export', 'about'] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];

// Limits shared by both sides, so the renderer can explain a refusal before sending.
// Literal types (not `256 * 1024 * 1024`), so the renderer can pin its copy with `typeof`
// and a type-only import: the page never loads this module (and valibot) at runtime.
/** Largest CSV main reads into memory, 256 MiB (V8 strings top out near 512 M characters). */
export const MAX_OPEN_BYTES = 268_435_456;
/** Largest export the renderer may hand to `file:save`, 256 MiB. */
export const MAX_SAVE_BYTES = 268_435_456;
export const MAX_NAME_LENGTH = 255;

// ---------------------------------------------------------------------------------------------
// Invoke channels: request schema (validated in main) → response type (inside a Result).

const noRequest = v.undefined();

const fileName = v.pipe(v.string(), v.minLength(1), v.maxLength(MAX_NAME_LENGTH));

export const requestSchemas = {
  /** Versions shown in About; they come from the main process. */
  'app:info': noRequest,
  /** The bundled sample series. */
  'samples:list': noRequest,
  'samples:open': v.strictObject({ name: fileName }),
  /** Main's open dialog (CSV/TSV/TXT); main reads and decodes the chosen file. */
  'file:open-csv': noRequest,
  /** Main's save dialog for `kind`, then an atomic write of `content`. */
  'file:save': v.strictObject({
    kind: v.picklist(SAVE_KINDS),
    /** Proposed file name; main strips anything path-like from it. */
    suggestedName: v.pipe(v.string(), v.maxLength(MAX_NAME_LENGTH)),
    /** Text for csv/json/project, bytes for png. */
    content: v.union([
      v.pipe(v.string(), v.maxLength(MAX_SAVE_BYTES)),
      v.pipe(v.instance(Uint8Array), v.check((b) => b.byteLength <= MAX_SAVE_BYTES, `must be at most ${MAX_SAVE_BYTES} bytes`)),
    ]),
  }),
  // The training job channels join here (owned by the UI/jobs work): 'forecast:start' → job
  // id, 'forecast:cancel' / 'forecast:pause' / 'forecast:resume' with { jobId }.
} satisfies { [C in keyof InvokeResponses]: v.GenericSchema };

export interface InvokeResponses {
  'app:info': AppInfo;
  'samples:list': SampleInfo[];
  'samples:open': TextFile;
  'file:open-csv': OpenResult;
  'file:save': SaveResult;
}

export type InvokeChannel = keyof InvokeResponses;
/** What the renderer passes (schema input). */
export type RequestOf<C extends InvokeChannel> = v.InferInput<(typeof requestSchemas)[C]>;
/** What a handler receives after validation (schema output). */
export type ParsedRequestOf<C extends InvokeChannel> = v.InferOutput<(typeof requestSchemas)[C]>;
export type ResponseOf<C extends InvokeChannel> = InvokeResponses[C];

export const invokeChannels = Object.keys(requestSchemas) as InvokeChannel[];

// ---------------------------------------------------------------------------------------------
// Events pushed from main to the renderer: channel → payload.

export interface EventPayloads {
  /** An application-menu item the page acts on (open, export, about). */
  'menu:command': { command: MenuCommand };
  // Job events join here: 'job:progress' (TrainingProgress + jobId), 'job:state', 'job:result'.
}

export type EventChannel = keyof EventPayloads;

const eventChannelSet = { 'menu:command': true } satisfies { [C in EventChannel]: true };
export const eventChannels = Object.keys(eventChannelSet) as EventChannel[];

// ---------------------------------------------------------------------------------------------
// API names on `window.tidecast`: 'file:open-csv' → fileOpenCsv(), 'menu:command' → onMenuCommand().

type CamelCase<S extends string> = S extends `${infer Head}:${infer Tail}`
  ? `${Head}${Capitalize<CamelCase<Tail>>}`
  : S extends `${infer Head}-${infer Tail}`
    ? `${Head}${Capitalize<CamelCase<Tail>>}`
    : S;

export type MethodName<C extends InvokeChannel> = CamelCase<C>;
export type ListenerName<C extends EventChannel> = `on${Capitalize<CamelCase<C>>}`;

export function methodName<C extends InvokeChannel>(channel: C): MethodName<C> {
  return channel.replace(/[:-]([a-z])/g, (_m, c: string) => c.toUpperCase()) as MethodName<C>;
}

export function listenerName<C extends EventChannel>(channel: C): ListenerName<C> {
  const camel = channel.replace(/[:-]([a-z])/g, (_m, c: string) => c.toUpperCase());
  return `on${camel[0]!.toUpperCase()}${camel.slice(1)}` as ListenerName<C>;
}
