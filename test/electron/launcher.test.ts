// The `tidecast` launcher shipped in the app's resources/bin (build/bin/tidecast): found through
// links, it runs the app's own executable with --cli and the user's arguments untouched, on the
// Linux and macOS layouts, headless without a display, and passes the exit code on.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const LAUNCHER = join(import.meta.dirname, '../../build/bin/tidecast');
/** Stands in for the app's executable: prints each argument on its own line, exits with $EXIT. */
const FAKE_APP = '#!/bin/sh\nfor a in "$@"; do printf "%s\\n" "$a"; done\nexit "${EXIT:-0}"\n';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'tidecast-launcher-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function install(app: string, launcher: string): void {
  for (const [path, text] of [[app, FAKE_APP]] as const) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text, { mode: 0o755 });
  }
  mkdirSync(dirname(launcher), { recursive: true });
  copyFileSync(LAUNCHER, launcher);
}

function run(path: string, args: string[], env: Record<string, string> = { DISPLAY: ':0' }) {
  const result = spawnSync(path, args, { env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', ...env }, encoding: 'utf8' });
  return { code: result.status, args: result.stdout.split('\n').filter((l, i, all) => i < all.length - 1), stderr: result.stderr };
}

describe('build/bin/tidecast', () => {
  it('is an executable shell script', () => {
    expect(statSync(LAUNCHER).mode & 0o111).not.toBe(0);
  });

  it('runs the Linux app beside its resources with --cli and the arguments as given, through a link', () => {
    const app = join(root, 'opt/Tidecast/tidecast');
    const launcher = join(root, 'opt/Tidecast/resources/bin/tidecast');
    install(app, launcher);
    mkdirSync(join(root, 'usr/local/bin'), { recursive: true });
    symlinkSync(launcher, join(root, 'usr/local/bin/tidecast'));
    symlinkSync('../opt/Tidecast/resources/bin/tidecast', join(root, 'usr/tidecast-relative'));
    for (const entry of [join(root, 'usr/local/bin/tidecast'), join(root, 'usr/tidecast-relative')]) {
      expect(run(entry, ['--input', 'my sales.csv', '--horizon', '12', '--'])).toEqual({ code: 0, args: ['--cli', '--', '--input', 'my sales.csv', '--horizon', '12', '--'], stderr: '' });
    }
  });

  it('tells Chromium to go headless when there is no display', () => {
    const app = join(root, 'opt/Tidecast/tidecast');
    const launcher = join(root, 'opt/Tidecast/resources/bin/tidecast');
    install(app, launcher);
    expect(run(launcher, ['--help'], {}).args).toEqual(['--ozone-platform=headless', '--cli', '--', '--help']);
    expect(run(launcher, ['--help'], { WAYLAND_DISPLAY: 'wayland-0' }).args).toEqual(['--cli', '--', '--help']);
  });

  it('finds the macOS app from Contents/Resources/bin', () => {
    const app = join(root, 'Tidecast.app/Contents/MacOS/Tidecast');
    const launcher = join(root, 'Tidecast.app/Contents/Resources/bin/tidecast');
    install(app, launcher);
    expect(run(launcher, ['--version']).args).toEqual(['--cli', '--', '--version']);
  });

  it('passes the tool’s exit code on', () => {
    const app = join(root, 'opt/Tidecast/tidecast');
    const launcher = join(root, 'opt/Tidecast/resources/bin/tidecast');
    install(app, launcher);
    expect(run(launcher, ['--input', 'missing.csv'], { DISPLAY: ':0', EXIT: '2' }).code).toBe(2);
  });

  it('says where it looked when the app is not there, and how to point at it', () => {
    const launcher = join(root, 'loose/bin/tidecast');
    mkdirSync(dirname(launcher), { recursive: true });
    copyFileSync(LAUNCHER, launcher);
    const result = run(launcher, ['--help']);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`tidecast: the Tidecast app is not at ${join(root, 'loose')}/../tidecast; set TIDECAST_APP to its executable.\n`);
    const app = join(root, 'elsewhere/Tidecast');
    install(app, join(root, 'unused/bin/tidecast'));
    expect(run(launcher, ['--help'], { DISPLAY: ':0', TIDECAST_APP: app }).args).toEqual(['--cli', '--', '--help']);
  });
});
