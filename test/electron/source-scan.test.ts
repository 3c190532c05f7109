// Static rules over the sources, read with the TypeScript parser (comments and strings cannot
// fool it): where `electron` loads at runtime, who touches ipcRenderer and shell.openExternal,
// no blocking calls in main, the window flags written as literals at the BrowserWindow call,
// the engine's layers pointing down only, and no import cycles anywhere.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');

function listSources(dir: string, extensions = ['.ts', '.svelte']): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && entry.name !== 'build') out.push(...listSources(path, extensions));
    } else if (extensions.some((e) => entry.name.endsWith(e))) {
      out.push(path);
    }
  }
  return out;
}

/** A .svelte file's <script> bodies (the markup holds no imports), or the .ts file itself. */
function scriptOf(path: string): string {
  const text = readFileSync(join(root, path), 'utf8');
  if (!path.endsWith('.svelte')) return text;
  return [...text.matchAll(/<script[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]).join('\n');
}

const parsed = new Map<string, ts.SourceFile>();
function parse(path: string): ts.SourceFile {
  let file = parsed.get(path);
  if (!file) {
    file = ts.createSourceFile(path, scriptOf(path), ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
    parsed.set(path, file);
  }
  return file;
}

function walk(node: ts.Node, visit: (node: ts.Node) => void): void {
  visit(node);
  node.forEachChild((child) => walk(child, visit));
}

interface Hit {
  file: string;
  line: number;
  text: string;
}

function find(files: string[], match: (node: ts.Node) => boolean): Hit[] {
  const hits: Hit[] = [];
  for (const file of files) {
    const source = parse(file);
    walk(source, (node) => {
      if (match(node)) {
        const { line } = source.getLineAndCharacterOfPosition(node.getStart());
        hits.push({ file, line: line + 1, text: node.getText().slice(0, 80) });
      }
    });
  }
  return hits;
}

/** Module specifiers this file loads at runtime (type-only imports and exports excluded). */
function runtimeImports(file: string): string[] {
  const specifiers: string[] = [];
  walk(parse(file), (node) => {
    if (ts.isImportDeclaration(node) && !node.importClause?.isTypeOnly && ts.isStringLiteral(node.moduleSpecifier)) {
      // `import { type A } from 'x'` still loads x under verbatimModuleSyntax; only `import type` does not.
      specifiers.push(node.moduleSpecifier.text);
    }
    if (ts.isExportDeclaration(node) && !node.isTypeOnly && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      specifiers.push(node.moduleSpecifier.text);
    }
    if (ts.isCallExpression(node) && node.arguments.length === 1 && ts.isStringLiteral(node.arguments[0]!)) {
      const callee = node.expression;
      if ((ts.isIdentifier(callee) && callee.text === 'require') || callee.kind === ts.SyntaxKind.ImportKeyword) {
        specifiers.push((node.arguments[0] as ts.StringLiteral).text);
      }
    }
  });
  return specifiers;
}

/** Every module specifier the file names, type-only imports included (a layer rule is about design, not load order). */
function allImports(file: string): string[] {
  const specifiers: string[] = [];
  walk(parse(file), (node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      specifiers.push(node.moduleSpecifier.text);
    }
    if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && ts.isStringLiteral(node.arguments[0]!)) {
      specifiers.push((node.arguments[0] as ts.StringLiteral).text);
    }
  });
  return specifiers;
}

/** The project file a relative specifier names (null for packages and files outside the sources). */
function resolveImport(from: string, specifier: string): string | null {
  if (!specifier.startsWith('.')) return null;
  const base = normalize(join(dirname(from), specifier));
  for (const candidate of [base, `${base}.ts`, `${base}/index.ts`]) {
    if (candidate.endsWith('.ts') || candidate.endsWith('.svelte')) {
      if (existsSync(join(root, candidate))) return candidate;
    }
  }
  return null;
}

type ImportGraph = Map<string, string[]>;

function importGraph(files: string[]): ImportGraph {
  return new Map(files.map((f) => [f, allImports(f).map((s) => resolveImport(f, s)).filter((t): t is string => t !== null)]));
}

/**
 * The engine's layers, each with the layers it may import (DESIGN.md): math ← nn ← models ←
 * forecast ← export, report ← cli; data and jobs stand alone; limits.ts is open to all.
 */
const ENGINE_LAYERS: Readonly<Record<string, readonly string[]>> = {
  math: [],
  data: [],
  jobs: [],
  nn: ['math'],
  models: ['math', 'nn', 'data', 'jobs'],
  forecast: ['math', 'nn', 'data', 'jobs', 'models'],
  export: ['math', 'nn', 'data', 'models', 'forecast'],
  report: ['math', 'nn', 'data', 'models', 'forecast'],
  cli: ['math', 'nn', 'data', 'jobs', 'models', 'forecast', 'export', 'report'],
};

/** The layer of an engine file: its folder under engine/, or the file itself at the top. */
function engineLayer(file: string): string | null {
  const parts = file.split('/');
  if (parts[0] !== 'engine') return null;
  return parts.length > 2 ? parts[1]! : parts[1]!.replace(/\.ts$/, '');
}

