// The import: which file is open, reading it in the web worker (with progress), what was read
// (dataset, preview, detected format, problems), the user's corrections (time column, date
// order, column roles) and the arrays a run sends. A failed read keeps the last good data.
import type { DatasetPayload } from '../../electron/contract';
import type { Dataset } from '../../engine/data/types';
import { detectFutureRows, type FutureRows } from '../../engine/forecast/futureRows';
import { datasetPayload } from '../shared/dataset-payload';
import { payloadWithFills, type KnownFills } from '../train/known-fill';
import { seriesRows, type SeriesLayout, type SeriesRow } from '../shared/series-list';
import type { FromImportWorker, ImportedData, ImportFailure, ImportOptions, ImportSource, ToImportWorker } from './protocol';
import { unpackSeries } from './series-pack';
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
  /**
   * A file of one series with several numeric columns: 'wide' makes each column a series,
   * 'long' keeps one target plus covariates. Files with id columns are always 'long'.
   */
  layout = $state<SeriesLayout>('long');
  /**
   * Columns that may name the series: what the first read of this file detected, kept when the
   * user reads it again with none (the reader then looks for no candidates).
   */
  idCandidates = $state.raw<string[]>([]);
  /** The series chosen in the list (indices into `seriesRows`), for the chart and health. */
  selectedSeries = $state.raw<ReadonlySet<number>>(new Set([0]));

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
    if (this.data === null) return null;
    if (this.seriesLayout === 'wide') return null;
    return rolesProblem(this.roles);
  }

  /** True when the file is one series with several numeric columns (the wide-or-covariates choice applies). */
  get canBeWide(): boolean {
    const dataset = this.dataset;
    return dataset !== null && dataset.series.length === 1 && dataset.columns.length >= 2;
  }

  /** How the series are laid out in the file now: 'wide' only when chosen and possible. */
  get seriesLayout(): SeriesLayout {
    return this.layout === 'wide' && this.canBeWide ? 'wide' : 'long';
  }

  /** More than one series to forecast: a panel run. */
  get manySeries(): boolean {
    const dataset = this.dataset;
    if (dataset === null) return false;
    return this.seriesLayout === 'wide' ? dataset.columns.length > 1 : dataset.series.length > 1;
  }

  /** One row per series, for the series list (recomputed when the data, layout or target change). */
  get seriesRows(): SeriesRow[] {
    const dataset = this.dataset;
    return dataset === null ? [] : this.#rows(dataset, this.seriesLayout, this.target);
  }

  setLayout(layout: SeriesLayout): void {
    this.layout = layout;
    this.selectedSeries = new Set([0]);
  }

  /** Selects one series, or adds/removes one from the selection (at least one stays selected). */
  selectSeries(index: number, mode: 'only' | 'toggle'): void {
    if (mode === 'only') {
      this.selectedSeries = new Set([index]);
      return;
    }
    const next = new Set(this.selectedSeries);
    if (next.has(index) && next.size > 1) next.delete(index);
    else next.add(index);
    this.selectedSeries = next;
  }

  /** Reads a new file. Resolves true when it was read (false: failed, or replaced by a newer read). */
  async open(source: ImportSource, origin: ImportOrigin, options: ImportOptions = {}, roles?: Roles): Promise<boolean> {
    const data = await this.#read(source, options);
    if (data === null) return false;
    this.source = source;
    this.origin = origin;
    this.options = options;
    this.layout = 'long';
    this.idCandidates = data.detected.idCandidates;
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
    const header = new Set(data.preview.header);
    this.idCandidates = [...new Set([...this.idCandidates, ...data.detected.idCandidates])].filter((c) => header.has(c));
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
    if (dataset === null) return null;
    // Many series: every series' rows of the target (long) or every column (wide); no future rows.
    if (this.seriesLayout === 'wide') return datasetPayload(dataset);
    if (this.manySeries) return target === null ? null : datasetPayload(dataset, [target]);
    if (target === null && !options.allColumns) return null;
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
    this.layout = 'long';
    this.failure = null;
  }

  /** Stops the worker (the page is going away). */
  dispose(): void {
    this.#cancelReading();
  }

  // Rows are rebuilt only when what they depend on changes (10,000 series: not on every read of the getter).
  #rowsKey: [Dataset, SeriesLayout, string | null] | null = null;
  #rowsValue: SeriesRow[] = [];
  #rows(dataset: Dataset, layout: SeriesLayout, target: string | null): SeriesRow[] {
    const key = this.#rowsKey;
    if (key === null || key[0] !== dataset || key[1] !== layout || key[2] !== target) {
      this.#rowsKey = [dataset, layout, target];
      this.#rowsValue = seriesRows(dataset, layout, target);
    }
    return this.#rowsValue;
  }

  #accept(data: ImportedData, previousRoles: Roles): void {
    this.data = data;
    const roles = initialRoles(data.dataset.columns.map((c) => c.name), previousRoles);
    const target = targetOf(roles);
    const future = target === null ? null : detectFutureRows(data.dataset, target);
    this.roles = future === null ? roles : withKnownDefaults(roles, future.knownInAdvance, previousRoles);
    this.fills = {};
    this.selectedSeries = new Set([0]);
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
    if (outcome.type !== 'done') return null;
    const data = { ...outcome.data, dataset: { ...outcome.data.dataset, series: unpackSeries(outcome.series) } };
    // Drawing what was read starts in a task of its own: the message's arrival and the
    // rebuilding of 10,000 series, then the first render, each stay short enough for the page.
    await new Promise((resolve) => setTimeout(resolve, 0));
    return this.#nextId === id + 1 ? data : null; // else a newer read began meanwhile
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
