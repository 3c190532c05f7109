// `npm run bench -- <name> [args]`: runs bench/<name>.ts's exported `main(args)`. Benchmarks
// print figures; they are not tests. A non-zero number returned by main becomes the exit code.

import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

function available(): string[] {
  return readdirSync(here)
    .filter((f) => f.endsWith('.ts') && f !== 'run.ts')
    .map((f) => f.slice(0, -3))
    .sort();
}

async function run(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h') {
    console.log(`usage: npm run bench -- <name> [args]\nbenchmarks: ${available().join(', ')}`);
    return name ? 0 : 2;
  }
  const file = join(here, `${name}.ts`);
  if (!/^[a-z][a-z0-9-]*$/.test(name) || !existsSync(file)) {
    console.error(`bench: no benchmark "${name}" (bench/${name}.ts). Available: ${available().join(', ')}`);
    return 2;
  }
  const mod = (await import(pathToFileURL(file).href)) as { main?: (args: string[]) => unknown };
  if (typeof mod.main !== 'function') {
    console.error(`bench: bench/${name}.ts does not export main(args: string[]).`);
    return 2;
  }
  const code = await mod.main(args);
  return typeof code === 'number' ? code : 0;
}

run(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    console.error(`bench: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    process.exitCode = 1;
  },
);
