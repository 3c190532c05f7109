// Display math in the page: KaTeX builds the MathML with DOM calls into the element (no HTML
// string is parsed, no style attribute is written), so the app's strict CSP holds and Chromium
// draws the formula natively (MathML Core). ModelPanel's styles supply what MathML Core leaves
// to CSS: the math font, the column alignment of aligned equations, monospace text.
import katex from 'katex';
import type { Attachment } from 'svelte/attachments';
import { katexOptions } from '../../engine/report/typeset';

/** Double-struck capitals in Unicode: the Letterlike Symbols block's, then U+1D538 onwards. */
const LETTERLIKE: Readonly<Record<string, string>> = { C: 'ℂ', H: 'ℍ', N: 'ℕ', P: 'ℙ', Q: 'ℚ', R: 'ℝ', Z: 'ℤ' };

export function doubleStruck(text: string): string {
  return [...text].map((c) => LETTERLIKE[c] ?? (c >= 'A' && c <= 'Z' ? String.fromCodePoint(0x1d538 + c.charCodeAt(0) - 65) : c)).join('');
}

/**
 * MathML Core draws only mathvariant="normal"; KaTeX writes \mathbb{R} as R with
 * mathvariant="double-struck", which would show a plain R. The letter becomes ℝ itself.
 */
function toCoreMathml(root: Element): void {
  for (const mi of root.querySelectorAll('mi[mathvariant="double-struck"]')) {
    mi.textContent = doubleStruck(mi.textContent ?? '');
    mi.setAttribute('mathvariant', 'normal');
  }
}

export function displayMath(latex: string): Attachment<HTMLElement> {
  return (node) => {
    katex.render(latex, node, katexOptions('mathml'));
    toCoreMathml(node);
    return () => node.replaceChildren();
  };
}
