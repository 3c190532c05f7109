// `npm run fuzz`: every fuzz target (`*.fuzz.test.ts`) with FUZZ_RUNS cases per property
// (default 10,000; minutes, not for CI). Extra arguments go to vitest (e.g. a file filter).
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

// vitest's command (its package's bin), run with this Node.
const vitest = join(dirname(createRequire(import.meta.url).resolve('vitest/package.json')), 'vitest.mjs');
const env: NodeJS.ProcessEnv = { ...process.env, FUZZ_RUNS: process.env.FUZZ_RUNS ?? '10000' };
console.log(`fuzz: ${env.FUZZ_RUNS} cases per property, seed ${env.FUZZ_SEED ?? 'fixed (test/fuzz/config.ts)'}`);
const args = process.argv.slice(2);
const run = spawnSync(process.execPath, [vitest, 'run', '--project', 'unit', ...(args.length > 0 ? args : ['.fuzz.test.ts'])],
  { stdio: 'inherit', env });
process.exitCode = run.status ?? 1;
