// `npm run parity -- FILE...`: runs the engine on PyTorch reference cases (format of
// ../shared/reference/README.md) and prints one JSON line per case:
//   {"case", "maxRelErr": {"output", "h_n", "c_n", "loss", "grads"}, "pass"}
// exiting 1 when any case fails (relative error > 1e-3).
// `npm run parity -- --emit FILE` prints the engine's own results for the case in the
// reference's field names instead. `--backend ts|wasm` picks the kernels (default: fastest).

import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { loadReferenceCase, resultToReferenceJson, runReferenceCase } from '../engine/nn/reference';
import type { BackendKind } from '../engine/math/backend';

const USAGE = 'usage: npm run parity -- [--backend ts|wasm] FILE...   |   npm run parity -- --emit FILE';

export function main(args: string[]): number {
  let emit = false;
  let backend: BackendKind | undefined;
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--emit') emit = true;
    else if (a === '--backend') {
      const v = args[++i];
      if (v !== 'ts' && v !== 'wasm') throw new Error(`--backend must be "ts" or "wasm", got ${JSON.stringify(v)}.\n${USAGE}`);
      backend = v;
    } else if (a === '--help' || a === '-h') {
      console.log(USAGE);
      return 0;
    } else if (a.startsWith('--')) throw new Error(`Unknown option ${a}.\n${USAGE}`);
    else files.push(a);
  }
  if (files.length === 0 || (emit && files.length !== 1)) {
    console.error(USAGE);
    return 2;
  }
  let failed = 0;
  for (const file of files) {
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(file, 'utf8'));
    } catch (e) {
      throw new Error(`Cannot read reference case ${file}: ${(e as Error).message}`);
    }
    const rc = loadReferenceCase(json, basename(file, '.json'));
    const { result, report } = runReferenceCase(rc, backend);
    if (emit) {
      console.log(JSON.stringify(resultToReferenceJson(rc, result)));
    } else {
      console.log(JSON.stringify({ case: report.case, maxRelErr: report.maxRelErr, pass: report.pass }));
      if (!report.pass) failed++;
    }
  }
  return failed > 0 ? 1 : 0;
}

const invokedDirectly = process.argv[1] !== undefined && /parity\.ts$/.test(process.argv[1]);
if (invokedDirectly) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (e) {
    console.error(`parity: ${(e as Error).message}`);
    process.exitCode = 2;
  }
}
