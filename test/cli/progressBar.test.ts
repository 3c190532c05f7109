// The terminal progress line: percentage, ETA and phase, cut to the terminal width; plain lines
// without escape sequences where the environment asks for them.
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createPlainProgress, formatDuration, renderBar, wantsPlainOutput } from '../../engine/cli/progressBar';

describe('progress bar', () => {
  it('shows the fraction, the ETA in m:ss and the phase', () => {
    const line = renderBar({ phase: 'backtest 1/1: choosing transforms', fraction: 0.5, elapsedMs: 5000, etaMs: 65_000 }, 200);
    expect(line).toBe(`${'█'.repeat(12)}${'░'.repeat(12)}  50%  ETA 1:05  backtest 1/1: choosing transforms`);
  });
  it('says --:-- while the ETA is unknown and fits narrow terminals', () => {
    expect(formatDuration(NaN)).toBe('--:--');
    expect(renderBar({ phase: 'model search', fraction: 0, elapsedMs: 0, etaMs: NaN }, 30).length).toBeLessThan(30);
  });
  it('prints plain lines, one per tenth, without escape sequences, for NO_COLOR and TERM=dumb', () => {
    expect(wantsPlainOutput({ TERM: 'dumb' })).toBe(true);
    expect(wantsPlainOutput({ NO_COLOR: '1', TERM: 'xterm-256color' })).toBe(true);
    expect(wantsPlainOutput({ NO_COLOR: '', TERM: 'xterm-256color' })).toBe(false);
    expect(wantsPlainOutput({ TERM: 'xterm-256color' })).toBe(false);
    const out = new PassThrough();
    let text = '';
    out.on('data', (d) => (text += d));
    const plain = createPlainProgress(out);
    for (const fraction of [0, 0.05, 0.12, 0.15, 0.5, 1]) plain.update({ phase: 'model search', fraction, elapsedMs: 0, etaMs: 3000 });
    expect(text).toBe(['  0%', ' 10%', ' 50%', '100%'].map((p) => `tidecast: ${p}  ETA 0:03  model search\n`).join(''));
    expect(text).not.toMatch(/\x1b/);
  });
});
