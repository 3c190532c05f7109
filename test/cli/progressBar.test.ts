// The terminal progress line: percentage, ETA and phase, cut to the terminal width.
import { describe, expect, it } from 'vitest';
import { formatDuration, renderBar } from '../../engine/cli/progressBar';

describe('progress bar', () => {
  it('shows the fraction, the ETA in m:ss and the phase', () => {
    const line = renderBar({ phase: 'backtest 1/1: choosing transforms', fraction: 0.5, elapsedMs: 5000, etaMs: 65_000 }, 200);
    expect(line).toBe(`${'█'.repeat(12)}${'░'.repeat(12)}  50%  ETA 1:05  backtest 1/1: choosing transforms`);
  });
  it('says --:-- while the ETA is unknown and fits narrow terminals', () => {
    expect(formatDuration(NaN)).toBe('--:--');
    expect(renderBar({ phase: 'model search', fraction: 0, elapsedMs: 0, etaMs: NaN }, 30).length).toBeLessThan(30);
  });
});