/** Imports that break the layering: an engine layer importing a layer it may not, or the engine importing electron/ or renderer/. */
function layerViolations(graph: ImportGraph, layers: Readonly<Record<string, readonly string[]>>, open: readonly string[] = ['limits']): string[] {
  const out: string[] = [];
  for (const [from, targets] of graph) {
    const source = engineLayer(from);
    if (source === null) continue;
    for (const to of targets) {
      if (!to.startsWith('engine/')) {
        out.push(`${from} → ${to}`);
        continue;
      }
      const target = engineLayer(to)!;
      if (target === source || open.includes(target)) continue;
      const allowed = layers[source];
      // Files at the engine's top (cli.ts, the entry) may import any layer.
      if (allowed === undefined ? !(source in layers) && from.split('/').length === 2 : allowed.includes(target)) continue;
      out.push(`${from} → ${to}`);
    }
  }
  return out;
}

/** Every import cycle, each as the files around it (Tarjan's strongly connected components). */
function importCycles(graph: ImportGraph): string[][] {
  let index = 0;
  const indices = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (v: string): void => {
    indices.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!indices.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, indices.get(w)!));
      }
    }
    if (low.get(v) === indices.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (graph.get(v) ?? []).includes(v)) cycles.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!indices.has(v)) visit(v);
  return cycles;
}

const electronFiles = listSources('electron');
const rendererFiles = listSources('renderer');
const engineFiles = listSources('engine');
const benchFiles = listSources('bench');
const everyAppFile = [...electronFiles, ...rendererFiles, ...engineFiles, ...benchFiles];
const isIdentifierNamed = (name: string) => (node: ts.Node) => ts.isIdentifier(node) && node.text === name;
const isPropertyCall = (name: string) => (node: ts.Node) =>
  ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === name;

