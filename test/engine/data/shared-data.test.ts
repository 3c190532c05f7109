// Every real series shipped in ../shared/data: the inferred frequency and season must match the
// manifest (bj_sales' "other" dates are consecutive days, so daily/7), and the index must run
// from the manifest's start to its end with its length and missing-value count.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatTime, readDataset } from '../../../engine/data';
import { SHARED_DATA } from './helpers';

interface Series {
  id: string; file: string; time_column: string; target: string; covariates: string[]; frequency: string;
  m: number; length: number; missing_target: number; start: string; end: string;
}

const manifestPath = join(SHARED_DATA, 'manifest.json');
const series: Series[] = existsSync(manifestPath)
  ? (JSON.parse(readFileSync(manifestPath, 'utf8')) as { series: Series[] }).series : [];

describe.skipIf(series.length === 0)('shared real series', () => {
  it.each(series.map((s) => [s.id, s] as const))('%s', (_id, s) => {
    const r = readDataset(readFileSync(join(SHARED_DATA, s.file), 'utf8'), { source: s.file });
    const d = r.dataset;
    const frequency = s.id === 'bj_sales' ? 'daily' : s.frequency;
    const season = s.id === 'bj_sales' ? 7 : s.m;
    expect(d.frequency.label).toBe(frequency);
    expect(d.season).toBe(season);
    expect(d.timeColumn).toBe(s.time_column);
    expect(d.time.length).toBe(s.length);
    // The manifest writes starts as dates (2000-06-05T00:00:00 for the half-hourly series).
    const asDate = (t: number): string => formatTime(t, d.timeStyle);
    expect(asDate(d.time[0])).toBe(s.start);
    expect(asDate(d.time[d.time.length - 1])).toBe(s.end);
    const target = d.columns.find((c) => c.name === s.target)!;
    expect(target.missing).toBe(s.missing_target);
    expect(target.values.reduce((n, v) => n + (Number.isNaN(v) ? 1 : 0), 0)).toBe(s.missing_target);
    for (const c of s.covariates) expect(d.columns.map((x) => x.name)).toContain(c);
    expect(d.problems.filter((p) => p.severity !== 'info')).toEqual([]);
  });
});
