// How to start a worker for a given entry: a built .js/.mjs runs as is; a .ts entry (dev,
// tests, benchmarks) goes through a tiny bootstrap that registers tsx inside the thread.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

export interface WorkerSpawnArgs {
  filename: string | URL;
  eval: boolean;
  workerData: unknown;
}

// On Node 20, `execArgv: ['--import', 'tsx']` does not reach a worker's module loader
// (nodejs/node#47747: ERR_UNKNOWN_FILE_EXTENSION ".ts"), but tsx's register() called inside the
// thread does. The bootstrap is eval'd, so it needs no file of its own in the build; it uses only
// dynamic import() because a worker inherits the parent's flags and the eval may run as CommonJS
// or as an ES module (--input-type=module).
const TS_BOOTSTRAP = `
import('node:worker_threads')
  .then(({ workerData }) => import(workerData.tsxApi).then((tsx) => {
    tsx.register();
    return import(workerData.entry);
  }));
`;

export function workerSpawnArgs(workerUrl: URL | string): WorkerSpawnArgs {
  const url = toUrl(workerUrl);
  if (!/\.(ts|mts|cts)$/.test(url.pathname)) return { filename: url, eval: false, workerData: null };
  return { filename: TS_BOOTSTRAP, eval: true, workerData: { entry: url.href, tsxApi: tsxApiUrl() } };
}

function toUrl(workerUrl: URL | string): URL {
  if (workerUrl instanceof URL) return workerUrl;
  if (/^file:/.test(workerUrl)) return new URL(workerUrl);
  return pathToFileURL(workerUrl);
}

function tsxApiUrl(): string {
  try {
    // The ESM build of tsx's API: its CommonJS twin cannot register hooks inside a worker.
    const require = createRequire(import.meta.url);
    const manifestPath = require.resolve('tsx/package.json');
    const manifest = require(manifestPath) as { exports: Record<string, { import: { default: string } }> };
    return new URL(manifest.exports['./esm/api'].import.default, pathToFileURL(manifestPath)).href;
  } catch (error) {
    throw new Error(`A .ts worker entry needs the dev dependency "tsx" (npm install), or point the pool at a built .js worker. (${(error as Error).message})`);
  }
}
