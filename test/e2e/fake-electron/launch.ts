// Runs the built main bundle in a child Node process as Electron would, with the `electron`
// stand-in: a temporary app folder holds package.json, a copy of out/ and node_modules/electron
// (the transpiled stand-in); the test gets what the stand-in reports and sends it commands.
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import type { InvokeChannel, RequestOf, ResponseOf, Result } from '../../../electron/contract';
import type { ChildMessage, Command, CommandMessage, Phase, StandInConfig, WorkerReport } from './protocol';

export const ROOT = join(import.meta.dirname, '../../..');
const OUT = join(ROOT, 'out');

export interface CallRecord {
  seq: number;
  phase: Phase;
  api: string;
  args: unknown[];
}

export function electronVersion(): string {
  return (JSON.parse(readFileSync(join(ROOT, 'node_modules/electron/package.json'), 'utf8')) as { version: string }).version;
}

/**
 * A copy of out/ (not out/ itself): nothing above it holds node_modules, so the bundle can load
 * nothing the packaged app would not have, and a build running meanwhile cannot change it.
 */
export function prepareAppFolder(): string {
  for (const built of ['main/main.js', 'main/worker.js', 'preload/preload.cjs', 'renderer/index.html']) {
    if (!existsSync(join(OUT, built))) throw new Error(`out/${built} is missing: run \`npm run build\` first (npm run test:e2e does).`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'tidecast-bundle-'));
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Record<string, string>;
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: manifest['name'], version: manifest['version'], type: manifest['type'], main: manifest['main'] }));
  cpSync(OUT, join(dir, 'out'), { recursive: true });
  const standIn = join(dir, 'node_modules/electron');
  mkdirSync(standIn, { recursive: true });
  writeFileSync(join(standIn, 'package.json'), JSON.stringify({ name: 'electron', type: 'module', exports: './index.js' }));
  const { outputText, diagnostics } = ts.transpileModule(readFileSync(join(import.meta.dirname, 'electron.ts'), 'utf8'), {
    reportDiagnostics: true,
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: true },
  });
  if (diagnostics?.length) throw new Error(`The electron stand-in does not transpile: ${ts.flattenDiagnosticMessageText(diagnostics[0]!.messageText, '\n')}`);
  writeFileSync(join(standIn, 'index.js'), outputText);
  return dir;
}

export interface LaunchOptions extends Partial<Pick<StandInConfig, 'singleInstanceLock' | 'holdLoad'>> {
  userData: string;
  documents: string;
  /** Run as a packaged app, extraResources in `resourcesPath`. */
  packaged?: { resourcesPath: string };
  /** Command-line arguments after the executable (and, in development, the app folder). */
  args?: string[];
  env?: Record<string, string>;
}

export class BundleProcess {
  readonly calls: CallRecord[] = [];
  readonly lifecycle: { seq: number; event: string }[] = [];
  readonly workers: WorkerReport[] = [];
  stdout = '';
  stderr = '';
  exit: { code: number | null; signal: NodeJS.Signals | null } | null = null;
  readonly #child: ChildProcess;
  readonly #replies = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  readonly #waiters = new Set<() => void>();
  #nextId = 1;

  constructor(appDir: string, options: LaunchOptions) {
    const config: StandInConfig = {
      // `electron .` in development runs from the project root; a packaged app from its folder.
      appPath: options.packaged ? appDir : ROOT,
      userData: options.userData,
      documents: options.documents,
      version: (JSON.parse(readFileSync(join(appDir, 'package.json'), 'utf8')) as { version: string }).version,
      electronVersion: electronVersion(),
      singleInstanceLock: options.singleInstanceLock ?? true,
      packaged: options.packaged !== undefined,
      resourcesPath: options.packaged?.resourcesPath ?? join(appDir, 'resources'),
      ...(options.holdLoad ? { holdLoad: true } : {}),
    };
    // [node, main.js, ...args] has Electron's development argv shape: [electron, app folder, ...args].
    this.#child = spawn(process.execPath, [join(appDir, 'out/main/main.js'), ...(options.args ?? [])], {
      cwd: appDir,
      env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? tmpdir(), ...options.env, TIDECAST_STANDIN: JSON.stringify(config) },
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

  #receive(message: ChildMessage): void {
    if (message.kind === 'call') this.calls.push(message);
    else if (message.kind === 'lifecycle') this.lifecycle.push(message);
    else if (message.kind === 'worker') this.workers.push(message);
    else {
      const waiting = this.#replies.get(message.id);
      this.#replies.delete(message.id);
      if (message.ok) waiting?.resolve(message.value);
      else waiting?.reject(new Error(message.error));
    }
    this.#wake();
  }

  #wake(): void {
    for (const check of [...this.#waiters]) check();
  }

  command<T = unknown>(command: Command): Promise<T> {
    if (this.exit !== null) return Promise.reject(new Error(`The app has exited (${this.exit.code ?? this.exit.signal}).\n${this.stderr}`));
    const id = this.#nextId++;
    return new Promise<T>((resolve, reject) => {
      this.#replies.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.#child.send({ ...command, id } satisfies CommandMessage);
    });
  }

  /** An invoke from the app window, through the handler main registered on ipcMain. */
  invoke<C extends InvokeChannel>(channel: C, request?: RequestOf<C>): Promise<Result<ResponseOf<C>>> {
    return this.command({ cmd: 'invoke', channel, args: request === undefined ? [] : [request] });
  }

  /** The first truthy `find()`, re-checked whenever the child reports; rejects on exit or timeout. */
  until<T>(what: string, find: () => T | undefined | null | false, timeoutMs = 10_000): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const stop = (): void => {
        this.#waiters.delete(check);
        clearTimeout(timer);
      };
      const check = (): void => {
        const value = find();
        if (value) {
          stop();
          resolve(value);
        } else if (this.exit !== null) {
          stop();
          reject(new Error(`The app exited (${this.exit.code ?? this.exit.signal}) while waiting for ${what}.\n${this.stderr}`));
        }
      };
      const timer = setTimeout(() => {
        this.#waiters.delete(check);
        reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${what}. Last calls: ${this.calls.slice(-8).map((c) => c.api).join(', ')}.\n${this.stderr}`));
      }, timeoutMs);
      this.#waiters.add(check);
      check();
    });
  }

  /** Resolves when the child has exited by itself. */
  exited(timeoutMs = 10_000): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    return this.until('the process to exit by itself', () => this.exit, timeoutMs);
  }

  callsTo(api: string): CallRecord[] {
    return this.calls.filter((c) => c.api === api);
  }

  kill(): void {
    if (this.exit === null) this.#child.kill('SIGKILL');
  }
}
