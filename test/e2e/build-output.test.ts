// What `npm run build` produced (npm run test:e2e builds first): every bundle present, the
// built page under the strict CSP with no inline code, the sandboxed preload requiring only
// "electron", and main-side bundles that need nothing from node_modules at runtime.
import { builtinModules } from 'node:module';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../electron/csp';
import { metaCsp } from '../electron/html';

const out = join(import.meta.dirname, '../../out');
const read = (path: string) => readFileSync(join(out, path), 'utf8');

/** out/main's JavaScript files, shared chunks included, as paths relative to out/. */
const mainBundles = (): string[] =>
  (readdirSync(join(out, 'main'), { recursive: true }) as string[]).filter((f) => f.endsWith('.js')).map((f) => `main/${f}`);

/** Every module a built JS file loads: static and dynamic imports, re-exports and require(). */
function loadedModules(code: string): string[] {
  const source = ts.createSourceFile('bundle.js', code, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push(node.moduleSpecifier.text);
    }
    if (ts.isCallExpression(node)) {
      const callee = node.expression;
      const isLoader = (ts.isIdentifier(callee) && callee.text === 'require') || callee.kind === ts.SyntaxKind.ImportKeyword;
      if (isLoader) {
        const arg = node.arguments[0];
        found.push(arg && ts.isStringLiteral(arg) ? arg.text : `<computed: ${arg?.getText() ?? ''}>`);
      }
    }
    node.forEachChild(visit);
  };
  visit(source);
  return found;
}

describe('build output', () => {
  it('has every bundle: main, worker, CLI, preload, renderer', () => {
    for (const path of ['main/main.js', 'main/worker.js', 'main/cli.js', 'preload/preload.cjs', 'renderer/index.html']) {
      expect(existsSync(join(out, path)), `out/${path}`).toBe(true);
    }
  });

  it('serves the renderer under the exact CSP, as a meta tag', () => {
    expect(metaCsp(read('renderer/index.html'))).toBe(CONTENT_SECURITY_POLICY);
  });

  it('has no inline script, inline handler or inline style in the built page', () => {
    const html = read('renderer/index.html');
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, body] of scripts) {
      expect(attributes, 'every script is external').toMatch(/\bsrc=/);
      expect(attributes).toMatch(/type="module"/);
      expect(body!.trim()).toBe('');
    }
    expect(html).not.toMatch(/\son[a-z]+\s*=/i);
    expect(html).not.toMatch(/<style\b/i);
    expect(html).not.toMatch(/\sstyle\s*=/i);
    expect(html).not.toMatch(/javascript:/i);
  });

  it('loads every page asset from its own origin', () => {
    const html = read('renderer/index.html');
    for (const [, url] of html.matchAll(/\s(?:src|href)="([^"]+)"/g)) expect(url, url).toMatch(/^\.?\//);
  });

  it('bundles the preload as CommonJS that requires only "electron" (sandboxed preloads can load nothing else)', () => {
    const code = read('preload/preload.cjs');
    expect(loadedModules(code)).toEqual(['electron']);
    expect(code).not.toMatch(/^\s*import\s/m);
    expect(code).toContain('exposeInMainWorld("tidecast"');
  });

  // Loads whose module name is computed at run time, reviewed one by one.
  const REVIEWED_COMPUTED_LOADS = [
    {
      expression: 'manifestPath',
      reason: 'engine/jobs/spawn.ts finds tsx only for a .ts worker entry (dev, tests); the built worker is out/main/worker.js',
    },
  ];

  it('needs nothing from node_modules at runtime in main, worker and CLI (electron-builder ships none)', () => {
    const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
    expect(mainBundles()).toEqual(expect.arrayContaining(['main/main.js', 'main/worker.js', 'main/cli.js']));
    for (const file of mainBundles()) {
      for (const specifier of loadedModules(read(file))) {
        const computed = /^<computed: (.*)>$/.exec(specifier)?.[1];
        const ok =
          computed !== undefined
            ? REVIEWED_COMPUTED_LOADS.some((r) => r.expression === computed)
            : builtins.has(specifier) || specifier === 'electron' || specifier.startsWith('./') || specifier.startsWith('../');
        expect(ok, `out/${file} loads ${specifier}`).toBe(true);
      }
    }
  });

  it('loads electron only from main.js: the worker, the CLI and shared chunks run under plain Node', () => {
    for (const file of mainBundles().filter((f) => f !== 'main/main.js')) {
      expect(loadedModules(read(file)), file).not.toContain('electron');
    }
  });
});
