// The parity CLI's contract: one JSON line per case with maxRelErr per field and pass,
// exit code 1 when a case fails; --emit prints the engine's results in the reference's fields.

import { afterEach, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { main } from '../../bench/parity';

const reference = resolve(import.meta.dirname, '../../../shared/reference');

function capture(run: () => number): { code: number; lines: string[] } {
  const lines: string[] = [];
  const spy = vi.spyOn(console, 'log').mockImplementation((line: string) => void lines.push(line));
  try {
    return { code: run(), lines };
  } finally {
    spy.mockRestore();
  }
}

afterEach(() => vi.restoreAllMocks());

describe('npm run parity', () => {
  it('prints one JSON line per case and exits 0 when all pass', () => {
    const files = ['lstm-bi-2layer', 'gru-uni-1layer'].map((n) => join(reference, `${n}.json`));
    const { code, lines } = capture(() => main(files));
    expect(code).toBe(0);
    expect(lines).toHaveLength(2);
    const first = JSON.parse(lines[0]);
    expect(Object.keys(first)).toEqual(['case', 'maxRelErr', 'pass']);
    expect(Object.keys(first.maxRelErr)).toEqual(['output', 'h_n', 'c_n', 'loss', 'grads']);
    expect(first.case).toBe('lstm-bi-2layer');
    expect(first.pass).toBe(true);
    expect(JSON.parse(lines[1]).maxRelErr.c_n).toBeNull(); // no cell state for a GRU
  });

  it('exits 1 and marks the case failed when a gradient is off by 1%', () => {
    const ref = JSON.parse(readFileSync(join(reference, 'rnn-bi-1layer.json'), 'utf8'));
    ref.grads['weight_hh_l0_reverse'].data[0] *= 1.01;
    ref.grads['weight_hh_l0_reverse'].data[0] += 0.01; // also when the value is near 0
    const file = join(mkdtempSync(join(tmpdir(), 'parity-')), 'bad.json');
    writeFileSync(file, JSON.stringify(ref));
    const { code, lines } = capture(() => main([file]));
    expect(code).toBe(1);
    const line = JSON.parse(lines[0]);
    expect(line.pass).toBe(false);
    expect(line.maxRelErr.grads).toBeGreaterThan(1e-3);
    expect(line.maxRelErr.output).toBeLessThan(1e-3);
  });

  it('--emit prints the engine results under the reference field names', () => {
    const file = join(reference, 'lstm-uni-2layer.json');
    const { code, lines } = capture(() => main(['--emit', file]));
    expect(code).toBe(0);
    const emitted = JSON.parse(lines[0]);
    const ref = JSON.parse(readFileSync(file, 'utf8'));
    for (const field of ['output', 'h_n', 'c_n'] as const) expect(emitted[field].shape).toEqual(ref[field].shape);
    expect(Object.keys(emitted.grads).sort()).toEqual(Object.keys(ref.grads).sort());
    expect(emitted.grads.input.shape).toEqual(ref.grads.input.shape);
    expect(Math.abs(emitted.loss - ref.loss) / ref.loss).toBeLessThan(1e-5);
  });
});
