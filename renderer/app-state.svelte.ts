// The window's state and the user's actions: open a CSV (dialog, drop, sample, project), the
// import, the Configure form, the runs, the results view, exports and projects. Components read
// it and call its methods; everything outside the page goes through window.tidecast.
import type {
  DatasetPayload,
  HolidayPlace,
  IpcError,
  MAX_OPEN_BYTES,
  MenuCommand,
  ModelExportKind,
  ModelExportResult,
  OpenRequest,
  Result,
  RunSettings,
  SampleInfo,
  SaveKind,
  SaveResult,
  TextFile,
} from '../electron/contract';
import { decodeCsvBytes } from '../engine/data/decode';
import { ImportState, type ImportOrigin, type WorkerLike } from './import/import-state.svelte';
import { parseProject, ProjectError, PROJECT_FORMAT, PROJECT_VERSION, serializeProject, type ProjectFile } from './project/project-file';
import type { SavedRun } from './train/run-record';
import { exportName, forecastExportCsv } from './results/forecast-export';
import { panelCsv, type PanelCsvLayout } from './results/panel-export';
import { datasetPayload } from './shared/dataset-payload';
import { cardOfModelText, modelCardDocument, modelTextOf } from './results/model-card';
import { ConfigState, dataFacts } from './train/config-state.svelte';
import { parseNumberInput, runLabel } from './train/config';
import { missingKnown, payloadWithFills, type MissingKnown } from './train/known-fill';
import { RunsState, TrainingRun } from './train/runs.svelte';
import { scenarioCsv } from './results/scenario-csv';
import { WhatIfState, type Scenario, type WhatIfApi } from './results/what-if.svelte';

type Api = Window['tidecast'];

export type Tab = 'data' | 'explore' | 'train' | 'results';

const ACCEPTED_EXTENSIONS = ['csv', 'tsv', 'txt'];
/** The same limit main applies to opened files (the type pins it to the contract's value). */
const MAX_DROP_BYTES: typeof MAX_OPEN_BYTES = 268_435_456;

const unavailable = async (): Promise<Result<never>> => ({
  ok: false,
  error: { code: 'ipc-failed', message: 'What-if forecasts run inside the Tidecast app.', where: 'window.tidecast' },
});
const NO_WHAT_IF: WhatIfApi = { whatifOpen: unavailable, whatifForecast: unavailable, whatifClose: unavailable };

export class AppState {
  readonly #api: Api | undefined;
  readonly importer: ImportState;
  readonly runs: RunsState;
  readonly config: ConfigState;
  /** The what-if scenarios of the focused trained run. */
  readonly whatIf: WhatIfState;

  tab = $state<Tab>('data');
  samples = $state.raw<SampleInfo[]>([]);
  error = $state.raw<IpcError | null>(null);
  notice = $state<string | null>(null);
  busy = $state(false);
  aboutOpen = $state(false);
  /** The run the results view focuses on (its forecast, metrics and exports). */
  focusedRunId = $state<number | null>(null);
  /** A many-series run's series chosen in the results list (indices into its series). */
  resultSeries = $state.raw<ReadonlySet<number>>(new Set([0]));
  /** Runs whose forecasts are drawn in the results chart besides the focused one. */
  plotted = $state.raw<ReadonlySet<number>>(new Set());
  /** Export Forecast writes the history and backtest rows before the forecast (one more column, actual). */
  exportWithHistory = $state(false);
  /** The project file this window's work was last opened from or saved to (Save Project writes there). */
  projectName = $state<string | null>(null);
  /** Main's log file, named in errors that should be reported. */
  logFile = $state<string | null>(null);
  /** Places with holiday tables: countries under '', each country's states under its code. */
  holidayPlaces = $state.raw<Readonly<Record<string, HolidayPlace[]>>>({});
  /** What the project would hold, as it was when last opened or saved (see `edited`). */
  #saved = $state('');
  readonly #unsubscribe: (() => void)[] = [];

