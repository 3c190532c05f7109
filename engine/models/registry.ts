// Every model kind the engine knows, in one list. Adding a kind is a folder beside this file and
// one entry here; every other list (CLI choices, the app's form, saved-model checks, the
// baselines a forecast is compared with) derives from this one.
import { etsKind } from './ets';
import { driftKind, naiveKind, seasonalNaiveKind } from './naive';
import { globalPanelKind } from './panel/kind';
import { pretrainedKind } from './pretrained/kind';
import { recurrentKind } from './recurrent';
import { thetaKind } from './theta';
import type { ModelKind } from './types';

export const MODEL_KINDS: readonly ModelKind<never, never, never>[] = [
  recurrentKind,
  pretrainedKind,
  globalPanelKind,
  naiveKind,
  seasonalNaiveKind,
  driftKind,
  etsKind,
  thetaKind,
] as never;

/** The setting that lets the engine choose the model. */
export const AUTO = 'auto';

/** Values of the model setting: auto, then every network kind's choices (e.g. its cells). */
export const MODEL_CHOICES: readonly string[] = [AUTO, ...MODEL_KINDS.filter((k) => k.family === 'network').flatMap((k) => k.choices)];

export function modelKind(id: string): ModelKind<unknown, unknown, unknown> {
  const kind = MODEL_KINDS.find((k) => k.id === id);
  if (!kind) throw new RangeError(`No model kind "${id}"; known kinds: ${MODEL_KINDS.map((k) => k.id).join(', ')}.`);
  return kind as ModelKind<unknown, unknown, unknown>;
}

/**
 * The network kinds a model setting searches on one series: every searchable one for auto, else
 * the kind offering that choice (kinds fitted across many series only have no search).
 */
export function networkKindsFor(choice: string): ModelKind<unknown, unknown, unknown>[] {
  const networks = MODEL_KINDS.filter((k) => k.family === 'network' && k.search !== undefined) as ModelKind<unknown, unknown, unknown>[];
  return choice === AUTO ? networks : networks.filter((k) => k.choices.includes(choice));
}

/** The baselines every forecast is scored and guarded against, in report order. */
export const BASELINE_KINDS = MODEL_KINDS.filter((k) => k.family === 'baseline') as ModelKind<unknown, unknown, unknown>[];

/** Baseline ids, in report order (the keys of every per-baseline record). */
export const BASELINE_IDS: readonly string[] = BASELINE_KINDS.map((k) => k.id);
