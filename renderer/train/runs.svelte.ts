// Forecast runs as the page sees them: each run's state (starting, queued, running, paused,
// done, failed, cancelled), its progress and loss curves, and its outcome. Runs start through
// `forecast:start` / `forecast:apply` and are followed through the run:* events.
import type {
  DatasetPayload,
  EpochPoint,
  IpcError,
  RunOutcome,
  RunProgressEvent,
  JobState,
  RunStateEvent,
  Result,
  RunSettings,
} from '../../electron/contract';
import { formatPercent } from '../shared/format';
import type { LossCurve, RunRequest, SavedRun } from './run-record';

type Api = Window['tidecast'];

/** 'starting': asked main, no job id yet. */
export type RunState = 'starting' | JobState;

export const FINISHED: ReadonlySet<RunState> = new Set(['done', 'failed', 'cancelled']);

/**
 * Bounds on what the page keeps. The list holds at most `listed` runs (the oldest finished ones
 * make room); only the newest `withFullResults` finished runs keep their large parts — the model
 * file's text and every loss history — while older ones keep their forecast and metrics and can
 * be run again for the rest (same settings and seed give the same numbers).
 */
export const RUN_LIMITS = { listed: 500, withFullResults: 10 } as const;

const NO_LOSSES = new Float64Array(0);

let nextLocalId = 1;

export class TrainingRun {
  readonly id = nextLocalId++;
  readonly request: RunRequest;
  runId = $state<number | null>(null);
  state = $state<RunState>('starting');
  /** Queued: runs ahead of this one. */
  ahead = $state<number | null>(null);
  progress = $state.raw<RunProgressEvent | null>(null);
  /** The loss curves of the training job that reported last. */
  curve = $state.raw<LossCurve | null>(null);
  outcome = $state.raw<RunOutcome | null>(null);
  error = $state.raw<IpcError | null>(null);
  startedAt = $state(Date.now());
  finishedAt = $state<number | null>(null);
  /** The large parts were let go (see RUN_LIMITS): no model text, no loss curves. */
  released = $state(false);
  /** The saved model's text, for a run that forecast with one (its model card); not kept in projects. */
  modelText: string | null = null;
  /** Every epoch point, per training job (not reactive: `curve` is what the chart reads). */
  readonly #points = new Map<number, LossCurve>();

  constructor(request: RunRequest) {
    this.request = request;
  }

  /** A finished run from a project file, attached to the data as reopened. */
  static restored(saved: SavedRun, generation: number): TrainingRun {
    const run = new TrainingRun({ ...saved.request, generation });
    run.state = saved.state;
    run.outcome = saved.outcome;
    run.error = saved.error;
    run.startedAt = saved.startedAt;
    run.finishedAt = saved.finishedAt;
    for (const curve of saved.curves) run.#points.set(curve.job, curve);
    const last = saved.curves.at(-1);
    if (last) run.curve = last;
    return run;
  }

  get finished(): boolean {
    return FINISHED.has(this.state);
  }

