// A one-line progress bar with ETA for a terminal (stderr), redrawn at most every 100 ms.
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
