// `npm start` and `npm run dev` on a fresh clone: Electron 45's package fetches its binary only
// when first required, but electron-vite looks for it without requiring it ("Electron
// uninstall"), so both scripts must fetch it first with the package's own `install-electron`.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };

describe('package scripts that launch Electron', () => {
  it.each([
    ['start', 'electron-vite preview'],
    ['dev', 'electron-vite dev'],
  ])('%s fetches the Electron binary before %s', (script, launch) => {
    const steps = pkg.scripts[script].split('&&').map((s) => s.trim());
    const install = steps.indexOf('install-electron');
    const run = steps.findIndex((s) => s.startsWith(launch));
    expect(install).toBeGreaterThanOrEqual(0);
    expect(run).toBeGreaterThan(install);
  });

  it('start builds every bundle before launching', () => {
    expect(pkg.scripts['start'].startsWith('npm run build &&')).toBe(true);
  });
});
