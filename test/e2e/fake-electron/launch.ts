// Runs the built main bundle in a child Node process, as Electron would run it, with the
// `electron` stand-in: copies out/ into a temporary app folder whose node_modules/electron is
// the transpiled stand-in, starts out/main/main.js there, and gives the test what the stand-in
// reports plus a way to send it commands and await what happens.
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import type { InvokeChannel, RequestOf, ResponseOf, Result } from '../../../electron/contract';
import type { ChildMessage, Command, CommandMessage, Described, Phase, SenderSpec, StandInConfig, WorkerReport } from './protocol';

export const ROOT = join(import.meta.dirname, '../../..');
export const OUT = join(ROOT, 'out');

export interface CallRecord {
  seq: number;
  phase: Phase;
  api: string;
  args: Described[];
}

export interface LifecycleRecord {
  seq: number;
  event: 'ready' | 'loaded' | 'quit' | 'exit';
  detail?: Described;
}

/**
 * A temporary app folder: package.json, a copy of out/, and node_modules/electron = the stand-in.
 * A copy, not out/ itself: nothing above it holds node_modules, so the bundle can load nothing
 * the packaged app would not have, and a build running meanwhile cannot change it mid-test.
 */
export function prepareAppFolder(): string {
  for (const built of ['main/main.js', 'main/worker.js', 'preload/preload.cjs', 'renderer/index.html']) {
    if (!existsSync(join(OUT, built))) throw new Error(`out/${built} is missing: run \`npm run build\` first (npm run test:e2e does).`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'tidecast-bundle-'));
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string; type: string; main: string };
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: manifest.name, version: manifest.version, type: manifest.type, main: manifest.main }));
  cpSync(OUT, join(dir, 'out'), { recursive: true });

  const standIn = join(dir, 'node_modules/electron');
  mkdirSync(standIn, { recursive: true });
  writeFileSync(join(standIn, 'package.json'), JSON.stringify({ name: 'electron', version: electronVersion(), type: 'module', exports: './index.js' }));
  const source = readFileSync(join(import.meta.dirname, 'electron.ts'), 'utf8');
  const { outputText, diagnostics } = ts.transpileModule(source, {
    fileName: 'electron.ts',
    reportDiagnostics: true,
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: true },
  });
  if (diagnostics && diagnostics.length > 0) {
    throw new Error(`The electron stand-in does not transpile: ${ts.flattenDiagnosticMessageText(diagnostics[0]!.messageText, '\n')}`);
  }
  writeFileSync(join(standIn, 'index.js'), outputText);
  return dir;
}

export function electronVersion(): string {
  return (JSON.parse(readFileSync(join(ROOT, 'node_modules/electron/package.json'), 'utf8')) as { version: string }).version;
}

