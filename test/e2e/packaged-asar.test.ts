// The packaged layout without the Electron binary: out/ packed into resources/app.asar with the
// asarUnpack patterns of electron-builder.yml, as electron-builder does. The job worker main
// computes must lie outside the archive (worker threads cannot read inside it) and must run
// there: its chunks and its ES-module marking come along. Main, preload and page stay packed,
// under the archive's integrity check.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createPackageWithOptions, statFile } from '@electron/asar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { appPaths } from '../../electron/app-paths';
import { readDataset } from '../../engine/data';
import { runForecast } from '../../engine/forecast/pipeline';
import { createForecastPool } from '../../engine/forecast/pool';

const ROOT = join(import.meta.dirname, '../..');
const builder = parseYaml(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as { asarUnpack: string[]; files: string[] };

let base: string;
let resources: string;

beforeAll(async () => {
  if (!existsSync(join(ROOT, 'out/main/worker.js'))) throw new Error('out/ is missing: run `npm run build` first (npm run test:e2e does).');
  base = mkdtempSync(join(tmpdir(), 'tidecast-asar-'));
  // What electron-builder puts in the archive: `files` (out/**, package.json, no source maps).
  const stage = join(base, 'app');
  mkdirSync(stage);
  expect(builder.files).toEqual(['out/**', 'package.json', '!**/*.map']);
  cpSync(join(ROOT, 'out'), join(stage, 'out'), { recursive: true, filter: (src) => !src.endsWith('.map') });
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Record<string, unknown>;
  writeFileSync(join(stage, 'package.json'), JSON.stringify({ name: manifest['name'], version: manifest['version'], type: manifest['type'], main: manifest['main'] }));
  resources = join(base, 'resources');
  mkdirSync(resources);
  // electron-builder matches asarUnpack patterns against paths relative to the app folder.
  await createPackageWithOptions(stage, join(resources, 'app.asar'), { unpack: `{${builder.asarUnpack.map((p) => join(stage, p)).join(',')}}` });
  rmSync(stage, { recursive: true });
});

afterAll(() => {
  if (base) rmSync(base, { recursive: true, force: true });
});

describe('the packaged app.asar', () => {
  it('keeps main, preload and page inside the archive, and only the worker side unpacked', () => {
    const archive = join(resources, 'app.asar');
    for (const packed of ['package.json', 'out/main/main.js', 'out/main/cli.js', 'out/preload/preload.cjs', 'out/renderer/index.html']) {
      expect((statFile(archive, packed) as { unpacked?: boolean }).unpacked, packed).toBeFalsy();
    }
    expect((statFile(archive, 'out/main/worker.js') as { unpacked?: boolean }).unpacked).toBe(true);
    expect(existsSync(join(resources, 'app.asar.unpacked/out/main/worker.js'))).toBe(true);
    expect(existsSync(join(resources, 'app.asar.unpacked/out/main/main.js'))).toBe(false);
    // Marked as ES modules beside them: the project's package.json stays inside the archive,
    // and Node would otherwise have to guess from their syntax.
    expect(JSON.parse(readFileSync(join(resources, 'app.asar.unpacked/out/main/package.json'), 'utf8'))).toEqual({ type: 'module' });
  });

  it('runs a forecast on the worker at the path main computes for the packaged app', async () => {
    const paths = appPaths({ bundleDir: join(resources, 'app.asar/out/main'), isPackaged: true, resourcesPath: resources, appPath: join(resources, 'app.asar'), userData: join(base, 'user') });
    expect(fileURLToPath(paths.workerUrl)).toBe(join(resources, 'app.asar.unpacked/out/main/worker.js'));
    const pool = createForecastPool({ workerUrl: paths.workerUrl, size: 1 });
    try {
      const { dataset } = readDataset(readFileSync(join(ROOT, 'samples/au_wine_sales.csv'), 'utf8'), { source: 'au_wine_sales.csv' });
      const run = await runForecast(dataset, { model: 'gru', hidden: 4, epochs: 1, timeBudgetSec: 0, backtest: false }, pool);
      expect(run.forecast.mean).toHaveLength(18);
      expect(run.forecast.mean.every(Number.isFinite)).toBe(true);
    } finally {
      await pool.destroy();
    }
  });
});
