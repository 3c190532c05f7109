// Small readers for HTML under test (source and built pages).

/** The content of the page's CSP meta tag, or null when it has none. */
export function metaCsp(html: string): string | null {
  const tag = /<meta\s+http-equiv=["']Content-Security-Policy["']\s+content="([^"]*)"/i.exec(html);
  return tag ? tag[1]! : null;
}
