// What-if scenarios of one trained run: main prepares the model once for the open file
// (`whatif:open`), then every edit of a known covariate's future values asks main for the
// forecast again (`whatif:forecast`, a forward pass, no training). The draft is what the table
// edits; saving it keeps it as a named scenario beside the others, each with its inputs and its
// forecast with intervals. Answers that arrive after a newer edit are dropped.
import type { DatasetPayload, IpcError, KnownColumn, Result, WhatIfForecast, WhatIfSession } from '../../electron/contract';

/** What WhatIfState needs of window.tidecast (tests pass main's handlers directly). */
export interface WhatIfApi {
  whatifOpen(request: { dataset: DatasetPayload; modelName: string; modelText: string }): Promise<Result<WhatIfSession>>;
  whatifForecast(request: { sessionId: number; known: KnownColumn[] }): Promise<Result<WhatIfForecast>>;
  whatifClose(request: { sessionId: number }): Promise<Result<null>>;
}

/** A named set of future values of the known covariates, and the forecast they give. */
export interface Scenario {
  name: string;
  known: KnownColumn[];
  forecast: WhatIfForecast;
}

/** The scenario the file's own values make: always first, never removed. */
export const FILE_SCENARIO = 'As in the file';
export const MAX_SCENARIO_NAME = 60;
/** Saved scenarios per run (the chart stays readable). */
export const MAX_SCENARIOS = 6;

export type WhatIfStatus = 'closed' | 'opening' | 'ready' | 'failed';

export class WhatIfState {
  readonly #api: WhatIfApi;
  #session: number | null = null;
  /** Counts opens and edits: an answer for an older one is stale. */
  #ticket = 0;

  status = $state<WhatIfStatus>('closed');
  /** Which run the scenarios belong to (the page's run id). */
  runKey = $state<number | null>(null);
  error = $state.raw<IpcError | null>(null);
  /** The values being edited and the forecast they gave (null while none has come back). */
  draft = $state.raw<KnownColumn[]>([]);
  forecast = $state.raw<WhatIfForecast | null>(null);
  /** The file's scenario first, then the saved ones in the order they were saved. */
  scenarios = $state.raw<Scenario[]>([]);
  /** An edit is waiting for its forecast. */
  pending = $state(false);
  /** The baseline whose forecast the run kept (it reads no covariate), or null. */
  baseline = $state<string | null>(null);

  constructor(api: WhatIfApi) {
    this.#api = api;
  }

  /** The draft differs from the file's values. */
  get edited(): boolean {
    const file = this.scenarios[0];
    return file !== undefined && !sameValues(this.draft, file.known);
  }

  /** The scenario whose values the draft holds, or null when it holds values of its own. */
  get draftScenario(): string | null {
    return this.scenarios.find((s) => sameValues(this.draft, s.known))?.name ?? null;
  }

  /** Prepares the run's model for the file; the previous run's scenarios are let go. */
  async open(runKey: number, request: { dataset: DatasetPayload; modelName: string; modelText: string }): Promise<void> {
    await this.close();
    const ticket = ++this.#ticket;
    this.runKey = runKey;
    this.status = 'opening';
    const result = await this.#api.whatifOpen(request);
    if (ticket !== this.#ticket) {
      if (result.ok) void this.#api.whatifClose({ sessionId: result.value.sessionId });
      return;
    }
    if (!result.ok) {
      this.status = 'failed';
      this.error = result.error;
      return;
    }
    const { sessionId, known, forecast, baseline } = result.value;
    this.#session = sessionId;
    this.baseline = baseline;
    this.scenarios = [{ name: FILE_SCENARIO, known: copy(known), forecast }];
    this.draft = copy(known);
    this.forecast = forecast;
    this.status = 'ready';
  }

  /** Sets one future value of a known covariate and asks for the forecast with it. */
  async setValue(column: string, step: number, value: number): Promise<void> {
    const index = this.draft.findIndex((k) => k.name === column);
    const target = this.draft[index];
    if (target === undefined || step < 0 || step >= target.values.length) {
      throw new Error(`There is no step ${step + 1} of a known covariate "${column}" in this what-if.`);
    }
    if (!Number.isFinite(value)) return;
    const values = Float64Array.from(target.values);
    values[step] = value;
    this.draft = this.draft.map((k, i) => (i === index ? { name: k.name, values } : k));
    await this.#refresh();
  }

  /** Back to the values of a scenario (the file's by default), as the draft to edit. */
  async load(name: string = FILE_SCENARIO): Promise<void> {
    const scenario = this.scenarios.find((s) => s.name === name);
    if (scenario === undefined) return;
    this.draft = copy(scenario.known);
    this.forecast = scenario.forecast;
    this.#ticket++;
    this.pending = false;
  }

  /** Why the draft cannot be saved under `name`, or null. */
  nameProblem(name: string): string | null {
    const trimmed = name.trim();
    if (trimmed === '') return 'Name the scenario first, e.g. “Promotion in week 2”.';
    if (trimmed.length > MAX_SCENARIO_NAME) return `Scenario names are at most ${MAX_SCENARIO_NAME} characters.`;
    if (this.scenarios.some((s) => s.name.toLowerCase() === trimmed.toLowerCase())) return `There is a scenario named “${trimmed}” already; choose another name.`;
    if (this.scenarios.length > MAX_SCENARIOS) return `At most ${MAX_SCENARIOS} scenarios are kept beside the file's; remove one first.`;
    if (this.forecast === null || this.pending) return 'Wait for the forecast of these values.';
    return null;
  }

  /** Keeps the draft and its forecast as a named scenario; returns why not, or null. */
  save(name: string): string | null {
    const problem = this.nameProblem(name);
    if (problem !== null) return problem;
    this.scenarios = [...this.scenarios, { name: name.trim(), known: copy(this.draft), forecast: this.forecast! }];
    return null;
  }

  remove(name: string): void {
    if (name === FILE_SCENARIO) return;
    this.scenarios = this.scenarios.filter((s) => s.name !== name);
  }

  /** Lets main free the session; the scenarios go too. */
  async close(): Promise<void> {
    this.#ticket++;
    const session = this.#session;
    this.#session = null;
    this.status = 'closed';
    this.runKey = null;
    this.error = null;
    this.draft = [];
    this.forecast = null;
    this.scenarios = [];
    this.pending = false;
    this.baseline = null;
    if (session !== null) await this.#api.whatifClose({ sessionId: session });
  }

  async #refresh(): Promise<void> {
    if (this.#session === null) return;
    const ticket = ++this.#ticket;
    this.pending = true;
    const result = await this.#api.whatifForecast({ sessionId: this.#session, known: this.draft });
    if (ticket !== this.#ticket) return;
    this.pending = false;
    if (!result.ok) {
      this.error = result.error;
      return;
    }
    this.error = null;
    this.forecast = result.value;
  }
}

function sameValues(a: readonly KnownColumn[], b: readonly KnownColumn[]): boolean {
  return a.length === b.length && a.every((k, i) => k.name === b[i]!.name && k.values.every((v, j) => v === b[i]!.values[j]));
}

function copy(known: readonly KnownColumn[]): KnownColumn[] {
  return known.map((k) => ({ name: k.name, values: Float64Array.from(k.values) }));
}
