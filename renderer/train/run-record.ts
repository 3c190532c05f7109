// A run as data, apart from its live state: what it was asked to do, its loss curves, and the
// finished run as a project file keeps it. Both the runs list and the project file build on
// these types, so neither imports the other.
import type { IpcError, RunOutcome, RunSettings } from '../../electron/contract';

/** One training job's loss curves (epoch-aligned). */
export interface LossCurve {
  job: number;
  label: string;
  epochs: number[];
  train: number[];
  validation: number[];
}

/** What a run was asked to do, kept with it so a project can show and redo it. */
export interface RunRequest {
  kind: 'train' | 'apply';
  label: string;
  /** The file the run's data came from. */
  source: string;
  /** ImportState.generation when it started: which data the run belongs to. */
  generation: number;
  settings: RunSettings | null;
  modelName?: string;
}

/** A finished run as a project file holds it. */
export interface SavedRun {
  request: RunRequest;
  state: 'done' | 'failed' | 'cancelled';
  outcome: RunOutcome | null;
  error: IpcError | null;
  curves: LossCurve[];
  startedAt: number;
  finishedAt: number | null;
}
