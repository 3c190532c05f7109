// The value axis of the what-if drag chart: the range a known covariate's points are dragged
// over (its recent history and the planned values, padded), pixels ↔ values, and the steps a
// value snaps to (whole numbers for a column that only ever held whole numbers, such as a 0/1
// promotion flag). Pure, unit-tested.

export interface DragScale {
  min: number;
  max: number;
  /** Values snap to multiples of this (0 = no snapping). */
  step: number;
}

/** The axis for `values` (history and plan; NaN ignored): a quarter of the span added on each side. */
export function dragScale(values: ArrayLike<number>): DragScale {
  let lo = Infinity;
  let hi = -Infinity;
  let whole = true;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) continue;
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
    if (!Number.isInteger(v)) whole = false;
  }
  if (lo === Infinity) return { min: 0, max: 1, step: 0 };
  const span = hi - lo || Math.max(1, Math.abs(hi));
  return { min: lo - span / 4, max: hi + span / 4, step: whole ? 1 : 0 };
}

/** Pixel row (0 = top) of a value on a plot `height` pixels tall. */
export function yOf(value: number, scale: DragScale, height: number): number {
  return ((scale.max - value) / (scale.max - scale.min)) * height;
}

/** The value at pixel row `y`, kept inside the axis and snapped to its step. */
export function valueAt(y: number, scale: DragScale, height: number): number {
  const raw = scale.max - (Math.min(Math.max(y, 0), height) / height) * (scale.max - scale.min);
  return snap(raw, scale);
}

/** `value` on the scale's step (and as a short decimal when there is none: 4 significant digits). */
export function snap(value: number, scale: DragScale): number {
  if (scale.step > 0) return Math.round(value / scale.step) * scale.step;
  return Number(value.toPrecision(4));
}

/** What an arrow key adds: the step, or a fiftieth of the axis. */
export function keyStep(scale: DragScale): number {
  return scale.step > 0 ? scale.step : Number(((scale.max - scale.min) / 50).toPrecision(2));
}