describe('source scan', () => {
  it('found the sources it scans', () => {
    expect(electronFiles).toEqual(expect.arrayContaining(['electron/main.ts', 'electron/preload.ts', 'electron/ipc.ts', 'electron/api.ts']));
    expect(rendererFiles).toEqual(expect.arrayContaining(['renderer/App.svelte', 'renderer/main.ts']));
  });

  it('loads `electron` at runtime only in electron/main.ts and electron/preload.ts', () => {
    const loaders = everyAppFile.filter((f) => runtimeImports(f).some((s) => s === 'electron' || s.startsWith('electron/')));
    expect(loaders.sort()).toEqual(['electron/main.ts', 'electron/preload.ts']);
  });

  it('never loads @electron/remote', () => {
    expect(everyAppFile.filter((f) => runtimeImports(f).some((s) => s.startsWith('@electron/remote')))).toEqual([]);
  });

  it('the renderer imports only types from electron/, and no Node built-ins', () => {
    for (const file of rendererFiles) {
      for (const specifier of runtimeImports(file)) {
        expect(specifier.startsWith('node:'), `${file} imports ${specifier}`).toBe(false);
        expect(specifier.includes('/electron/'), `${file} loads ${specifier} at runtime`).toBe(false);
      }
    }
  });

  it('uses ipcRenderer only in the preload', () => {
    const hits = find([...electronFiles, ...rendererFiles], isIdentifierNamed('ipcRenderer'));
    expect([...new Set(hits.map((h) => h.file))]).toEqual(['electron/preload.ts']);
  });

  it('calls exposeInMainWorld exactly once, with createApi', () => {
    const hits = find([...electronFiles, ...rendererFiles], isPropertyCall('exposeInMainWorld'));
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ file: 'electron/preload.ts' });
    expect(hits[0]!.text).toBe("contextBridge.exposeInMainWorld('tidecast', createApi(ipcRenderer))");
  });

  it('never blocks the main process: no sendSync, no fs.*Sync', () => {
    const blocking = find(electronFiles, (node) => ts.isIdentifier(node) && /^(sendSync|\w+Sync)$/.test(node.text) && node.text !== 'sync');
    expect(blocking).toEqual([]);
  });

  it('calls shell.openExternal only in electron/navigation.ts', () => {
    const hits = find(everyAppFile, isPropertyCall('openExternal'));
    expect([...new Set(hits.map((h) => h.file))]).toEqual(['electron/navigation.ts']);
  });

  it('never writes an unsafe webPreferences value anywhere', () => {
    const unsafe: Record<string, ts.SyntaxKind> = {
      contextIsolation: ts.SyntaxKind.FalseKeyword,
      sandbox: ts.SyntaxKind.FalseKeyword,
      webSecurity: ts.SyntaxKind.FalseKeyword,
      nodeIntegration: ts.SyntaxKind.TrueKeyword,
      nodeIntegrationInWorker: ts.SyntaxKind.TrueKeyword,
      nodeIntegrationInSubFrames: ts.SyntaxKind.TrueKeyword,
      allowRunningInsecureContent: ts.SyntaxKind.TrueKeyword,
      webviewTag: ts.SyntaxKind.TrueKeyword,
    };
    const hits = find(electronFiles, (node) => {
      if (!ts.isPropertyAssignment(node) || !ts.isIdentifier(node.name)) return false;
      const name = node.name.text;
      if (name === 'experimentalFeatures' || name === 'enableBlinkFeatures') return true;
      return unsafe[name] !== undefined && node.initializer.kind === unsafe[name];
    });
    expect(hits).toEqual([]);
  });

  it('writes the security flags as literals inside `new BrowserWindow({...})` in main.ts', () => {
    const calls = find(['electron/main.ts'], (node) => ts.isNewExpression(node) && node.expression.getText() === 'BrowserWindow');
    expect(calls).toHaveLength(1);
    let prefs: Map<string, string> | null = null;
    walk(parse('electron/main.ts'), (node) => {
      if (!ts.isNewExpression(node) || node.expression.getText() !== 'BrowserWindow') return;
      const options = node.arguments?.[0];
      if (!options || !ts.isObjectLiteralExpression(options)) return;
      for (const property of options.properties) {
        if (ts.isPropertyAssignment(property) && property.name.getText() === 'webPreferences' && ts.isObjectLiteralExpression(property.initializer)) {
          prefs = new Map();
          for (const p of property.initializer.properties) if (ts.isPropertyAssignment(p)) prefs.set(p.name.getText(), p.initializer.getText());
        }
      }
    });
    expect(prefs).not.toBeNull();
    expect(Object.fromEntries(prefs!)).toMatchObject({
      contextIsolation: 'true',
      sandbox: 'true',
      nodeIntegration: 'false',
      nodeIntegrationInWorker: 'false',
      nodeIntegrationInSubFrames: 'false',
      webSecurity: 'true',
      allowRunningInsecureContent: 'false',
      webviewTag: 'false',
    });
  });

  it('main.ts sets every guard: sandbox, single instance, navigation, permissions, protocol, IPC', () => {
    const main = readFileSync(join(root, 'electron/main.ts'), 'utf8');
    for (const required of [
      'app.enableSandbox()',
      'app.requestSingleInstanceLock()',
      "app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, page.origin, shell))",
      'setPermissionRequestHandler',
      'setPermissionCheckHandler',
      'registerSchemesAsPrivileged',
      'protocol.handle(APP_SCHEME',
      'registerHandlers(ipcMain',
    ]) {
      expect(main, required).toContain(required);
    }
    // The page comes from the app:// protocol (or the dev server), never from file://.
    expect(main).not.toMatch(/loadFile\(|file:\/\//);
  });

  it('renders no raw HTML in the renderer ({@html} would bypass escaping)', () => {
    for (const file of rendererFiles.filter((f) => f.endsWith('.svelte'))) {
      expect(readFileSync(join(root, file), 'utf8'), file).not.toContain('{@html');
    }
  });

  it('keeps the engine\'s layers pointing down, and the engine free of electron/ and renderer/', () => {
    const graph = importGraph(engineFiles);
    expect([...graph.values()].flat().length).toBeGreaterThan(200);
    expect(layerViolations(graph, ENGINE_LAYERS)).toEqual([]);
    // Every engine folder has its rule (a new folder must be placed in the layers).
    const folders = new Set(engineFiles.filter((f) => f.split('/').length > 2).map((f) => f.split('/')[1]));
    expect([...folders].filter((f) => !(f in ENGINE_LAYERS) && f !== 'limits')).toEqual([]);
  });

  it('has no import cycle in the engine, the main process or the renderer', () => {
    expect(importCycles(importGraph([...engineFiles, ...electronFiles, ...rendererFiles]))).toEqual([]);
  });

  it('the layer and cycle rules catch what they are meant to (on a small made-up graph)', () => {
    const graph: ImportGraph = new Map([
      ['engine/jobs/pool.ts', ['engine/forecast/pipeline.ts']],
      ['engine/forecast/pipeline.ts', ['engine/forecast/scheduler.ts', 'engine/jobs/pool.ts', 'electron/ipc.ts']],
      ['engine/forecast/scheduler.ts', ['engine/forecast/pipeline.ts']],
      ['engine/nn/trainer.ts', ['engine/math/kernels.ts']],
    ]);
    expect(layerViolations(graph, ENGINE_LAYERS)).toEqual(['engine/jobs/pool.ts → engine/forecast/pipeline.ts', 'engine/forecast/pipeline.ts → electron/ipc.ts']);
    expect(importCycles(graph)).toEqual([['engine/forecast/pipeline.ts', 'engine/forecast/scheduler.ts', 'engine/jobs/pool.ts']]);
  });

  it('points this scan at real code (a sanity check on the matcher)', () => {
    expect(find(['electron/main.ts'], isIdentifierNamed('BrowserWindow')).length).toBeGreaterThan(2);
    expect(relative(root, join(root, 'electron/main.ts'))).toBe('electron/main.ts');
  });
});
