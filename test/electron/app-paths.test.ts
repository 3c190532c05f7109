// Where main looks for its files, in development (electron . from the project) and packaged
// (main bundle inside resources/app.asar, the worker unpacked beside it).
import { join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { appPaths, outsideAsar } from '../../electron/app-paths';

describe('appPaths', () => {
  it('finds preload, renderer and worker beside the bundle and samples in the project in development', () => {
    const paths = appPaths({ bundleDir: '/src/tidecast/out/main', isPackaged: false, resourcesPath: '/opt/electron/resources', appPath: '/src/tidecast', userData: '/home/ann/.config/Tidecast' });
    expect(paths).toMatchObject({
      preload: '/src/tidecast/out/preload/preload.cjs',
      rendererDir: '/src/tidecast/out/renderer',
      samplesDir: '/src/tidecast/samples',
      windowStateFile: '/home/ann/.config/Tidecast/window-state.json',
      recentFilesFile: '/home/ann/.config/Tidecast/recent-files.json',
      logFile: '/home/ann/.config/Tidecast/logs/main.log',
    });
    expect(fileURLToPath(paths.workerUrl)).toBe('/src/tidecast/out/main/worker.js');
  });

  it('takes samples from the resources folder and the worker from app.asar.unpacked when packaged', () => {
    const resources = '/opt/Tidecast/resources';
    const paths = appPaths({ bundleDir: `${resources}/app.asar/out/main`, isPackaged: true, resourcesPath: resources, appPath: `${resources}/app.asar`, userData: '/home/ann/.config/Tidecast' });
    expect(paths.preload).toBe(`${resources}/app.asar/out/preload/preload.cjs`);
    expect(paths.samplesDir).toBe(`${resources}/samples`);
    expect(fileURLToPath(paths.workerUrl)).toBe(`${resources}/app.asar.unpacked/out/main/worker.js`);
  });

  it('maps only a whole app.asar folder to its unpacked twin', () => {
    expect(outsideAsar(join(sep, 'r', 'app.asar', 'out', 'main', 'worker.js'))).toBe(join(sep, 'r', 'app.asar.unpacked', 'out', 'main', 'worker.js'));
    expect(outsideAsar(join(sep, 'r', 'my-app.asar.d', 'worker.js'))).toBe(join(sep, 'r', 'my-app.asar.d', 'worker.js'));
    expect(outsideAsar(join(sep, 'src', 'out', 'main', 'worker.js'))).toBe(join(sep, 'src', 'out', 'main', 'worker.js'));
  });
});
