// Shared settings of the property-based fuzz targets (fast-check). `npm test` runs every target
// with a few hundred generated cases from a fixed seed, so a failure reproduces; `npm run fuzz`
// runs ≥ 10,000 per target (FUZZ_RUNS, FUZZ_SEED override both; FUZZ_SEED=random draws one).
//
// Adding a target: write `test/<layer mirroring the source>/fuzz/<name>.fuzz.test.ts` whose
// properties run through `fc.assert(property, fuzzParameters())` inside an `it(…, fuzzTimeout(ms))`
// (ms: the slowest case you expect, under load); a property throws (or returns false) on any
// input that breaks a rule the code promises — never a crash other than the module's own error
// type, no hang, finite numbers, results that agree with a second path. The `.fuzz.test.ts`
// suffix is what `npm run fuzz` selects. When a run fails, fast-check prints the seed, path and
// shrunk input: fix the code, then add the input to the target's findings fixture
// (test/fixtures/fuzz/) so a regression test replays it on every `npm test`.
import type { Parameters } from 'fast-check';

/** Cases per property in `npm test`, and the seed that makes them the same on every run. */
const TEST_RUNS = 300;
const TEST_SEED = 20_261_201;

export function fuzzRuns(): number {
  const runs = Number(process.env.FUZZ_RUNS);
  return Number.isInteger(runs) && runs > 0 ? runs : TEST_RUNS;
}

export function fuzzSeed(): number {
  const seed = process.env.FUZZ_SEED;
  if (seed === 'random') return (Math.random() * 2 ** 31) | 0;
  return seed !== undefined && Number.isInteger(Number(seed)) ? Number(seed) : TEST_SEED;
}

/** fast-check parameters: the runs and seed above, plus any of the target's own. */
export function fuzzParameters<T>(extra: Parameters<T> = {}): Parameters<T> {
  return { numRuns: fuzzRuns(), seed: fuzzSeed(), ...extra };
}

/** A test timeout for `fuzzRuns()` cases of up to `msPerCase` each, with a minute to spare. */
export function fuzzTimeout(msPerCase: number): number {
  return 60_000 + fuzzRuns() * msPerCase;
}

/** Inputs under this size must be answered within NO_HANG_MS (issue: no hang over 5 s under 1 MB). */
export const NO_HANG_INPUT = 1_000_000;
export const NO_HANG_MS = 5000;
