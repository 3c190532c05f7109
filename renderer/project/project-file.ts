// The project file (.tidecast): the data as read (the file's text and the reading options),
// column roles, the form's settings and every finished run with its results, as JSON. Typed
// arrays and non-finite numbers are tagged so a project reopens exactly as it was saved.
import * as v from 'valibot';
import type { TextEncoding } from '../../engine/data/decode';
import type { ImportOrigin } from '../import/import-state.svelte';
import type { ImportOptions } from '../import/protocol';
import type { Roles } from '../import/roles';
import type { KnownFills } from '../train/known-fill';
import type { SeriesLayout } from '../shared/series-list';
import type { ConfigForm } from '../train/config';
import type { SavedRun } from '../train/run-record';
import { issuePlace, projectSchema, reviveTags, tagProblem } from './project-schema';

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
  /** Values typed in the fill-in tables of covariates known in advance (older projects: none). */
  fills?: KnownFills;
  /** Each numeric column a series ('wide'), or one target plus covariates (absent: 'long'). */
  layout?: SeriesLayout;
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
// {"$n": "NaN" | "Infinity" | "-Infinity"} a non-finite number (project-schema.ts reads them back).
function replacer(this: unknown, _key: string, value: unknown): unknown {
  if (value instanceof Float64Array || value instanceof Float32Array) return { $f64: Array.from(value, (v) => (Number.isNaN(v) ? null : v)) };
  if (value instanceof Int32Array) return { $i32: Array.from(value) };
  if (typeof value === 'number' && !Number.isFinite(value)) return { $n: String(value) };
  return value;
}

export function serializeProject(project: ProjectFile): string {
  return JSON.stringify(project, replacer);
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Reads a project file's text: recognised, checked against the schema (sizes, types, ranges,
 * cross-checks) and only then turned into typed arrays. Throws ProjectError saying what is
 * wrong, where, and what to do.
 */
export function parseProject(text: string, name: string): ProjectFile {
  let json: unknown;
  try {
    // A byte-order mark stays at the start of decoded text (files.ts); JSON does not allow it.
    json = JSON.parse(text.startsWith('\ufeff') ? text.slice(1) : text);
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
  const tags = tagProblem(json);
  if (tags !== null) throw damaged(tags);
  const parsed = v.safeParse(projectSchema, json);
  if (!parsed.success) {
    const issue = parsed.issues[0];
    const place = issuePlace(issue);
    throw damaged(place === '' ? issue.message : `${place}: ${issue.message}`);
  }
  return reviveTags(parsed.output) as ProjectFile;
}