  constructor(api: Api | undefined, createWorker: () => WorkerLike) {
    this.#api = api;
    this.importer = new ImportState(createWorker);
    this.runs = new RunsState(api);
    this.whatIf = new WhatIfState(api ?? NO_WHAT_IF);
    this.config = new ConfigState(() => {
      const dataset = this.importer.dataset;
      if (dataset === null) return null;
      if (this.importer.seriesLayout === 'wide') return { ...dataFacts(dataset, dataset.columns[0]!.name, []), series: 'all' };
      const target = this.importer.target;
      if (target === null) return null;
      if (dataset.series.length <= 1) return dataFacts(dataset, target, this.importer.covariates, this.importer.known);
      // Many series: the form's limits follow the longest series (shorter ones are forecast without a backtest, or skipped).
      const longest = dataset.series.reduce((m, s) => Math.max(m, s.length), 0);
      return { ...dataFacts(dataset, target, []), usableRows: longest };
    });
    if (api === undefined) {
      this.error = { code: 'ipc-failed', message: 'This page runs inside the Tidecast app; opened in a browser it cannot read files.', where: 'window.tidecast' };
      return;
    }
    // Subscribed while the page starts, before it has loaded: main sends files opened from
    // outside (a file manager, a second launch) once the load is done.
    this.#unsubscribe.push(api.onFileOpenRequest((request) => void this.openRequested(request)));
  }

