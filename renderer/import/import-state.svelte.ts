// The import: which file is open, reading it in the web worker (with progress), what was read
// (dataset, preview, detected format, problems), the user's corrections (time column, date
// order, column roles) and the arrays a run sends. A failed read keeps the last good data.
import type { DatasetPayload } from '../../electron/contract';
import type { Dataset } from '../../engine/data/types';
import { detectFutureRows, type FutureRows } from '../../engine/forecast/futureRows';
import { datasetPayload } from '../shared/dataset-payload';
import { payloadWithFills, type KnownFills } from '../train/known-fill';
import type { FromImportWorker, ImportedData, ImportFailure, ImportOptions, ImportSource, ToImportWorker } from './protocol';
import { assignRole, covariatesOf, initialRoles, knownOf, rolesProblem, targetOf, withKnownDefaults, type Role, type Roles } from './roles';

/** What ImportState needs of a Worker (tests pass an in-process fake). */
export interface WorkerLike {
  postMessage(message: ToImportWorker): void;
  onmessage: ((event: MessageEvent<FromImportWorker>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  terminate(): void;
}

export type ImportOrigin = 'dialog' | 'drop' | 'sample' | 'project';

export interface ReadingState {
  name: string;
  fraction: number;
  rows: number;
}

export interface FailedImport {
  name: string;
  error: ImportFailure;
}

export class ImportState {
  readonly #createWorker: () => WorkerLike;
  #worker: WorkerLike | null = null;
  #nextId = 1;
  #pending: { id: number; resolve(outcome: FromImportWorker | null): void } | null = null;

  /** The read in progress, for the progress bar. */
  reading = $state.raw<ReadingState | null>(null);
  /** The last file read successfully. */
  data = $state.raw<ImportedData | null>(null);
  /** Where `data` came from, to read it again with other options (and to save in a project). */
  source = $state.raw<ImportSource | null>(null);
  origin = $state<ImportOrigin>('dialog');
  options = $state.raw<ImportOptions>({});
  roles = $state.raw<Roles>({});
  /**
   * Values the user typed for covariates known in advance where the file has none over the
   * horizon (the fill-in table), by column then forecast time (epoch ms). Runs send them as rows.
   */
  fills = $state.raw<KnownFills>({});
  /** The last read that failed (the previous data stays). */
  failure = $state.raw<FailedImport | null>(null);
  /** Counts successful reads: runs and charts key on it. */
  generation = $state(0);

  constructor(createWorker: () => WorkerLike) {
    this.#createWorker = createWorker;
  }

  get dataset(): Dataset | null {
    return this.data?.dataset ?? null;
  }

  get numericColumns(): string[] {
    return this.data?.dataset.columns.map((c) => c.name) ?? [];
  }

  get target(): string | null {
    return targetOf(this.roles);
  }

  get covariates(): string[] {
    return covariatesOf(this.roles, this.numericColumns);
  }

  get known(): string[] {
    return knownOf(this.roles, this.numericColumns);
  }

  /** Where the target's history ends and which columns hold values after it. */
  get future(): FutureRows | null {
    const dataset = this.dataset;
    const target = this.target;
    return dataset === null || target === null ? null : detectFutureRows(dataset, target);
  }

  get rolesProblem(): string | null {
    return this.data === null ? null : rolesProblem(this.roles);
  }

  /** Reads a new file. Resolves true when it was read (false: failed, or replaced by a newer read). */
  async open(source: ImportSource, origin: ImportOrigin, options: ImportOptions = {}, roles?: Roles): Promise<boolean> {
    const data = await this.#read(source, options);
    if (data === null) return false;
    this.source = source;
    this.origin = origin;
    this.options = options;
    this.#accept(data, roles ?? {});
    return true;
  }

  /** Reads the open file again with another time column or date order. */
  async reread(options: ImportOptions): Promise<boolean> {
    if (this.source === null) return false;
    const previous = this.roles;
    const data = await this.#read(this.source, options);
    if (data === null) return false;
    this.options = options;
    this.#accept(data, previous);
    return true;
  }

  setRole(column: string, role: Role): void {
    this.roles = assignRole(this.roles, column, role);
  }

  /** Sets (or, with NaN, clears) one fill-in value of a known covariate at a forecast time. */
  setFill(column: string, time: number, value: number): void {
    const values = { ...(this.fills[column] ?? {}) };
    if (Number.isFinite(value)) values[time] = value;
    else delete values[time];
    this.fills = { ...this.fills, [column]: values };
  }

  /**
   * The time index and the target and covariate columns (past only and known in advance), for
   * `forecast:start`, with the fill-in values over `horizon` steps; with `allColumns`, every
   * numeric column (a saved model picks its own by name).
   */
  payload(options: { allColumns?: boolean; horizon?: number } = {}): DatasetPayload | null {
    const dataset = this.dataset;
    const target = this.target;
    if (dataset === null || (target === null && !options.allColumns)) return null;
    const payload = datasetPayload(dataset, options.allColumns ? undefined : [target!, ...this.covariates, ...this.known]);
    const future = this.future;
    if (options.horizon === undefined || future === null) return payload;
    return payloadWithFills(payload, dataset, future.history, options.horizon, this.fills);
  }

  dismissFailure(): void {
    this.failure = null;
  }

  close(): void {
    this.#cancelReading();
    this.data = null;
    this.source = null;
    this.roles = {};
    this.fills = {};
    this.options = {};
    this.failure = null;
  }

  /** Stops the worker (the page is going away). */
  dispose(): void {
    this.#cancelReading();
  }

  #accept(data: ImportedData, previousRoles: Roles): void {
    this.data = data;
    const roles = initialRoles(data.dataset.columns.map((c) => c.name), previousRoles);
    const target = targetOf(roles);
    const future = target === null ? null : detectFutureRows(data.dataset, target);
    this.roles = future === null ? roles : withKnownDefaults(roles, future.knownInAdvance, previousRoles);
    this.fills = {};
    this.failure = null;
    this.generation += 1;
  }

  async #read(source: ImportSource, options: ImportOptions): Promise<ImportedData | null> {
    this.#cancelReading();
    const name = source.kind === 'file' ? source.file.name : source.name;
    const id = this.#nextId++;
    this.reading = { name, fraction: 0, rows: 0 };
    const worker = this.#ensureWorker();
    const outcome = await new Promise<FromImportWorker | null>((resolve) => {
      this.#pending = { id, resolve };
      worker.postMessage({ type: 'read', id, source, options: { ...options } });
    });
    if (outcome === null) return null; // replaced by a newer read
    this.#pending = null;
    this.reading = null;
    if (outcome.type === 'failed') {
      this.failure = { name, error: outcome.error };
      return null;
    }
    return outcome.type === 'done' ? outcome.data : null;
  }

  #ensureWorker(): WorkerLike {
    if (this.#worker !== null) return this.#worker;
    const worker = this.#createWorker();
    worker.onmessage = (event) => {
      const message = event.data;
      const pending = this.#pending;
      if (pending === null || message.id !== pending.id) return;
      if (message.type === 'progress') {
        if (this.reading !== null) this.reading = { ...this.reading, fraction: message.fraction, rows: message.rows };
        return;
      }
      pending.resolve(message);
    };
    worker.onerror = (event) => {
      // The worker itself broke (a bug or out of memory): fail the read, start afresh next time.
      const pending = this.#pending;
      this.#worker?.terminate();
      this.#worker = null;
      pending?.resolve({
        type: 'failed',
        id: pending.id,
        error: { code: 'read-failed', message: `The file could not be read: ${event.message || 'the reader stopped unexpectedly'}. It may be too large for this computer's memory.` },
      });
    };
    this.#worker = worker;
    return worker;
  }

  /** A read in progress is abandoned: its worker is stopped (it may be deep in a big file). */
  #cancelReading(): void {
    const pending = this.#pending;
    if (pending === null) return;
    this.#pending = null;
    this.#worker?.terminate();
    this.#worker = null;
    this.reading = null;
    pending.resolve(null);
  }
}
