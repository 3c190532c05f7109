// `npm run bench -- kernels [--backend ts|wasm|both] [--quick] [--wall]`: GFLOP/s of the matrix
// products at the shapes the engine runs (configs S and M), and element-wise cell throughput.
// A product of (M×K)·(K×N) counts 2·M·N·K FLOPs. Each figure is the median of 5 timed
// repetitions of this thread's CPU time (so other processes on a shared machine do not skew the
// comparison of kernels); --wall times wall-clock instead.

import { createBackend } from '../engine/math/backend';
import type { BackendKind } from '../engine/math/backend';
import type { Backend } from '../engine/math/kernels';
import { Rng } from '../engine/math/prng';

interface Case {
  name: string;
  M: number;
  N: number;
  K: number;
  kind: 'packed' | 'gemm' | 'gemmT';
}

const CASES: Case[] = [
  { name: 'S step h·W_hhᵀ (rnn)', M: 64, N: 64, K: 64, kind: 'packed' },
  { name: 'S step h·W_hhᵀ (lstm)', M: 64, N: 256, K: 64, kind: 'packed' },
  { name: 'S step dG·W_hh (lstm)', M: 64, N: 64, K: 256, kind: 'packed' },
  { name: 'S inference step (b=256)', M: 256, N: 256, K: 64, kind: 'packed' },
  { name: 'S dW_hh = dGᵀ·H', M: 256, N: 64, K: 3008, kind: 'gemmT' },
  { name: 'S dW_ihᵀ += x_tᵀ·dG_t (D=1)', M: 1, N: 256, K: 64, kind: 'gemmT' },
  { name: 'M step h·W_hhᵀ (lstm)', M: 64, N: 512, K: 128, kind: 'packed' },
  { name: 'M step dG·W_hh (lstm)', M: 64, N: 128, K: 512, kind: 'packed' },
  { name: 'M input proj (2 steps)', M: 128, N: 512, K: 128, kind: 'packed' },
  { name: 'M dX = dG·W_ih layer 2', M: 6144, N: 128, K: 512, kind: 'packed' },
  { name: 'M dW_hh = dGᵀ·H', M: 512, N: 128, K: 6080, kind: 'gemmT' },
  { name: 'square 512³', M: 512, N: 512, K: 512, kind: 'gemm' },
];

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1];

let useWall = false;
/** Seconds now: this thread's CPU time (user + system), or wall-clock with --wall. */
function clock(): number {
  if (useWall) return performance.now() / 1000;
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

function timeIt(f: () => void, minSeconds: number): number {
  // Repeat until the batch takes minSeconds; return seconds per call (median of 5 batches).
  f();
  let reps = 1;
  for (;;) {
    const t0 = clock();
    for (let i = 0; i < reps; i++) f();
    const dt = clock() - t0;
    if (dt >= minSeconds / 5) break;
    reps *= 2;
  }
  const times: number[] = [];
  for (let r = 0; r < 5; r++) {
    const t0 = clock();
    for (let i = 0; i < reps; i++) f();
    times.push((clock() - t0) / reps);
  }
  return median(times);
}

function benchGemm(b: Backend, c: Case, minSeconds: number): number {
  const k = b.kernels;
  const { M, N, K } = c;
  const A = b.base, B = A + M * K, C = B + K * N, P = C + M * N, S = P + k.packedSize(K, N);
  b.reserve(S + k.gemmScratchSize(M, N, K) + 16);
  const heap = b.heap;
  const rng = new Rng(1);
  for (let i = A; i < P; i++) heap[i] = rng.uniform(-1, 1);
  k.packB(P, B, N, K, N, false);
  const f =
    c.kind === 'packed'
      ? () => k.gemmPacked(C, N, A, K, P, M, N, K, true)
      : () => k.gemm(C, N, A, c.kind === 'gemmT' ? M : K, c.kind === 'gemmT', B, N, M, N, K, true, S);
  return (2 * M * N * K) / timeIt(f, minSeconds) / 1e9;
}

function benchCells(b: Backend, minSeconds: number): Record<string, number> {
  const k = b.kernels;
  const B = 64, H = 128, n = B * H;
  const o = b.base;
  b.reserve(o + 16 * n);
  const heap = b.heap;
  const rng = new Rng(2);
  for (let i = o; i < o + 16 * n; i++) heap[i] = rng.uniform(-2, 2);
  const gates = o, c = o + 4 * n, tc = o + 5 * n, h = o + 6 * n, cp = o + 7 * n, dG = o + 8 * n, dc = o + 12 * n, dh = o + 13 * n;
  const perUnit = (f: () => void) => n / timeIt(f, minSeconds) / 1e6;
  return {
    'lstmForward (M units/s)': perUnit(() => {
      heap.copyWithin(gates, dG, dG + 4 * n);
      k.lstmForward(gates, c, tc, h, H, cp, B, H);
    }),
    'lstmBackward (M units/s)': perUnit(() => k.lstmBackward(dG, dc, dh, gates, cp, tc, B, H)),
  };
}

export function main(args: string[]): number {
  const which = args.includes('--backend') ? args[args.indexOf('--backend') + 1] : 'both';
  const quick = args.includes('--quick');
  const kinds: BackendKind[] = which === 'both' ? ['wasm', 'ts'] : [which as BackendKind];
  const minSeconds = quick ? 0.2 : 1;
  useWall = args.includes('--wall');
  console.log(`GFLOP/s of the products (2·M·N·K per call), median of 5, ${useWall ? 'wall-clock' : 'CPU time'}; one thread`);
  console.log(`${'shape'.padEnd(28)} ${'M×N×K'.padEnd(16)} ${kinds.map((k) => k.padStart(8)).join(' ')}`);
  for (const c of CASES) {
    if (quick && c.M * c.N * c.K > 2e8 && kinds.includes('ts')) continue;
    const row = kinds.map((kind) => {
      if (kind === 'ts' && c.M * c.N * c.K > 1e8) return '       -';
      return benchGemm(createBackend(kind), c, minSeconds).toFixed(2).padStart(8);
    });
    console.log(`${c.name.padEnd(28)} ${`${c.M}×${c.N}×${c.K}`.padEnd(16)} ${row.join(' ')}`);
  }
  for (const kind of kinds) {
    const r = benchCells(createBackend(kind), minSeconds);
    console.log(`${kind}: ${Object.entries(r).map(([name, v]) => `${name} ${v.toFixed(1)}`).join(', ')}  (B=64, H=128)`);
  }
  return 0;
}
