// The run bridge: validated IPC requests → forecast runs on the engine's worker pool → state,
// progress and result events to the window that asked. Runs wait in a queue (a run already
// uses every worker); a window that closes cancels its runs. Plain Node: the pool is injected.
import { wholeSeries } from '../engine/data/types';
import type { Dataset } from '../engine/data/types';
import { forecastWithModel } from '../engine/forecast/fromModel';
import { checkCompatible, parseModelFile, serializeModel, type ModelFile } from '../engine/forecast/modelFile';
import { isPanel, runPanel, WIDE_ID_COLUMN, wideColumns } from '../engine/forecast/panel';
import { resolvePanelSettings } from '../engine/forecast/panel/run';
import { runForecast, type PipelineProgress } from '../engine/forecast/pipeline';
import type { ForecastSubmitter } from '../engine/forecast/pool';
import { rawSeriesFromDataset } from '../engine/forecast/prepare';
import { resolveSettings } from '../engine/forecast/settings';
import type { ForecastJobKinds } from '../engine/forecast/worker-handlers';
import { ForecastInputError } from '../engine/models/errors';
import { modelKind } from '../engine/models/registry';
import { withCard } from '../engine/report/card';
import { createJobGroup, type JobGroup } from '../engine/jobs/group';
import type { JobPool } from '../engine/jobs/pool';
import { isCancellation, type JobState } from '../engine/jobs/protocol';
import type {
  DatasetPayload,
  EpochPoint,
  EventPayloads,
  IpcError,
  RunChannel,
  RunControlReply,
  RunOutcome,
  RunSettings,
} from './contract';
import { IpcFailure, type Handlers, type SenderContents } from './ipc';

export type RunEventChannel = 'run:state' | 'run:progress' | 'run:result';

export interface RunBridgeDeps {
  pool: JobPool<ForecastJobKinds>;
  /** Delivers an event to the window with these web contents (a no-op once it is gone). */
  send<C extends RunEventChannel>(contentsId: number, channel: C, payload: EventPayloads[C]): void;
  /** Runs that train at once; the rest wait, in order (default 1: a run fills the pool). */
  maxConcurrentRuns?: number;
  /** Least time between two progress events of one run (default 100 ms). */
  progressIntervalMs?: number;
  /** Runs that may wait, all windows together; one more is refused (default MAX_QUEUED_RUNS). */
  maxQueuedRuns?: number;
  log?(message: string): void;
}

export interface RunBridge {
  handlers: Pick<Handlers, RunChannel>;
  /** Cancels every run of a window whose page is gone; it gets no more events. */
  closeWindow(contentsId: number): void;
  /** The runs not finished yet, oldest first (for tests and the quit path). */
  active(): { runId: number; owner: number; state: JobState }[];
  /** Cancels every run and waits until each has settled. */
  dispose(): Promise<void>;
}

type Work =
  | { kind: 'train'; dataset: Dataset; settings: RunSettings }
  | { kind: 'apply'; dataset: Dataset; model: ModelFile; modelName: string };

interface Run {
  readonly id: number;
  readonly owner: number;
  readonly label: string;
  readonly work: Work;
  state: JobState;
  group: JobGroup<ForecastJobKinds> | null;
  readonly abort: AbortController;
  /** The page went away: finish quietly. */
  orphaned: boolean;
  settled: Promise<void> | null;
  feed: RunProgressFeed;
}

/**
 * Runs that may wait behind the ones training. Each holds its dataset in memory, so the queue is
 * bounded; a person rarely queues more than a handful.
 */
export const MAX_QUEUED_RUNS = 16;

