// The system colour scheme as reactive state (charts draw on canvas, so they read colours from
// the CSS variables when built and rebuild when the scheme changes).

class ColourScheme {
  dark = $state(false);

  constructor() {
    if (typeof matchMedia !== 'function') return;
    const query = matchMedia('(prefers-color-scheme: dark)');
    this.dark = query.matches;
    query.addEventListener('change', (event) => (this.dark = event.matches));
  }
}

export const colourScheme = new ColourScheme();

/** A CSS custom property of the page, e.g. cssVar('--chart-1'). */
export function cssVar(name: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
}
