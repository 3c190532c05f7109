// The one chart look: both charts build their axes from themedAxis over chartTheme, so a colour
// or font changed in app.css reaches every axis; band fills get the opacity asked for.
import { describe, expect, it } from 'vitest';
import { chartTheme, themedAxis, withAlpha } from '../../../renderer/shared/chart/theme';

const PAGE: Record<string, string> = { '--text-muted': '#5b6472', '--chart-grid': 'rgb(0 0 0 / 8%)', '--font-ui': 'Inter, sans-serif', '--chart-1': '#2563eb' };
const theme = chartTheme((property) => PAGE[property] ?? '');

describe('chartTheme', () => {
  it('reads the axis colours, the font and series colours from the page’s CSS variables', () => {
    expect(theme).toMatchObject({ muted: '#5b6472', grid: 'rgb(0 0 0 / 8%)', font: '12px Inter, sans-serif' });
    expect(theme.colour('--chart-1')).toBe('#2563eb');
  });

  it('falls back to the system font when the page names none', () => {
    expect(chartTheme(() => '').font).toBe('12px system-ui');
  });
});

describe('themedAxis', () => {
  it('styles text, grid and ticks from the theme', () => {
    expect(themedAxis(theme)).toEqual({
      stroke: '#5b6472',
      font: '12px Inter, sans-serif',
      labelFont: '12px Inter, sans-serif',
      grid: { stroke: 'rgb(0 0 0 / 8%)', width: 1 },
      ticks: { stroke: 'rgb(0 0 0 / 8%)', width: 1, size: 4 },
    });
  });

  it('makes room for a title, and lets the chart override any part', () => {
    const values = (): string[] => [];
    const axis = themedAxis(theme, { label: 'Loss', scale: 'y2', side: 1, grid: { show: false }, values, size: 56 });
    expect(axis).toMatchObject({ label: 'Loss', labelSize: 18, scale: 'y2', side: 1, grid: { show: false }, size: 56, stroke: '#5b6472' });
    expect(axis.values).toBe(values);
  });
});

describe('withAlpha', () => {
  it('turns #rgb, #rrggbb and rgb() colours into rgba with the opacity', () => {
    expect(withAlpha('#2563eb', 0.25)).toBe('rgba(37, 99, 235, 0.25)');
    expect(withAlpha('#fff', 0.5)).toBe('rgba(255, 255, 255, 0.5)');
    expect(withAlpha('rgb(12 34 56)', 0.1)).toBe('rgba(12, 34, 56, 0.1)');
    expect(withAlpha(' rgba(1, 2, 3, 1) ', 0.2)).toBe('rgba(1, 2, 3, 0.2)');
  });

  it('leaves a colour it cannot read as it is', () => {
    expect(withAlpha('steelblue', 0.3)).toBe('steelblue');
  });
});
