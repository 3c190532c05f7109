// The project file (.tidecast): the data as read (the file's text and the reading options),
// column roles, the form's settings and every finished run with its results, as JSON. Typed
// arrays and non-finite numbers are tagged so a project reopens exactly as it was saved.
import type { TextEncoding } from '../../engine/data/decode';
import type { ImportOrigin } from '../import/import-state.svelte';
import type { ImportOptions } from '../import/protocol';
import type { Roles } from '../import/roles';
import type { ConfigForm } from '../train/config';
import type { SavedRun } from '../train/run-record';

export const PROJECT_FORMAT = 'tidecast-project';
export const PROJECT_VERSION = 1;

export interface SavedData {
  name: string;
  text: string;
  encoding: TextEncoding;
  bytes: number;
  origin: ImportOrigin;
  options: ImportOptions;
  roles: Roles;
}

export interface ProjectFile {
  format: typeof PROJECT_FORMAT;
  version: number;
  savedAt: string;
  data: SavedData | null;
  form: ConfigForm;
  runs: SavedRun[];
}

export class ProjectError extends Error {}

// Tags: {"$f64": [...]} a Float64Array (null = NaN), {"$i32": [...]} an Int32Array,
// {"$n": "NaN" | "Infinity" | "-Infinity"} a non-finite number.
function replacer(this: unknown, _key: string, value: unknown): unknown {
  if (value instanceof Float64Array || value instanceof Float32Array) return { $f64: Array.from(value, (v) => (Number.isNaN(v) ? null : v)) };
  if (value instanceof Int32Array) return { $i32: Array.from(value) };
  if (typeof value === 'number' && !Number.isFinite(value)) return { $n: String(value) };
  return value;
}

function reviver(_key: string, value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const tagged = value as Record<string, unknown>;
  const keys = Object.keys(tagged);
  if (keys.length !== 1) return value;
  if (Array.isArray(tagged['$f64'])) return Float64Array.from(tagged['$f64'] as (number | null)[], (v) => (v === null ? Number.NaN : v));
  if (Array.isArray(tagged['$i32'])) return Int32Array.from(tagged['$i32'] as number[]);
  if (typeof tagged['$n'] === 'string') return Number(tagged['$n']);
  return value;
}

export function serializeProject(project: ProjectFile): string {
  return JSON.stringify(project, replacer);
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Reads a project file's text; throws ProjectError saying what is wrong and what to do. */
export function parseProject(text: string, name: string): ProjectFile {
  let json: unknown;
  try {
    json = JSON.parse(text, reviver);
  } catch (error) {
    throw new ProjectError(`"${name}" is not a Tidecast project (it is not JSON: ${(error as Error).message}).`);
  }
  if (!isObject(json) || json['format'] !== PROJECT_FORMAT) {
    throw new ProjectError(`"${name}" is not a Tidecast project file. Open a .tidecast file saved with Save project.`);
  }
  if (json['version'] !== PROJECT_VERSION) {
    throw new ProjectError(`"${name}" is a version ${String(json['version'])} project; this Tidecast reads version ${PROJECT_VERSION}. Update Tidecast to open it.`);
  }
  const damaged = (what: string) => new ProjectError(`"${name}" is damaged: ${what}. Save the project again from the app that made it.`);
  const data = json['data'];
  if (data !== null) {
    if (!isObject(data) || typeof data['text'] !== 'string' || typeof data['name'] !== 'string' || !isObject(data['roles']) || !isObject(data['options'])) {
      throw damaged('its data section is incomplete');
    }
  }
  if (!isObject(json['form'])) throw damaged('its settings are missing');
  const runs = json['runs'];
  if (!Array.isArray(runs)) throw damaged('its list of runs is missing');
  runs.forEach((run, i) => {
    if (!isObject(run) || !isObject(run['request']) || !['done', 'failed', 'cancelled'].includes(run['state'] as string)) {
      throw damaged(`run ${i + 1} is incomplete`);
    }
    const outcome = run['outcome'];
    if (outcome !== null && (!isObject(outcome) || (outcome['kind'] !== 'trained' && outcome['kind'] !== 'applied'))) {
      throw damaged(`run ${i + 1} has no readable result`);
    }
  });
  return json as unknown as ProjectFile;
}
