// Progress on standard error: on a terminal, one bar with ETA redrawn in place at most every
// 100 ms; where the terminal cannot move the cursor (TERM=dumb) or the user asked for plain
// output (NO_COLOR, https://no-color.org), a plain line at every tenth of the run instead.
import type { PipelineProgress } from '../forecast/pipeline';

export interface ProgressBar {
  update(p: PipelineProgress): void;
  /** Erase the bar (before printing anything else, and at the end). */
  clear(): void;
}

export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return '--:--';
  const s = Math.max(0, Math.round(ms / 1000));
  const m = Math.floor(s / 60);
  return `${m}:${String(s % 60).padStart(2, '0')}`;
}

export function renderBar(p: PipelineProgress, width: number): string {
  const pct = Math.round(p.fraction * 100);
  const cells = 24;
  const filled = Math.round(p.fraction * cells);
  const bar = '█'.repeat(filled) + '░'.repeat(cells - filled);
  const line = `${bar} ${String(pct).padStart(3)}%  ETA ${formatDuration(p.etaMs)}  ${p.phase}`;
  return line.length > width ? line.slice(0, Math.max(0, width - 1)) : line;
}

/** Whether the environment asks for output without escape sequences. */
export function wantsPlainOutput(env: NodeJS.ProcessEnv): boolean {
  return env['TERM'] === 'dumb' || (env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '');
}

/** Plain progress lines, one per tenth of the run: no escape sequences, nothing redrawn. */
export function createPlainProgress(stream: NodeJS.WritableStream): ProgressBar {
  let lastTenth = -1;
  return {
    update(p) {
      const tenth = Math.floor(p.fraction * 10);
      if (tenth <= lastTenth) return;
      lastTenth = tenth;
      stream.write(`tidecast: ${String(tenth * 10).padStart(3)}%  ETA ${formatDuration(p.etaMs)}  ${p.phase}\n`);
    },
    clear() {},
  };
}

export function createProgressBar(stream: NodeJS.WriteStream): ProgressBar {
  let last = 0;
  let shown = false;
  return {
    update(p) {
      const now = Date.now();
      if (now - last < 100 && p.fraction < 1) return;
      last = now;
      stream.write(`\r\x1b[2K${renderBar(p, stream.columns > 0 ? stream.columns : 80)}`);
      shown = true;
    },
    clear() {
      if (shown) stream.write('\r\x1b[2K');
      shown = false;
    },
  };
}
