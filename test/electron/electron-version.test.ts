// The pinned Electron is a supported release line: Electron supports the latest three stable
// majors and ships a new major every 8 weeks (electronjs.org/docs/latest/tutorial/electron-timelines).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
const installed = JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')) as { version: string };

// Anchor: 45 was the current stable major in August 2026 (the security guide's snapshot of
// electron/electron). Offline, the current major is estimated from the 8-week cadence.
const ANCHOR = { major: 45, date: Date.UTC(2026, 7, 1) };
const CADENCE_MS = 8 * 7 * 24 * 3600 * 1000;

export function estimatedStableMajor(now: number): number {
  return ANCHOR.major + Math.max(0, Math.floor((now - ANCHOR.date) / CADENCE_MS));
}

describe('Electron version', () => {
  const range = pkg.devDependencies['electron']!;
  const pinnedMajor = Number(/^\^?(\d+)\./.exec(range)?.[1]);

  it('is pinned to one major (caret range), and that major is installed', () => {
    expect(range).toMatch(/^\^\d+\.\d+\.\d+$/);
    expect(Number(installed.version.split('.')[0])).toBe(pinnedMajor);
  });

  it('is one of the three supported majors (upgrade when this fails)', () => {
    const current = estimatedStableMajor(Date.now());
    expect(pinnedMajor, `Electron ${pinnedMajor} is out of support; the current stable major is about ${current}`).toBeGreaterThanOrEqual(current - 2);
  });

  it('estimates the cadence correctly', () => {
    expect(estimatedStableMajor(Date.UTC(2026, 7, 1))).toBe(45);
    expect(estimatedStableMajor(Date.UTC(2026, 8, 25))).toBe(45);
    expect(estimatedStableMajor(Date.UTC(2026, 8, 27))).toBe(46);
    expect(estimatedStableMajor(Date.UTC(2027, 0, 20))).toBe(48);
  });
});