  /** Every training job's curve so far (for the results). */
  get curves(): LossCurve[] {
    return [...this.#points.values()];
  }

  applyState(event: RunStateEvent): void {
    if (this.finished) return;
    this.state = event.state;
    this.ahead = event.state === 'queued' ? (event.ahead ?? null) : null;
    if (event.error) this.error = event.error;
    if (FINISHED.has(event.state)) this.finishedAt = Date.now();
  }

  applyProgress(event: RunProgressEvent): void {
    for (const p of event.points) this.#addPoint(p);
    this.progress = event;
    const focus = event.current?.job ?? event.points.at(-1)?.job;
    const curve = focus === undefined ? undefined : this.#points.get(focus);
    if (curve !== undefined) this.curve = { ...curve, epochs: curve.epochs.slice(), train: curve.train.slice(), validation: curve.validation.slice() };
  }

  applyResult(outcome: RunOutcome): void {
    this.outcome = outcome;
  }

  /** Lets go of the model text and the loss histories; the forecast and metrics stay. */
  release(): void {
    const outcome = this.outcome;
    if (this.released) return;
    if (outcome?.kind === 'panel') {
      this.outcome = { kind: 'panel', run: { ...outcome.run, modelText: '' } };
      this.#points.clear();
      this.curve = null;
      this.released = true;
      return;
    }
    if (outcome?.kind !== 'trained') return;
    const light = <C extends { history: unknown }>(c: C): C => ({ ...c, history: { trainLoss: NO_LOSSES, validationLoss: NO_LOSSES } });
    this.outcome = { kind: 'trained', run: { ...outcome.run, modelText: '', candidates: outcome.run.candidates.map(light), members: outcome.run.members.map(light) } };
    this.#points.clear();
    this.curve = null;
    this.released = true;
  }

  fail(error: IpcError): void {
    this.error = error;
    this.state = 'failed';
    this.finishedAt = Date.now();
  }

  #addPoint(p: EpochPoint): void {
    let curve = this.#points.get(p.job);
    if (curve === undefined) {
      curve = { job: p.job, label: p.label, epochs: [], train: [], validation: [] };
      this.#points.set(p.job, curve);
    }
    curve.epochs.push(p.epoch);
    curve.train.push(p.trainLoss);
    curve.validation.push(p.validationLoss);
  }
}

type PendingEvent = { kind: 'state'; event: RunStateEvent } | { kind: 'progress'; event: RunProgressEvent } | { kind: 'result'; outcome: RunOutcome };

export class RunsState {
  readonly #api: Api | undefined;
  readonly #unsubscribe: (() => void)[] = [];
  /** Events for a job id the page has not been told yet (the reply may arrive after them). */
  readonly #early = new Map<number, PendingEvent[]>();

  runs = $state.raw<TrainingRun[]>([]);
  /** The run the training panel shows. */
  selectedId = $state<number | null>(null);

