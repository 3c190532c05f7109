// The policy itself and the source page's meta tag (the built page is checked in test/e2e).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, parseCsp } from '../../electron/csp';
import { metaCsp } from './html';

describe('Content-Security-Policy', () => {
  const directives = parseCsp(CONTENT_SECURITY_POLICY);

  it('is the reviewed policy, word for word', () => {
    expect(CONTENT_SECURITY_POLICY).toBe(
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'",
    );
  });

  it('allows no eval, no inline code, no remote origin, no blob: worker', () => {
    for (const [name, sources] of directives) {
      expect(sources, name).not.toContain("'unsafe-eval'");
      expect(sources, name).not.toContain("'unsafe-inline'");
      expect(sources, name).not.toContain("'wasm-unsafe-eval'");
      for (const source of sources) {
        expect(source, `${name} ${source}`).toMatch(/^('self'|'none'|data:)$/);
      }
    }
    expect(directives.get('worker-src')).toEqual(["'self'"]);
    expect(directives.get('default-src')).toEqual(["'none'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
  });

  it('is in renderer/index.html as a meta tag, identical to the header', () => {
    const html = readFileSync(join(import.meta.dirname, '../../renderer/index.html'), 'utf8');
    expect(metaCsp(html)).toBe(CONTENT_SECURITY_POLICY);
  });

  it('parses directives case-insensitively and keeps the first of a repeated one', () => {
    const parsed = parseCsp("Script-Src 'self'; script-src 'unsafe-inline';  ; img-src data:");
    expect(parsed.get('script-src')).toEqual(["'self'"]);
    expect(parsed.get('img-src')).toEqual(['data:']);
  });
});
