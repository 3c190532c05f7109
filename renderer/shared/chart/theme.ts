// The charts' one look: colours and font read from the page's CSS variables (so light and dark
// follow app.css), and the axis style every uPlot chart builds its axes from.
import type uPlot from 'uplot';
import { cssVar } from '../theme.svelte';

export interface ChartTheme {
  /** Axis text and tick labels. */
  muted: string;
  /** Grid lines and ticks. */
  grid: string;
  /** Canvas font for labels, e.g. "12px Inter, system-ui". */
  font: string;
  /** A series or band colour from its CSS custom property, e.g. colour('--chart-1'). */
  colour(property: string): string;
}

/** The theme as the page is styled now (charts call it when they are built). */
export function chartTheme(read: (property: string) => string = cssVar): ChartTheme {
  return {
    muted: read('--text-muted'),
    grid: read('--chart-grid'),
    font: `12px ${read('--font-ui') || 'system-ui'}`,
    colour: read,
  };
}

/** Space for an axis title, in CSS pixels. */
const LABEL_SIZE = 18;

/**
 * An axis in the theme: muted text, a light grid and short ticks. `label` adds a title;
 * anything in `options` (scale, side, values, size, grid) overrides the defaults.
 */
export function themedAxis(theme: ChartTheme, options: uPlot.Axis = {}): uPlot.Axis {
  return {
    stroke: theme.muted,
    font: theme.font,
    labelFont: theme.font,
    grid: { stroke: theme.grid, width: 1 },
    ticks: { stroke: theme.grid, width: 1, size: 4 },
    ...(options.label ? { labelSize: LABEL_SIZE } : {}),
    ...options,
  };
}

/** A CSS colour (#rgb, #rrggbb or rgb()) with the given opacity, for canvas fills. */
export function withAlpha(colour: string, alpha: number): string {
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(colour.trim());
  if (hex) {
    let h = hex[1]!;
    if (h.length === 3) h = [...h].map((c) => c + c).join('');
    const n = Number.parseInt(h, 16);
    return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
  }
  const rgb = /^rgba?\(([^)]+)\)$/i.exec(colour.trim());
  if (rgb) {
    const [r, g, b] = rgb[1]!.split(/[\s,/]+/);
    return `rgba(${r}, ${g}, ${b}, ${alpha})`;
  }
  return colour;
}
