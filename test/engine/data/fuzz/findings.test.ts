// Replays every input a data fuzz target found (test/fixtures/fuzz/), each through the rules
// of its target: a valid dataset or one DataError, and chunked reading equal to whole reading.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatTime, readDataset } from '../../../../engine/data';
import type { TimeStyle } from '../../../../engine/data';
import { FIXTURES } from '../helpers';
import { chunksOf } from './arbitraries';
import { readChunked, readWhole } from './properties';

interface CsvFinding { finding: string; text: string; cuts: number[]; sniffLines: number }

interface TimeFinding { finding: string; option: string; style: TimeStyle; times: number[] }

const findingsOf = <T>(target: string): T[] =>
  (JSON.parse(readFileSync(join(FIXTURES, '..', 'fuzz', `${target}.json`), 'utf8')) as { findings: T[] }).findings;
const csvFindings = findingsOf<CsvFinding>('csv-reader');
const timeFindings = findingsOf<TimeFinding>('time-formats');

describe('CSV reader fuzz findings', () => {
  it.each(csvFindings.map((f) => [f.finding, f] as const))('%s', (_what, f) => {
    const whole = readWhole(f.text, { sniffLines: f.sniffLines });
    expect(readChunked(chunksOf(f.text, f.cuts), f.sniffLines)).toEqual(whole);
  });
});

describe('time format fuzz findings', () => {
  it.each(timeFindings.map((f) => [f.finding, f] as const))('%s', (_what, f) => {
    const cells = f.times.map((t) => formatTime(t, f.style));
    const r = readDataset(`date,value\n${cells.map((c, i) => `"${c}",${i}`).join('\n')}\n`, { timeFormat: f.option as never });
    expect(Array.from(r.dataset.time, (t) => formatTime(t, r.dataset.timeStyle))).toEqual(cells);
  });
});