  /**
   * What a project saved now would hold that matters to the user: the data as read, its roles
   * and reading options, the form, and which runs have finished. Equal to `#saved` when nothing
   * changed since the last open or save.
   */
  get #contents(): string {
    if (this.importer.data === null && this.runs.runs.length === 0) return '';
    return JSON.stringify([
      this.importer.generation,
      this.importer.options,
      this.importer.roles,
      this.importer.fills,
      this.importer.layout,
      this.config.form,
      this.runs.runs.filter((r) => r.finished).map((r) => r.id),
    ]);
  }

  /** Unsaved changes: the window title says so, and closing the window asks first. */
  get edited(): boolean {
    return this.#contents !== this.#saved;
  }

  /** What the title and the closing question call this work. */
  get documentName(): string {
    return this.projectName ?? this.importer.data?.name ?? '';
  }

  /** The state now is what is on disk (just opened or saved). */
  #markSaved(): void {
    this.#saved = this.#contents;
  }

  get api(): Api | undefined {
    return this.#api;
  }

  get hasData(): boolean {
    return this.importer.data !== null;
  }

  /** Finished runs with a forecast, for the data now open. */
  get resultRuns(): TrainingRun[] {
    return this.runs.runs.filter((r) => r.outcome !== null);
  }

  get focusedRun(): TrainingRun | null {
    const withResults = this.resultRuns;
    return withResults.find((r) => r.id === this.focusedRunId) ?? withResults.at(-1) ?? null;
  }

  // -- Opening data ---------------------------------------------------------------------------

  async loadSamples(): Promise<void> {
    const result = await this.#call((api) => api.samplesList());
    if (result !== null) this.samples = result;
  }

  async openCsv(): Promise<void> {
    const result = await this.#call((api) => api.fileOpenCsv());
    if (result !== null && !result.canceled) await this.#openText(result, 'dialog');
  }

  /** Opens the named bundled sample, or the first one. */
  async openSample(name?: string): Promise<void> {
    if (name === undefined) {
      if (this.samples.length === 0) await this.loadSamples();
      name = this.samples[0]?.name;
      if (name === undefined) {
        this.#fail({ code: 'not-found', message: 'No bundled sample was found in this installation.', where: 'samples' });
        return;
      }
    }
    const sampleName = name;
    const result = await this.#call((api) => api.samplesOpen({ name: sampleName }));
    if (result !== null) await this.#openText(result, 'sample');
  }

  /** Files dropped on the window: the page reads the first itself (no path ever goes to main). */
  async acceptDrop(files: readonly File[]): Promise<void> {
    const file = files[0];
    if (file === undefined) return;
    const extension = file.name.includes('.') ? file.name.split('.').pop()!.toLowerCase() : '';
    if (!ACCEPTED_EXTENSIONS.includes(extension)) {
      this.#fail({ code: 'invalid-payload', message: `"${file.name}" is not a CSV file. Drop a .csv, .tsv or .txt file with a header row.`, where: file.name });
      return;
    }
    if (file.size > MAX_DROP_BYTES) {
      this.#fail({ code: 'too-large', message: `"${file.name}" is larger than Tidecast opens (${MAX_DROP_BYTES / 1024 / 1024} MB).`, where: file.name });
      return;
    }
    this.dismissMessages();
    const ok = await this.importer.open({ kind: 'file', file }, 'drop');
    this.#afterImport(ok);
    if (ok && files.length > 1) this.notice = `Opened "${file.name}"; Tidecast reads one file at a time.`;
  }

  async #openText(file: TextFile, origin: ImportOrigin): Promise<void> {
    this.dismissMessages();
    const ok = await this.importer.open({ kind: 'text', name: file.name, text: file.text, encoding: file.encoding, bytes: file.bytes }, origin);
    this.#afterImport(ok);
  }

  #afterImport(ok: boolean): void {
    if (!ok) return;
    this.config.resetForData();
    this.tab = 'data';
    // New data from a file: not a project (Save Project asks where), nothing to lose yet.
    this.projectName = null;
    this.#markSaved();
  }

  closeFile(): void {
    this.importer.close();
    this.tab = 'data';
    this.projectName = null;
    this.#markSaved();
  }

  /** File > Open: data or a project, as the user picks. */
  async openDocument(): Promise<void> {
    const file = await this.#call((api) => api.fileOpen());
    if (file === null || file.canceled) return;
    if (file.kind === 'project') await this.#openProjectText(file);
    else await this.#openText(file, 'dialog');
  }

  /** A file main read for the page: from a file manager, a second launch or Open Recent. */
  async openRequested(request: OpenRequest): Promise<void> {
    if (!request.ok) {
      this.#fail(request.error);
      return;
    }
    const file = request.value;
    if (file.kind === 'project') await this.#openProjectText(file);
    else await this.#openText(file, 'dialog');
  }

  async loadAppInfo(): Promise<void> {
    const info = await this.#call((api) => api.appInfo());
    if (info !== null) this.logFile = info.logFile;
  }

  async showLogs(): Promise<void> {
    await this.#call((api) => api.appShowLogs());
  }

  // -- Inputs known in advance ----------------------------------------------------------------

  /** Known covariates the file leaves empty over the horizon asked for (the fill-in tables). */
  readonly knownMissing: MissingKnown[] = $derived.by(() => {
    const facts = this.config.facts;
    const horizon = parseNumberInput(this.config.form.horizon);
    if (facts === null || facts.known.length === 0 || !Number.isInteger(horizon) || horizon < 1 || horizon > 10_000) return [];
    return missingKnown(facts.dataset, facts.target, facts.history, facts.known, horizon, this.importer.fills);
  });

  /** Why the known inputs block training (the engine's words for the first unfilled column), or null. */
  get knownBlocked(): string | null {
    return this.knownMissing.find((m) => m.message !== null)?.message ?? null;
  }

  /** Loads the countries with holiday tables (country null) or the states of one, once each. */
  async loadHolidayPlaces(country: string | null): Promise<void> {
    const key = country ?? '';
    if (this.holidayPlaces[key] !== undefined || this.#api === undefined) return;
    const result = await this.#api.holidaysPlaces({ country });
    if (result.ok) this.holidayPlaces = { ...this.holidayPlaces, [key]: result.value };
    else this.#fail(result.error);
  }

  // -- Runs -----------------------------------------------------------------------------------

  /** Queues a run with the form's settings (or shows what to fix). */
  async train(): Promise<void> {
    this.config.submitted = true;
    const settings = this.config.validation.settings;
    if (settings === null || settings.horizon === null || this.knownBlocked !== null) return;
    const payload = this.importer.payload({ horizon: settings.horizon });
    const data = this.importer.data;
    if (payload === null || data === null) return;
    const label = this.importer.manySeries ? `${runLabel(settings)} · ${this.importer.seriesRows.length} series` : `${runLabel(settings)} · ${settings.target}`;
    const run = await this.runs.start({ label, source: data.name, generation: this.importer.generation }, payload, settings);
    if (run.error) this.#fail(run.error);
  }

  /** Forecasts the open data with a saved model file the user picks. */
  async forecastWithSavedModel(): Promise<void> {
    const data = this.importer.data;
    if (data === null) {
      this.notice = 'Open the CSV to forecast first, then the saved model.';
      return;
    }
    const file = await this.#call((api) => api.fileOpenModel());
    if (file === null || file.canceled) return;
    const payload = this.importer.payload({ allColumns: true });
    if (payload === null) return;
    const run = await this.runs.apply({ label: `Saved model · ${file.name}`, source: data.name, generation: this.importer.generation, modelName: file.name }, payload, file.text);
    if (run.error) {
      this.#fail(run.error);
      return;
    }
    this.focusedRunId = run.id;
  }

  /** Trains a finished run again with its settings (its seed too, so the same numbers come back). */
  async rerun(run: TrainingRun): Promise<void> {
    const settings = run.request.settings;
    const dataset = this.importer.dataset;
    if (run.request.kind !== 'train' || settings === null || settings.target === null) return;
    if (dataset === null || run.request.generation !== this.importer.generation) {
      this.notice = `Open ${run.request.source} (the data "${run.request.label}" was trained on) to run it again.`;
      return;
    }
    const payload = this.#runPayload(settings)!;
    const again = await this.runs.start({ label: run.request.label, source: run.request.source, generation: run.request.generation }, payload, settings);
    if (again.error) this.#fail(again.error);
    else this.tab = 'train';
  }

  /** The open data's columns a run with these settings reads, with the fill-in values over its horizon. */
  #runPayload(settings: RunSettings): DatasetPayload | null {
    const dataset = this.importer.dataset;
    if (dataset === null || settings.target === null) return null;
    // Many series: every series' rows of the target (long), or every column (a wide file's series).
    if (settings.series) return datasetPayload(dataset);
    if (dataset.series.length > 1) return datasetPayload(dataset, [settings.target]);
    const columns = datasetPayload(dataset, [settings.target, ...settings.covariates, ...(settings.futureCovariates ?? [])]);
    const future = this.importer.future;
    return future !== null && settings.horizon !== null ? payloadWithFills(columns, dataset, future.history, settings.horizon, this.importer.fills) : columns;
  }

  /** Prepares what-if forecasts of a trained run on the data it was trained on (open now). */
  async openWhatIf(run: TrainingRun): Promise<void> {
    const outcome = run.outcome;
    if (outcome?.kind !== 'trained' || run.request.generation !== this.importer.generation) return;
    if (run.released || outcome.run.modelText === '') {
      this.notice = `The model of "${run.request.label}" was let go to save memory. Run it again (same settings and seed, same model) for what-if forecasts.`;
      return;
    }
    const dataset = this.#runPayload(outcome.run.settings);
    if (dataset === null) return;
    await this.whatIf.open(run.id, { dataset, modelName: `${run.request.label}.json`, modelText: outcome.run.modelText });
  }

  async exportScenarioCsv(run: TrainingRun, scenario: Scenario): Promise<SaveResult | null> {
    const data = this.importer.data;
    const csv = scenarioCsv(scenario, {
      delimiter: data?.detected.delimiter ?? ',',
      decimal: data?.detected.decimal ?? '.',
      timeStyle: data?.dataset.timeStyle ?? { kind: 'iso-date' },
    });
    return this.#save('csv', exportName(run.request.source, `scenario ${scenario.name}`, run.request.label.split(' · ')[0] ?? ''), csv);
  }

  focusRun(run: TrainingRun): void {
    if (this.focusedRunId !== run.id) this.resultSeries = new Set([0]);
    this.focusedRunId = run.id;
  }

  /** Chooses one series of the focused many-series run, or adds/removes one (one stays chosen). */
  selectResultSeries(index: number, mode: 'only' | 'toggle'): void {
    if (mode === 'only') {
      this.resultSeries = new Set([index]);
      return;
    }
    const next = new Set(this.resultSeries);
    if (next.has(index) && next.size > 1) next.delete(index);
    else next.add(index);
    this.resultSeries = next;
  }

  togglePlotted(run: TrainingRun): void {
    const next = new Set(this.plotted);
    if (next.has(run.id)) next.delete(run.id);
    else next.add(run.id);
    this.plotted = next;
  }

  async controlRun(run: TrainingRun, action: 'pause' | 'resume' | 'cancel'): Promise<void> {
    const error = await this.runs[action](run);
    if (error) this.#fail(error);
  }

  // -- Exports --------------------------------------------------------------------------------

  /**
   * The observed target of `run` in the open file (its time index and values as read), or null
   * when the open data is not the data the run was made on.
   */
  historyOf(run: TrainingRun | null): { time: Float64Array; values: Float64Array; name: string } | null {
    const dataset = this.importer.dataset;
    const outcome = run?.outcome ?? null;
    if (run === null || outcome === null || dataset === null || run.request.generation !== this.importer.generation) return null;
    const name = outcome.kind === 'trained' ? outcome.run.settings.target : this.importer.target;
    const column = dataset.columns.find((c) => c.name === name);
    return column ? { time: dataset.time, values: column.values, name: column.name } : null;
  }

  /** The forecast in the command line's CSV layout, in the input's style (exportWithHistory adds history and backtest rows). */
  async exportForecastCsv(run: TrainingRun | null = this.focusedRun): Promise<SaveResult | null> {
    const data = this.importer.data;
    if (run === null || run.outcome === null) {
      this.notice = this.hasData ? 'Export becomes available once a forecast has run.' : 'Nothing to export yet: open a CSV first.';
      return null;
    }
    if (run.outcome.kind === 'panel') return this.exportAllForecasts(run, 'long');
    const detected = data?.detected;
    const dataset = data?.dataset;
    const csv = forecastExportCsv(run.outcome, {
      delimiter: detected?.delimiter ?? ',',
      decimal: detected?.decimal ?? '.',
      timeStyle: dataset?.timeStyle ?? { kind: 'iso-date' },
      history: this.historyOf(run),
      withHistory: this.exportWithHistory,
    });
    return this.#save('csv', exportName(run.request.source, 'forecast', run.request.label.split(' · ')[0] ?? ''), csv);
  }

  /** Every forecast of a many-series run in one CSV: long (id columns first) or wide (a column per series). */
  async exportAllForecasts(run: TrainingRun, layout: PanelCsvLayout): Promise<SaveResult | null> {
    if (run.outcome?.kind !== 'panel') return null;
    const data = this.importer.data;
    const format = {
      delimiter: data?.detected.delimiter ?? ',',
      decimal: data?.detected.decimal ?? '.',
      timeStyle: data?.dataset.timeStyle ?? ({ kind: 'iso-date' } as const),
    };
    const csv = panelCsv(run.outcome.run, format, layout);
    const what = layout === 'wide' ? 'forecasts wide' : 'forecasts';
    return this.#save('csv', exportName(run.request.source, what, run.request.label.split(' · ')[0] ?? ''), csv);
  }

  async exportPng(run: TrainingRun | null, png: () => Promise<Uint8Array<ArrayBuffer>>): Promise<SaveResult | null> {
    if (run === null) return null;
    let bytes: Uint8Array<ArrayBuffer>;
    try {
      bytes = await png();
    } catch (error) {
      this.#fail({ code: 'internal', message: `The chart could not be turned into an image: ${(error as Error).message}`, where: 'chart' });
      return null;
    }
    return this.#save('png', exportName(run.request.source, 'chart', run.request.label.split(' · ')[0] ?? ''), bytes);
  }

  async exportModel(run: TrainingRun | null = this.focusedRun): Promise<SaveResult | null> {
    if (run === null || (run.outcome?.kind !== 'trained' && run.outcome?.kind !== 'panel')) {
      this.notice = 'Only a run trained here has a model file to save.';
      return null;
    }
    if (run.released) {
      this.notice = `The model of "${run.request.label}" was let go to save memory. Run it again (same settings and seed, same model), then save it.`;
      return null;
    }
    return this.#save('json', exportName(run.request.source, 'model', run.request.label.split(' · ')[0] ?? ''), run.outcome.run.modelText);
  }

  /** The focused run's model card as one HTML file (equations, parameters, data, settings, metrics). */
  async exportModelCard(run: TrainingRun | null = this.focusedRun): Promise<SaveResult | null> {
    if (run === null || run.outcome === null) {
      this.notice = 'Each finished run has a model card: train a model first.';
      return null;
    }
    const made = cardOfModelText(modelTextOf(run.outcome, run.modelText));
    if (!made.ok) {
      this.notice = made.message;
      return null;
    }
    const html = await modelCardDocument(made.card);
    return this.#save('html', exportName(run.request.source, 'model card', run.request.label.split(' · ')[0] ?? ''), html);
  }

  /**
   * The focused run's model as ONNX (a folder) or one JavaScript module: main builds and writes it
   * from the model file (the trained run's, or the saved model a forecast was made with).
   */
  async exportModelAs(kind: ModelExportKind, run: TrainingRun | null = this.focusedRun): Promise<ModelExportResult | null> {
    if (run === null || run.outcome === null) {
      this.notice = 'Train a model first: its networks can then be exported as ONNX or JavaScript.';
      return null;
    }
    if (run.released) {
      this.notice = `The model of "${run.request.label}" was let go to save memory. Run it again (same settings and seed, same model), then export it.`;
      return null;
    }
    const modelText = modelTextOf(run.outcome, run.modelText);
    if (modelText === null) {
      this.notice = 'This run forecast with a saved model that is not open any more: forecast with the model file again, then export it.';
      return null;
    }
    const what = kind === 'onnx' ? 'ONNX' : 'predictor';
    const suggestedName = exportName(run.request.source, what, run.request.label.split(' · ')[0] ?? '');
    const modelName = run.outcome.kind === 'applied' ? run.outcome.modelName : run.request.label || 'the trained model';
    const result = await this.#call((api) => api.fileExportModel({ kind, suggestedName, modelName, modelText }));
    if (result !== null && !result.canceled) this.notice = kind === 'onnx' ? `Saved ${result.name} (${result.files} files).` : `Saved ${result.name}.`;
    return result;
  }

  async #save(kind: SaveKind, suggestedName: string, content: string | Uint8Array<ArrayBuffer>): Promise<SaveResult | null> {
    const result = await this.#call((api) => api.fileSave({ kind, suggestedName, content }));
    if (result !== null && !result.canceled) this.notice = `Saved ${result.name}.`;
    return result;
  }

  // -- Projects -------------------------------------------------------------------------------

  /**
   * Save Project writes to the project file this work came from or was last saved to ('current');
   * Save Project As, or work that has none yet, asks where. Resolves null on failure.
   */
  async saveProject(target: 'current' | 'new' = 'current'): Promise<SaveResult | null> {
    const source = this.importer.source;
    const data = this.importer.data;
    let saved: ProjectFile['data'] = null;
    if (source !== null && data !== null) {
      let text: string;
      let encoding = data.encoding;
      if (source.kind === 'text') {
        text = source.text;
      } else {
        const decoded = decodeCsvBytes(new Uint8Array(await source.file.arrayBuffer()));
        text = decoded.text;
        encoding = decoded.encoding;
      }
      saved = {
        name: data.name,
        text,
        encoding,
        bytes: data.bytes,
        origin: this.importer.origin,
        options: { ...this.importer.options },
        roles: { ...this.importer.roles },
        ...(Object.keys(this.importer.fills).length > 0 ? { fills: this.importer.fills } : {}),
        layout: this.importer.layout,
      };
    }
    const runs: SavedRun[] = this.runs.runs
      .filter((r) => r.finished)
      .map((r) => ({
        request: r.request,
        state: r.state as SavedRun['state'],
        outcome: r.outcome,
        error: r.error,
        curves: r.curves,
        startedAt: r.startedAt,
        finishedAt: r.finishedAt,
      }));
    const project: ProjectFile = { format: PROJECT_FORMAT, version: PROJECT_VERSION, savedAt: new Date().toISOString(), data: saved, form: { ...this.config.form }, runs };
    const contents = this.#contents;
    const stem = this.projectName?.replace(/\.tidecast$/i, '') ?? `${data?.name.replace(/\.[^.]+$/, '') ?? 'Tidecast'} project`;
    const where = target === 'current' && this.projectName !== null ? 'current' : 'new';
    const result = await this.#call((api) => api.fileSaveProject({ suggestedName: stem, content: serializeProject(project), target: where }));
    if (result === null || result.canceled) return result;
    this.projectName = result.name;
    // What was written, even if a run finished while it was being written.
    this.#saved = contents;
    this.notice = `Saved ${result.name}.`;
    return result;
  }

  async openProject(): Promise<void> {
    const file = await this.#call((api) => api.fileOpenProject());
    if (file === null || file.canceled) return;
    await this.#openProjectText(file);
  }

  /** Every way a project is opened ends here: the one reader, with its checks. */
  async #openProjectText(file: TextFile): Promise<void> {
    // Whatever happens, the work shown is no longer that project file's (main has moved on).
    this.projectName = null;
    let project: ProjectFile;
    try {
      project = parseProject(file.text, file.name);
    } catch (error) {
      if (error instanceof ProjectError) {
        this.#fail({ code: 'invalid-input', message: error.message, where: file.name });
        return;
      }
      throw error;
    }
    this.dismissMessages();
    if (project.data !== null) {
      const d = project.data;
      const ok = await this.importer.open({ kind: 'text', name: d.name, text: d.text, encoding: d.encoding, bytes: d.bytes }, 'project', d.options, d.roles);
      if (!ok) return;
      this.importer.fills = d.fills ?? {};
      this.importer.setLayout(d.layout ?? 'long');
    }
    this.config.restore(project.form);
    const generation = this.importer.generation;
    this.runs.restore(project.runs.map((saved) => TrainingRun.restored(saved, generation)));
    this.tab = project.runs.some((r) => r.outcome !== null) ? 'results' : 'data';
    this.projectName = file.name;
    this.#markSaved();
    this.notice = `Opened project ${file.name}.`;
  }

  // -- Shell ----------------------------------------------------------------------------------

  /** Acts on an application-menu command forwarded by main. */
  async runMenuCommand(command: MenuCommand): Promise<void> {
    switch (command) {
      case 'open':
        return this.openDocument();
      case 'open-sample':
        return this.openSample();
      case 'save-project':
        await this.saveProject('current');
        return;
      case 'save-project-as':
        await this.saveProject('new');
        return;
      case 'export':
        await this.exportForecastCsv();
        return;
      case 'export-onnx':
        await this.exportModelAs('onnx');
        return;
      case 'export-javascript':
        await this.exportModelAs('javascript');
        return;
      case 'about':
        this.aboutOpen = true;
        return;
      case 'save-and-close':
        return this.saveAndClose();
    }
  }

  /** The user chose Save when closing: save, then close the window (it stays if the save did not happen). */
  async saveAndClose(): Promise<void> {
    const saved = await this.saveProject('current');
    if (saved === null || saved.canceled || this.#api === undefined) return;
    await this.#api.windowSetEdited({ edited: false, document: this.documentName });
    await this.#api.windowClose();
  }

  dismissMessages(): void {
    this.error = null;
    this.notice = null;
    this.importer.dismissFailure();
  }

  dispose(): void {
    for (const off of this.#unsubscribe) off();
    this.importer.dispose();
    this.runs.dispose();
    void this.whatIf.close();
  }

  #fail(error: IpcError): void {
    this.notice = null;
    this.error = error;
  }

  async #call<T>(request: (api: Api) => Promise<Result<T>>): Promise<T | null> {
    if (this.#api === undefined) return null;
    this.busy = true;
    try {
      const result = await request(this.#api);
      if (!result.ok) {
        this.#fail(result.error);
        return null;
      }
      return result.value;
    } finally {
      this.busy = false;
    }
  }
}