export function createRunBridge(deps: RunBridgeDeps): RunBridge {
  const maxConcurrent = deps.maxConcurrentRuns ?? 1;
  const maxQueued = deps.maxQueuedRuns ?? MAX_QUEUED_RUNS;
  const interval = deps.progressIntervalMs ?? 100;
  const runs = new Map<number, Run>();
  const queue: Run[] = [];
  let running = 0;
  let nextId = 1;

  const send = <C extends RunEventChannel>(run: Run, channel: C, payload: EventPayloads[C]): void => {
    if (run.orphaned) return;
    try {
      deps.send(run.owner, channel, payload);
    } catch (error) {
      // A window torn down between our check and the send: its runs are being cancelled.
      deps.log?.(`Could not send ${channel} for job ${run.id}: ${String(error)}`);
    }
  };

  const setState = (run: Run, state: JobState, error?: IpcError): void => {
    run.state = state;
    send(run, 'run:state', { runId: run.id, state, ...(error ? { error } : {}) });
  };

  const announceQueue = (): void => {
    queue.forEach((run, ahead) => send(run, 'run:state', { runId: run.id, state: 'queued', ahead }));
  };

  const enqueue = (owner: number, label: string, work: Work, channel: RunChannel): { runId: number } => {
    if (queue.length >= maxQueued) {
      throw new IpcFailure(
        'queue-full',
        `${queue.length} runs are already waiting; wait for one to finish or cancel one, then start "${label}" again.`,
        channel,
      );
    }
    const id = nextId++;
    const feed = new RunProgressFeed(interval, (event) => send(run, 'run:progress', { runId: id, ...event }));
    const run: Run = { id, owner, label, work, state: 'queued', group: null, abort: new AbortController(), orphaned: false, settled: null, feed };
    runs.set(id, run);
    queue.push(run);
    // After the reply has gone out (a macrotask later), so the page usually knows the id
    // before the first event about it.
    setTimeout(pump, 0);
    return { runId: id };
  };

  const pump = (): void => {
    while (running < maxConcurrent && queue.length > 0) {
      const run = queue.shift()!;
      running++;
      run.settled = execute(run).finally(() => {
        running--;
        runs.delete(run.id);
        pump();
      });
    }
    announceQueue();
  };

  const execute = async (run: Run): Promise<void> => {
    const group = createJobGroup(deps.pool);
    run.group = group;
    setState(run, 'running');
    const submitter = instrument(group, run.feed);
    try {
      let outcome: RunOutcome;
      if (run.work.kind === 'train') {
        const { dataset, settings } = run.work;
        const hooks = { signal: run.abort.signal, onProgress: (p: PipelineProgress) => run.feed.pipeline(p) };
        if (isPanel(dataset, settings)) {
          const { modelFile, ...rest } = await runPanel(dataset, settings, submitter, hooks);
          const idColumns = wideColumns(dataset, settings).length > 0 ? [WIDE_ID_COLUMN] : [...dataset.idColumns];
          outcome = { kind: 'panel', run: { ...rest, modelText: serializeModel(modelFile), idColumns } };
        } else {
          const { modelFile, ...rest } = await runForecast(dataset, settings, submitter, hooks);
          outcome = { kind: 'trained', run: { ...rest, modelText: serializeModel(withCard(modelFile)) } };
        }
      } else {
        const { dataset, model, modelName } = run.work;
        if (run.abort.signal.aborted) throw new RunCancelled();
        const forecast = await forecastWithModel(dataset, model, modelName, submitter);
        outcome = { kind: 'applied', modelName, forecast };
      }
      if (run.abort.signal.aborted) throw new RunCancelled();
      run.feed.flush();
      send(run, 'run:result', { runId: run.id, outcome });
      setState(run, 'done');
    } catch (error) {
      run.feed.flush();
      if (run.abort.signal.aborted || isCancellation(error) || error instanceof RunCancelled) {
        setState(run, 'cancelled');
      } else {
        if (!(error instanceof ForecastInputError)) deps.log?.(`Job ${run.id} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        setState(run, 'failed', describeFailure(error, run));
      }
    } finally {
      run.feed.stop();
      group.cancel(); // nothing left to run; makes sure no stray job outlives the run
    }
  };

  const owned = (runId: number, sender: SenderContents, channel: RunChannel): Run => {
    const run = runs.get(runId);
    if (run === undefined || run.owner !== sender.id) {
      throw new IpcFailure('unknown-run', `There is no running or queued run ${runId} in this window; it may have finished already.`, `${channel} › runId`);
    }
    return run;
  };

  const cancel = (run: Run): void => {
    const queued = queue.indexOf(run);
    if (queued >= 0) {
      queue.splice(queued, 1);
      runs.delete(run.id);
      run.abort.abort();
      setState(run, 'cancelled');
      announceQueue();
      return;
    }
    run.abort.abort();
    run.group?.cancel();
  };

  const handlers: Pick<Handlers, RunChannel> = {
    'forecast:start': ({ label, dataset, settings }, { sender }) => {
      const data = datasetFrom(dataset);
      try {
        // The engine's own checks, now rather than when the run reaches the front of the queue.
        if (isPanel(data, settings)) {
          wideColumns(data, settings);
          resolvePanelSettings(data, settings, {});
        } else {
          const resolved = resolveSettings(data, settings);
          rawSeriesFromDataset(data, resolved.target, resolved.covariates, resolved.season);
        }
      } catch (error) {
        if (error instanceof ForecastInputError) throw new IpcFailure('invalid-input', error.message, whereOf(error, 'forecast:start'));
        throw error;
      }
      return enqueue(sender.id, label, { kind: 'train', dataset: data, settings }, 'forecast:start');
    },

    'forecast:apply': ({ label, dataset, modelName, modelText }, { sender }) => {
      const data = datasetFrom(dataset);
      let model: ModelFile;
      try {
        model = parseModelFile(modelText, modelName);
        checkCompatible(model, data, modelName);
      } catch (error) {
        if (error instanceof ForecastInputError) throw new IpcFailure('invalid-input', error.message, whereOf(error, 'forecast:apply'));
        throw error;
      }
      return enqueue(sender.id, label, { kind: 'apply', dataset: data, model, modelName }, 'forecast:apply');
    },

    'forecast:cancel': ({ runId }, { sender }): RunControlReply => {
      const run = owned(runId, sender, 'forecast:cancel');
      cancel(run);
      return { runId, state: run.state };
    },

    'forecast:pause': ({ runId }, { sender }): RunControlReply => {
      const run = owned(runId, sender, 'forecast:pause');
      if (run.state === 'running' && run.group !== null) {
        run.group.pause();
        run.feed.paused(true);
        setState(run, 'paused');
      }
      return { runId, state: run.state };
    },

    'forecast:resume': ({ runId }, { sender }): RunControlReply => {
      const run = owned(runId, sender, 'forecast:resume');
      if (run.state === 'paused' && run.group !== null) {
        run.group.resume();
        run.feed.paused(false);
        setState(run, 'running');
      }
      return { runId, state: run.state };
    },
  };

  return {
    handlers,
    closeWindow(contentsId) {
      for (const run of [...runs.values()]) {
        if (run.owner !== contentsId) continue;
        run.orphaned = true;
        cancel(run);
      }
    },
    active() {
      return [...runs.values()].map((r) => ({ runId: r.id, owner: r.owner, state: r.state }));
    },
    async dispose() {
      for (const run of [...runs.values()]) cancel(run);
      await Promise.allSettled([...runs.values()].map((r) => r.settled));
    },
  };
}

class RunCancelled extends Error {}

/** The engine's Dataset from a validated payload (the schema checked lengths and order). */
export function datasetFrom(payload: DatasetPayload): Dataset {
  return {
    source: payload.source,
    timeColumn: payload.timeColumn,
    timeStyle: payload.timeStyle,
    time: payload.time,
    columns: payload.columns.map((c) => ({ name: c.name, values: c.values, missing: c.missing })),
    frequency: payload.frequency,
    season: payload.season,
    problems: [],
    idColumns: payload.series === undefined ? [] : (payload.idColumns ?? []),
    series:
      payload.series === undefined
        ? [wholeSeries(payload.time.length)]
        : payload.series.map((s) => ({
            id: s.id,
            keys: s.keys,
            offset: s.offset,
            length: s.length,
            gaps: 0,
            duplicates: 0,
            problems: [],
            ...(s.unusable !== undefined ? { unusable: s.unusable } : {}),
          })),
  };
}

function whereOf(error: ForecastInputError, channel: RunChannel): string {
  const field = error.place.field;
  if (field !== undefined) return `${channel} › settings.${field}`;
  if (error.place.column !== undefined) return `${channel} › column "${error.place.column}"`;
  return channel;
}

function describeFailure(error: unknown, run: Run): IpcError {
  const channel: RunChannel = run.work.kind === 'train' ? 'forecast:start' : 'forecast:apply';
  if (error instanceof ForecastInputError) return { code: 'invalid-input', message: error.message, where: whereOf(error, channel) };
  const message = error instanceof Error ? error.message : String(error);
  return {
    code: 'internal',
    message: `The run "${run.label}" stopped with an error: ${message}. Your data and other runs are unaffected; try again, or change the settings.`,
    where: channel,
  };
}

// ---------------------------------------------------------------------------------------------
// Progress: the pipeline reports the run's fraction; the instrumented runner below reports which
// training job ended which epoch. Both feed one throttled event per run.

type ProgressPayload = Omit<EventPayloads['run:progress'], 'runId'>;

/** One run's progress: the pipeline's fraction and its fits' epoch points, as one throttled event. */
class RunProgressFeed {
  private points: EpochPoint[] = [];
  private last: PipelineProgress | null = null;
  private current: ProgressPayload['current'] = null;
  private readonly speeds = new Map<number, number>();
  private modelsDone = 0;
  private modelsStarted = 0;
  private lastSent = -Infinity;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private isPaused = false;
  private stopped = false;

  constructor(
    private readonly intervalMs: number,
    private readonly emit: (event: ProgressPayload) => void,
  ) {}

  pipeline(p: PipelineProgress): void {
    this.last = p;
    this.schedule();
  }

  jobStarted(): number {
    return ++this.modelsStarted;
  }

  jobProgress(job: number, label: string, epoch: number, epochs: number, samplesPerSecond: number, point: EpochPoint | null): void {
    this.current = { job, label, epoch, epochs };
    this.speeds.set(job, samplesPerSecond);
    if (point !== null) this.points.push(point);
    this.schedule();
  }

  jobSettled(job: number): void {
    this.speeds.delete(job);
    this.modelsDone++;
    this.schedule();
  }

  paused(value: boolean): void {
    this.isPaused = value;
    this.flush();
  }

  flush(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    if (this.stopped || (this.last === null && this.points.length === 0)) return;
    this.lastSent = performance.now();
    let speed = 0;
    if (!this.isPaused) for (const s of this.speeds.values()) if (Number.isFinite(s)) speed += s;
    const p = this.last;
    this.emit({
      phase: p?.phase ?? '',
      fraction: p?.fraction ?? 0,
      elapsedMs: p?.elapsedMs ?? 0,
      etaMs: p?.etaMs ?? Number.NaN,
      samplesPerSecond: speed,
      current: this.current,
      modelsDone: this.modelsDone,
      modelsStarted: this.modelsStarted,
      points: this.points,
    });
    this.points = [];
  }

  stop(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.stopped = true;
  }

  private schedule(): void {
    if (this.stopped || this.timer !== null) return;
    const wait = this.lastSent + this.intervalMs - performance.now();
    if (wait <= 0) this.flush();
    else this.timer = setTimeout(() => this.flush(), wait);
  }
}

/**
 * The run's group as the pipeline's submitter that also tells the feed which network fit
 * reported what (baseline fits are quick and are not counted as models).
 */
function instrument(group: JobGroup<ForecastJobKinds>, feed: RunProgressFeed): ForecastSubmitter {
  return {
    get size() {
      return group.size;
    },
    // The run's clock without the time spent paused (its time budget and ETA use it).
    activeMs: () => group.activeMs(),
    submit(kind, payload, options = {}) {
      const fit = kind === 'fit' ? (payload as ForecastJobKinds['fit']['payload']) : null;
      if (fit === null || modelKind(fit.kind).family !== 'network') return group.submit(kind, payload, options);
      const label = fit.label;
      const job = feed.jobStarted();
      const handle = group.submit(kind, payload, {
        onProgress: (p, epochEnd) => {
          const point = epochEnd && p.epoch > 0 ? { job, label, epoch: p.epoch, trainLoss: p.trainLoss, validationLoss: p.validationLoss } : null;
          feed.jobProgress(job, label, p.epoch, p.epochs, p.samplesPerSecond, point);
          options.onProgress?.(p, epochEnd);
        },
        ...(options.onWarning ? { onWarning: options.onWarning } : {}),
      });
      void handle.result.then(
        () => feed.jobSettled(job),
        () => feed.jobSettled(job),
      );
      return handle;
    },
  };
}
