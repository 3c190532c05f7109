// Tick labels for time axes in the user's locale (UTC wall clock, like every dataset time).

const DAY = 86_400_000;
const cache = new Map<string, Intl.DateTimeFormat>();

function formatter(options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = JSON.stringify(options);
  let f = cache.get(key);
  if (f === undefined) {
    f = new Intl.DateTimeFormat(undefined, { timeZone: 'UTC', ...options });
    cache.set(key, f);
  }
  return f;
}

/**
 * Labels for ticks at `splits` (epoch ms) `stepMs` apart: the unit of the step decides the
 * detail (yearly ticks show the year, monthly ones month and year, …), so no two read the same.
 */
export function axisTimeLabels(splits: number[], stepMs: number): string[] {
  let options: Intl.DateTimeFormatOptions;
  if (stepMs >= 360 * DAY) options = { year: 'numeric' };
  else if (stepMs >= 28 * DAY) options = { year: 'numeric', month: 'short' };
  else if (stepMs >= DAY) options = { year: 'numeric', month: 'short', day: 'numeric' };
  else if (stepMs >= 60_000) options = { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' };
  else options = { hour: '2-digit', minute: '2-digit', second: '2-digit' };
  const f = formatter(options);
  return splits.map((t) => (Number.isFinite(t) ? f.format(t) : ''));
}
