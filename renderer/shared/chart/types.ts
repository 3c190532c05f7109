// Shapes shared by the charts and the code that prepares their data.

export interface SeriesSpec {
  label: string;
  /** A CSS custom property with the colour, e.g. '--chart-1'. */
  color: string;
  /** 'y2' puts the series on the right-hand axis. */
  scale?: 'y' | 'y2';
  width?: number;
  dash?: number[];
  /** A band edge: not drawn as a line, not in the legend or readout. */
  edge?: boolean;
  /** Dots at the points (short series). */
  points?: boolean;
}

export interface BandSpec {
  /** Indices into the series list of the upper and lower edge. */
  upper: number;
  lower: number;
  color: string;
  opacity: number;
}

export interface ChartHandle {
  /** The chart as PNG bytes, on the page's background, with a title above it. */
  toPng(title: string): Promise<Uint8Array<ArrayBuffer>>;
}