export interface LaunchOptions {
  /** The user-data folder (window-state.json lives here); reuse it to see state restored. */
  userData: string;
  documents: string;
  singleInstanceLock?: boolean;
  /** Run as a packaged app: app.getAppPath() is the app folder, extraResources in `resourcesPath`. */
  packaged?: { resourcesPath: string };
  /** Extra environment variables for the app process. */
  env?: Record<string, string>;
  /** What the test controls: a page load held open, a dock click during startup, the platform. */
  standIn?: Pick<StandInConfig, 'holdLoad' | 'activateDuringStartup' | 'platform'>;
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export class BundleProcess {
  readonly calls: CallRecord[] = [];
  readonly lifecycle: LifecycleRecord[] = [];
  readonly workers: WorkerReport[] = [];
  stderr = '';
  stdout = '';
  exit: Exit | null = null;
  readonly config: StandInConfig;

  readonly #child: ChildProcess;
  readonly #replies = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  readonly #waiters = new Set<() => void>();
  #nextId = 1;

  constructor(readonly appDir: string, options: LaunchOptions) {
    this.config = {
      // `electron .` in development runs from the project root; a packaged app from its app.asar.
      appPath: options.packaged ? appDir : ROOT,
      userData: options.userData,
      documents: options.documents,
      version: (JSON.parse(readFileSync(join(appDir, 'package.json'), 'utf8')) as { version: string }).version,
      electronVersion: electronVersion(),
      chromeVersion: 'stand-in',
      singleInstanceLock: options.singleInstanceLock ?? true,
      packaged: options.packaged !== undefined,
      resourcesPath: options.packaged?.resourcesPath ?? join(appDir, 'resources'),
      ...options.standIn,
    };
    // A clean environment: no NODE_OPTIONS from the test runner, no dev-server URL.
    this.#child = spawn(process.execPath, [join(appDir, 'out/main/main.js')], {
      cwd: appDir,
      env: {
        PATH: process.env['PATH'] ?? '',
        HOME: process.env['HOME'] ?? tmpdir(),
        ...options.env,
        TIDECAST_STANDIN: JSON.stringify(this.config),
      },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      serialization: 'advanced',
    });
    this.#child.stdout!.setEncoding('utf8').on('data', (text: string) => (this.stdout += text));
    this.#child.stderr!.setEncoding('utf8').on('data', (text: string) => (this.stderr += text));
    this.#child.on('message', (message: ChildMessage) => this.#receive(message));
    this.#child.on('exit', (code, signal) => {
      this.exit = { code, signal };
      for (const { reject } of this.#replies.values()) reject(new Error(`The app exited (${code ?? signal}) before replying.\n${this.stderr}`));
      this.#replies.clear();
      this.#wake();
    });
  }

  get pid(): number | undefined {
    return this.#child.pid;
  }

  #receive(message: ChildMessage): void {
    switch (message.kind) {
      case 'call':
        this.calls.push({ seq: message.seq, phase: message.phase, api: message.api, args: message.args });
        break;
      case 'lifecycle':
        this.lifecycle.push({ seq: message.seq, event: message.event, ...(message.detail === undefined ? {} : { detail: message.detail }) });
        break;
      case 'worker':
        this.workers.push(message);
        break;
      case 'reply': {
        const waiting = this.#replies.get(message.id);
        this.#replies.delete(message.id);
        if (message.ok) waiting?.resolve(message.value);
        else waiting?.reject(new Error(message.error));
        break;
      }
    }
    this.#wake();
  }

  #wake(): void {
    for (const check of [...this.#waiters]) check();
  }

  /** Sends a command to the stand-in and resolves with its reply. */
  command<T = unknown>(command: Command): Promise<T> {
    if (this.exit !== null) return Promise.reject(new Error(`The app has exited (${this.exit.code ?? this.exit.signal}).\n${this.stderr}`));
    const id = this.#nextId++;
    return new Promise<T>((resolve, reject) => {
      this.#replies.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.#child.send({ ...command, id } satisfies CommandMessage);
    });
  }

  /** An invoke through the handler main registered on ipcMain, from the app window by default. */
  invoke<C extends InvokeChannel>(channel: C, request?: RequestOf<C>, sender: SenderSpec = { kind: 'window' }): Promise<Result<ResponseOf<C>>> {
    return this.command({ cmd: 'invoke', channel, args: request === undefined ? [] : [request], sender });
  }

  /**
   * Resolves with the first truthy value of `find`, re-checked whenever the child reports
   * something; rejects when the child exits first or after `timeoutMs`, saying what it waited for.
   */
  until<T>(what: string, find: () => T | undefined | null | false, timeoutMs = 10_000): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const done = (): void => {
        this.#waiters.delete(check);
        clearTimeout(timer);
      };
      const check = (): void => {
        let value: T | undefined | null | false;
        try {
          value = find();
        } catch (error) {
          done();
          reject(error);
          return;
        }
        if (value) {
          done();
          resolve(value);
        } else if (this.exit !== null) {
          done();
          reject(new Error(`The app exited (${this.exit.code ?? this.exit.signal}) while waiting for ${what}.\n${this.stderr}`));
        }
      };
      const timer = setTimeout(() => {
        this.#waiters.delete(check);
        const last = this.calls.slice(-8).map((c) => c.api).join(', ');
        reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${what}. Last calls: ${last}.\n${this.stderr}`));
      }, timeoutMs);
      this.#waiters.add(check);
      check();
    });
  }

  /** Resolves when the child has exited by itself. */
  exited(timeoutMs: number): Promise<Exit> {
    return this.until('the process to exit by itself', () => this.exit, timeoutMs);
  }

  /** Calls to `api` in order. */
  callsTo(api: string): CallRecord[] {
    return this.calls.filter((c) => c.api === api);
  }

  /** Stops the child if it is still running (after a failed test). */
  kill(): void {
    if (this.exit === null) this.#child.kill('SIGKILL');
  }
}
