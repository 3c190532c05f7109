// Shared helpers for engine/data tests: read a fixture file as the app would (bytes → text → Dataset).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DataError, decodeCsvBytes, readDataset } from '../../../engine/data';
import type { ReadOptions, ReadResult } from '../../../engine/data';

const here = dirname(fileURLToPath(import.meta.url));
export const FIXTURES = join(here, '..', '..', 'fixtures', 'csv');
export const SHARED_DATA = join(here, '..', '..', '..', '..', 'shared', 'data');

export function fixtureText(name: string): string {
  return decodeCsvBytes(readFileSync(join(FIXTURES, name))).text;
}

export function readFixture(name: string, options: ReadOptions = {}): ReadResult {
  return readDataset(fixtureText(name), { source: name, ...options });
}

/** The DataError a call throws (fails the test when it throws nothing or something else). */
export function dataErrorOf(run: () => unknown): DataError {
  try {
    run();
  } catch (e) {
    if (e instanceof DataError) return e;
    throw e;
  }
  throw new Error('expected a DataError, but nothing was thrown');
}

export const utc = (y: number, m: number, d: number, h = 0, mi = 0, s = 0): number => Date.UTC(y, m - 1, d, h, mi, s);

export function codes(result: ReadResult): string[] {
  return result.dataset.problems.map((p) => p.code);
}
