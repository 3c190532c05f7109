// Writing timestamps back in the style the input used, so a forecast continues the user's own
// index (2024-03, 2024-03-31, 2024-03-31T13:30:00, 31/03/2024, 1711891800, …). Each style's
// writer lives with its format in time-formats/.
import { styleWriter } from './time-formats';
import type { TimeStyle } from './types';

/** `ms` (epoch milliseconds, or the number for a numbered index) written in `style`; '' when not finite. */
export function formatTime(ms: number, style: TimeStyle): string {
  if (!Number.isFinite(ms)) return '';
  return styleWriter(style).format(ms, style);
}

/** A short human name of the style for the import report, e.g. "DD/MM/YYYY". */
export function describeTimeStyle(style: TimeStyle): string {
  return styleWriter(style).describe(style);
}
