// electron-builder.yml: packaging downloads Electron, so here the configuration itself is the
// check — parsed, validated by electron-builder's own schema, and its targets and fuses asserted.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { APP_ID, APP_NAME } from '../../electron/identity';

const root = join(import.meta.dirname, '../..');
const config = parse(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as Record<string, unknown> & {
  linux: { target: string[] };
  win: { target: string[] };
  mac: { target: string[] };
  nsis: Record<string, unknown>;
  electronFuses: Record<string, boolean>;
  files: string[];
  extraResources: { from: string; to: string }[];
  asarUnpack: string[];
  fileAssociations: { ext: string; name: string; mimeType: string; role: string; rank: string; icon?: string }[];
  icon: string;
};

describe('electron-builder.yml', () => {
  it('passes electron-builder’s own configuration schema', async () => {
    const require = createRequire(import.meta.url);
    // The validator electron-builder runs before packaging (app-builder-lib, pinned with it).
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
      validateConfiguration(config: unknown, logger: { isEnabled: boolean; add(key: string, value: unknown): void }): Promise<void>;
    };
    await expect(validateConfiguration(structuredClone(config), { isEnabled: false, add() {} })).resolves.toBeUndefined();
    // …and that validator does reject a wrong option, so the line above means something.
    await expect(validateConfiguration({ ...structuredClone(config), linux: { target: ['AppImage'], notAnOption: 1 } }, { isEnabled: false, add() {} })).rejects.toThrow(/configuration/);
  });

  it('has a stable identity, the one main names itself with (Windows groups the taskbar by it)', () => {
    expect(config.appId).toBe('org.tidecast.app');
    expect(config.appId).toBe(APP_ID);
    expect(config.productName).toBe(APP_NAME);
  });

  it('builds AppImage and deb, NSIS, and dmg', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.win.target).toEqual(['nsis']);
    expect(config.mac.target).toEqual(['dmg']);
    expect(config.nsis).toMatchObject({ oneClick: false, allowToChangeInstallationDirectory: true });
  });

  it('sets the Electron fuses: no Node escape hatches, app only from a verified asar', () => {
    expect(config.electronFuses).toStrictEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      grantFileProtocolExtraPrivileges: false,
      enableCookieEncryption: true,
    });
    expect(config.asar).toBe(true);
  });

  it('ships the built bundles (main, worker, CLI, preload, renderer) and the samples, not the sources', () => {
    expect(config.files).toEqual(['out/**', 'package.json', '!**/*.map']);
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { main: string };
    expect(pkg.main).toBe('out/main/main.js');
    // The preload and worker paths main.ts and the job pool load from.
    expect(readFileSync(join(root, 'electron/app-paths.ts'), 'utf8')).toContain("'../preload/preload.cjs'");
    expect(readFileSync(join(root, 'electron.vite.config.ts'), 'utf8')).toMatch(/worker: resolve\(root, 'engine\/forecast\/worker\.ts'\)/);
    expect(config.extraResources).toEqual([
      { from: 'samples/', to: 'samples/', filter: ['*.csv'] },
      { from: 'build/bin/', to: 'bin/', filter: ['tidecast'] },
    ]);
    expect(config.npmRebuild).toBe(false);
  });

  it('unpacks the job worker, its chunks and their module marking from app.asar (test/e2e/packaged-asar.test.ts runs them from there)', () => {
    expect(config.asarUnpack).toEqual(['out/main/worker.js', 'out/main/chunks/**', 'out/main/package.json']);
  });

  it('ships no runtime dependencies: everything is bundled into out/', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
    expect(pkg.dependencies ?? {}).toEqual({});
  });

  it('has an icon of at least 512×512 px', () => {
    const path = join(root, config.icon);
    expect(existsSync(path)).toBe(true);
    const png = readFileSync(path);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    // IHDR: width and height are the first two big-endian uint32 of the first chunk.
    expect(png.readUInt32BE(16)).toBeGreaterThanOrEqual(512);
    expect(png.readUInt32BE(20)).toBeGreaterThanOrEqual(512);
  });

  it('opens CSV and TSV files (beside their usual app) and owns .tidecast projects, with the project icon', () => {
    expect(config.fileAssociations.map((a) => [a.ext, a.mimeType, a.role, a.rank])).toEqual([
      ['csv', 'text/csv', 'Viewer', 'Alternate'],
      ['tsv', 'text/tab-separated-values', 'Viewer', 'Alternate'],
      ['tidecast', 'application/x-tidecast-project', 'Editor', 'Owner'],
    ]);
    // electron-builder looks for <icon>.icns (macOS) and <icon>.ico (Windows) in build/.
    const icon = config.fileAssociations[2]!.icon!;
    const icns = readFileSync(join(root, 'build', `${icon}.icns`));
    expect(icns.subarray(0, 4).toString('latin1')).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    const ico = readFileSync(join(root, 'build', `${icon}.ico`));
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1]);
    const sizes = Array.from({ length: ico.readUInt16LE(4) }, (_, i) => ico.readUInt8(6 + 16 * i) || 256);
    expect(sizes).toEqual([16, 32, 48, 128, 256]);
    for (let i = 0; i < sizes.length; i++) {
      const offset = ico.readUInt32LE(6 + 16 * i + 12);
      expect([...ico.subarray(offset, offset + 8)], `image ${i + 1}`).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    }
  });
});