  constructor(api: Api | undefined) {
    this.#api = api;
    if (api === undefined) return;
    this.#unsubscribe.push(
      api.onRunState((event) => this.#deliver(event.runId, { kind: 'state', event })),
      api.onRunProgress((event) => this.#deliver(event.runId, { kind: 'progress', event })),
      api.onRunResult((event) => this.#deliver(event.runId, { kind: 'result', outcome: event.outcome })),
    );
  }

  get selected(): TrainingRun | null {
    return this.runs.find((r) => r.id === this.selectedId) ?? this.runs.at(-1) ?? null;
  }

  get active(): TrainingRun[] {
    return this.runs.filter((r) => !r.finished);
  }

  byId(id: number): TrainingRun | undefined {
    return this.runs.find((r) => r.id === id);
  }

  /** Asks main to queue a training run. Resolves with the run (failed if main refused it). */
  async start(request: Omit<RunRequest, 'kind' | 'settings'>, dataset: DatasetPayload, settings: RunSettings): Promise<TrainingRun> {
    const run = this.#add({ ...request, kind: 'train', settings });
    await this.#launch(run, (api) => api.forecastStart({ label: request.label, dataset, settings }));
    return run;
  }

  /** Asks main to forecast `dataset` with a saved model. */
  async apply(request: Omit<RunRequest, 'kind' | 'settings'>, dataset: DatasetPayload, modelText: string): Promise<TrainingRun> {
    const run = this.#add({ ...request, kind: 'apply', settings: null });
    run.modelText = modelText;
    await this.#launch(run, (api) => api.forecastApply({ label: request.label, dataset, modelName: request.modelName ?? 'model.json', modelText }));
    return run;
  }

  async pause(run: TrainingRun): Promise<IpcError | null> {
    return this.#control(run, (api, runId) => api.forecastPause({ runId }));
  }

  async resume(run: TrainingRun): Promise<IpcError | null> {
    return this.#control(run, (api, runId) => api.forecastResume({ runId }));
  }

  async cancel(run: TrainingRun): Promise<IpcError | null> {
    return this.#control(run, (api, runId) => api.forecastCancel({ runId }));
  }

  /** Finished runs from a project file (the oldest finished ones leave if the list is full). */
  restore(runs: TrainingRun[]): void {
    this.runs = [...this.runs, ...runs];
    this.#trim();
  }

  remove(run: TrainingRun): void {
    if (!run.finished) return;
    this.runs = this.runs.filter((r) => r !== run);
  }

  dispose(): void {
    for (const off of this.#unsubscribe) off();
  }

  #add(request: RunRequest): TrainingRun {
    const run = new TrainingRun(request);
    if (this.runs.length >= RUN_LIMITS.listed && !this.runs.some((r) => r.finished)) {
      run.fail({ code: 'invalid-input', message: `${RUN_LIMITS.listed} runs are waiting or training already. Cancel some, or wait for them to finish, then start this one.`, where: 'runs' });
      return run;
    }
    this.runs = [...this.runs, run];
    this.#trim();
    this.selectedId = run.id;
    return run;
  }

  /** Keeps the list within RUN_LIMITS: the oldest finished runs leave, older results are released. */
  #trim(): void {
    if (this.runs.length > RUN_LIMITS.listed) {
      const leaving = new Set(this.runs.filter((r) => r.finished).slice(0, this.runs.length - RUN_LIMITS.listed));
      this.runs = this.runs.filter((r) => !leaving.has(r));
    }
    const finished = this.runs.filter((r) => r.finished && (r.outcome?.kind === 'trained' || r.outcome?.kind === 'panel') && !r.released);
    for (const run of finished.slice(0, Math.max(0, finished.length - RUN_LIMITS.withFullResults))) run.release();
  }

  async #launch(run: TrainingRun, ask: (api: Api) => Promise<Result<{ runId: number }>>): Promise<void> {
    if (run.finished) return; // refused before asking main (the list is full)
    if (this.#api === undefined) {
      run.fail({ code: 'ipc-failed', message: 'Training needs the Tidecast app; this page is not running inside it.', where: 'window.tidecast' });
      return;
    }
    const reply = await ask(this.#api);
    if (!reply.ok) {
      run.fail(reply.error);
      return;
    }
    run.runId = reply.value.runId;
    if (run.state === 'starting') run.state = 'queued';
    for (const pending of this.#early.get(run.runId) ?? []) this.#apply(run, pending);
    this.#early.delete(run.runId);
  }

  async #control(run: TrainingRun, ask: (api: Api, runId: number) => Promise<Result<{ state: JobState }>>): Promise<IpcError | null> {
    if (this.#api === undefined || run.runId === null || run.finished) return null;
    const reply = await ask(this.#api, run.runId);
    if (!reply.ok) return reply.error;
    // The reply carries the state at once; the run:state event confirms it.
    if (!run.finished) run.state = reply.value.state;
    return null;
  }

  #deliver(runId: number, pending: PendingEvent): void {
    const run = this.runs.find((r) => r.runId === runId);
    if (run === undefined) {
      const list = this.#early.get(runId) ?? [];
      list.push(pending);
      this.#early.set(runId, list);
      return;
    }
    this.#apply(run, pending);
  }

  #apply(run: TrainingRun, pending: PendingEvent): void {
    if (pending.kind === 'state') {
      run.applyState(pending.event);
      if (run.finished) this.#trim();
    } else if (pending.kind === 'progress') run.applyProgress(pending.event);
    else run.applyResult(pending.outcome);
  }
}

/** A run's state in a few words, e.g. "Queued · 2 ahead", "Running · 40 %". */
export function runStateText(run: TrainingRun): string {
  switch (run.state) {
    case 'starting':
      return 'Starting';
    case 'queued':
      return run.ahead !== null && run.ahead > 0 ? `Queued · ${run.ahead} ahead` : 'Queued · next';
    case 'running':
      return `Running · ${formatPercent(run.progress?.fraction ?? 0)}`;
    case 'paused':
      return 'Paused';
    case 'done':
      return 'Done';
    case 'failed':
      return 'Failed';
    case 'cancelled':
      return 'Cancelled';
  }
}
