// Display math with KaTeX, the one typesetter of the cards. The card's LaTeX is written by
// engine/report (never from user text), so any error is a bug: it throws instead of rendering
// KaTeX's red error span, and strict mode refuses non-standard input.
import katex, { type KatexOptions } from 'katex';

/**
 * 'htmlAndMathml': KaTeX's HTML (needs its stylesheet; uses inline style attributes) with hidden
 * MathML for screen readers, for exported cards. 'mathml': MathML only, no style attributes, so
 * a page under a strict Content-Security-Policy (no inline styles) renders it natively.
 */
export type MathOutput = 'htmlAndMathml' | 'mathml';

/** The options every card formula is typeset with (katex.renderToString or, in the app, katex.render). */
export function katexOptions(output: MathOutput): KatexOptions {
  return { displayMode: true, output, throwOnError: true, strict: 'error', trust: false };
}

export function typesetDisplay(latex: string, output: MathOutput): string {
  return katex.renderToString(latex, katexOptions(output));
}
