// `npm run bench -- engine [--config S|M] [--cell rnn|lstm|gru] [--bi|--uni] [--epochs N] [--json]
//                          [--backend wasm|ts] [--no-infer]`
// Trains the standard configurations the way ../shared/bench-peers/ does for PyTorch and
// TensorFlow.js (same data, same networks, same timing protocol) and prints seconds per epoch
// and GFLOP/s per config × cell × direction, the inference throughput of config S LSTM at
// batch 256, and the peak RSS of config M training. One thread.
//
// FLOP formula (identical to ../shared/bench-peers/flops.js and common_flops.py):
//   forward per window = Σ_layers dirs · T · 2·G·H·(D_in + H)  +  2·K·dirs·H
//   with G = 1 / 4 / 3 for rnn / lstm / gru, D_in = D for layer 1 and dirs·H above;
//   training FLOPs per epoch = 3 × forward per window × windows (backward ≈ 2× forward).
// Configs: S: T=48, D=1, H=64, 1 layer, K=12; M: T=96, D=4, H=128, 2 layers, K=24;
//   batch 64, 8192 windows per epoch, MSE, Adam lr 1e-3.
// Timing: one warm-up epoch (cut short once a 6 s chunk shows the epoch is long), then the
// median of N epochs (default 3); an epoch projected above 20 s is timed as N chunks of ≥ 6 s
// of steps and extrapolated to the 128 steps of an epoch, as the peers do ("extrapolated").

import { readFileSync } from 'node:fs';
import { createNetwork, Trainer, predict } from '../engine/nn/index';
import type { BackendKind, CellKind, NetworkSpec } from '../engine/nn/index';
import { Rng } from '../engine/math/prng';

interface Config {
  T: number;
  D: number;
  H: number;
  L: number;
  K: number;
  batch: number;
  windows: number;
}

const CONFIGS: Record<'S' | 'M', Config> = {
  S: { T: 48, D: 1, H: 64, L: 1, K: 12, batch: 64, windows: 8192 },
  M: { T: 96, D: 4, H: 128, L: 2, K: 24, batch: 64, windows: 8192 },
};
const GATES: Record<CellKind, number> = { rnn: 1, gru: 3, lstm: 4 };
const FULL_EPOCH_CAP_S = 20;
const CHUNK_S = 6;

export function forwardFlopsPerWindow(cfg: Config, cell: CellKind, bidir: boolean): number {
  const G = GATES[cell];
  const dirs = bidir ? 2 : 1;
  let total = 0;
  let dIn = cfg.D;
  for (let l = 0; l < cfg.L; l++) {
    total += dirs * cfg.T * 2 * G * cfg.H * (dIn + cfg.H);
    dIn = dirs * cfg.H;
  }
  return total + 2 * cfg.K * dirs * cfg.H;
}

export function trainFlopsPerEpoch(cfg: Config, cell: CellKind, bidir: boolean): number {
  return 3 * forwardFlopsPerWindow(cfg, cell, bidir) * cfg.windows;
}

/**
 * The peers' synthetic data, exactly flops.js makeData: a sine per feature plus noise, target
 * feature 0. (Its generator multiplies in doubles, inexactly above 2^53; kept as is so the
 * numbers are the same.)
 */
export function makeData(cfg: Config, seed = 0): { X: Float32Array; Y: Float32Array } {
  let s = seed * 2654435761 + 12345;
  const rand = (): number => {
    s = (s * 1103515245 + 12345) >>> 0;
    return s / 4294967296;
  };
  const gauss = (): number => Math.sqrt(-2 * Math.log(rand() + 1e-12)) * Math.cos(2 * Math.PI * rand());
  const { T, D, K, windows: N } = cfg;
  const n = N + T + K;
  const series = new Float32Array(n * D);
  for (let t = 0; t < n; t++) for (let d = 0; d < D; d++) series[t * D + d] = Math.sin((2 * Math.PI * t) / (24 * (d + 1))) + 0.1 * gauss();
  const X = new Float32Array(N * T * D);
  const Y = new Float32Array(N * K);
  for (let i = 0; i < N; i++) {
    X.set(series.subarray(i * D, (i + T) * D), i * T * D);
    for (let k = 0; k < K; k++) Y[i * K + k] = series[(i + T + k) * D];
  }
  return { X, Y };
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** CPU seconds used by other processes per wall second since `snap` (as the peers report it). */
function cpuSnap(): [number, number, number] {
  let busy = 0;
  try {
    const v = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1, 9).map(Number);
    busy = (v.reduce((a, b) => a + b, 0) - v[3] - v[4]) / 100;
  } catch {
    busy = NaN; // not Linux
  }
  const u = process.cpuUsage();
  return [busy, (u.user + u.system) / 1e6, performance.now() / 1000];
}
function otherLoad(s0: [number, number, number]): number {
  const s1 = cpuSnap();
  return Math.round(Math.max(0, (s1[0] - s0[0] - (s1[1] - s0[1])) / (s1[2] - s0[2])) * 100) / 100;
}

interface TrainResult {
  kind: 'train';
  config: 'S' | 'M';
  cell: CellKind;
  bidirectional: boolean;
  secondsPerEpoch: number;
  gflops: number;
  mode: 'full' | 'extrapolated';
  stepsTimed: number;
  epochSamples: number[];
  /** This thread's CPU seconds per epoch (median): what an idle core would take. */
  cpuSecondsPerEpoch: number;
  finalLoss: number;
  otherLoadCores: number;
  backend: BackendKind;
}

function benchTrain(name: 'S' | 'M', cell: CellKind, bidir: boolean, epochs: number, backend: BackendKind): TrainResult {
  const cfg = CONFIGS[name];
  const { X, Y } = makeData(cfg);
  const { T, D, K, batch: B, windows: N } = cfg;
  const stepsPerEpoch = Math.floor(N / B);
  const spec: NetworkSpec = { cell, bidirectional: bidir, layers: cfg.L, inputSize: D, hiddenSize: cfg.H, outputSize: K, dropout: 0 };
  const net = createNetwork(spec, 0);
  const trainer = new Trainer(net, { learningRate: 1e-3, loss: 'mse', seed: 0, backend });
  const rng = new Rng(1);
  const perm = new Uint32Array(N);
  const xb = new Float32Array(B * T * D), yb = new Float32Array(B * K);
  const shuffle = (): void => {
    for (let i = 0; i < N; i++) perm[i] = i;
    rng.shuffle(perm);
  };
  let loss = NaN;
  const steps = (start: number, count: number): void => {
    for (let s = start; s < start + count; s++) {
      for (let b = 0; b < B; b++) {
        const w = perm[s * B + b];
        xb.set(X.subarray(w * T * D, (w + 1) * T * D), b * T * D);
        yb.set(Y.subarray(w * K, (w + 1) * K), b * K);
      }
      loss = trainer.trainBatch(xb, yb, B, T);
    }
  };
  const snap = cpuSnap();
  // Warm-up, cut short once a chunk shows the epoch is long.
  shuffle();
  steps(0, 2);
  const t1 = performance.now();
  let done = 2;
  while (done < stepsPerEpoch && (performance.now() - t1) / 1000 < CHUNK_S) steps(done++, 1);
  const perStep = (performance.now() - t1) / 1000 / Math.max(1, done - 2);
  const times: number[] = [];
  const cpuTimes: number[] = [];
  const cpuNow = (): number => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1e6;
  };
  const timed = (count: number): void => {
    shuffle();
    const t0 = performance.now(), c0 = cpuNow();
    steps(0, count);
    const scale = stepsPerEpoch / count;
    times.push(((performance.now() - t0) / 1000) * scale);
    cpuTimes.push((cpuNow() - c0) * scale);
  };
  let mode: 'full' | 'extrapolated';
  let stepsTimed: number;
  if (perStep * stepsPerEpoch <= FULL_EPOCH_CAP_S) {
    if (done < stepsPerEpoch) steps(done, stepsPerEpoch - done);
    for (let e = 0; e < epochs; e++) timed(stepsPerEpoch);
    mode = 'full';
    stepsTimed = stepsPerEpoch;
  } else {
    stepsTimed = Math.max(4, Math.min(stepsPerEpoch, Math.ceil(CHUNK_S / perStep)));
    for (let e = 0; e < epochs; e++) timed(stepsTimed);
    mode = 'extrapolated';
  }
  const secondsPerEpoch = median(times);
  return {
    kind: 'train',
    config: name,
    cell,
    bidirectional: bidir,
    secondsPerEpoch,
    gflops: trainFlopsPerEpoch(cfg, cell, bidir) / secondsPerEpoch / 1e9,
    mode,
    stepsTimed,
    epochSamples: times,
    cpuSecondsPerEpoch: median(cpuTimes),
    finalLoss: loss,
    otherLoadCores: otherLoad(snap),
    backend,
  };
}

interface InferResult {
  kind: 'inference';
  config: 'S';
  cell: 'lstm';
  bidirectional: false;
  batch: number;
  windowsPerSecond: number;
  gflops: number;
  otherLoadCores: number;
  backend: BackendKind;
}

/** Config S LSTM uni, batches of 256 over the 8192 windows (as the peers' bench_infer). */
function benchInfer(backend: BackendKind, repeats: number): InferResult {
  const cfg = CONFIGS.S;
  const { X } = makeData(cfg);
  const spec: NetworkSpec = { cell: 'lstm', bidirectional: false, layers: 1, inputSize: cfg.D, hiddenSize: cfg.H, outputSize: cfg.K, dropout: 0 };
  const net = createNetwork(spec, 0);
  const B = 256, per = cfg.T * cfg.D;
  const out = new Float32Array(B * cfg.K);
  const pass = (): void => {
    for (let i = 0; i < cfg.windows; i += B) {
      const rows = Math.min(B, cfg.windows - i);
      predict(net, X.subarray(i * per, (i + rows) * per), rows, cfg.T, out, backend);
    }
  };
  const snap = cpuSnap();
  pass();
  const times: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const t0 = performance.now();
    pass();
    times.push((performance.now() - t0) / 1000);
  }
  const wps = cfg.windows / median(times);
  return {
    kind: 'inference',
    config: 'S',
    cell: 'lstm',
    bidirectional: false,
    batch: B,
    windowsPerSecond: wps,
    gflops: (wps * forwardFlopsPerWindow(cfg, 'lstm', false)) / 1e9,
    otherLoadCores: otherLoad(snap),
    backend,
  };
}

const PEERS: Record<string, [number, number]> = {
  // seconds per epoch, uni / bi: PyTorch 1.13 CPU one thread (../shared/bench-peers/README.md)
  'S rnn': [0.38, 0.85],
  'S lstm': [1.73, 4.02],
  'S gru': [1.18, 2.77],
  'M lstm': [19.7, 44.2],
  'M gru': [18.8, 40.3],
};

const USAGE = 'usage: npm run bench -- engine [--config S|M] [--cell rnn|lstm|gru] [--bi|--uni] [--epochs N] [--json] [--backend wasm|ts] [--no-infer]';

export function main(args: string[]): number {
  let configs: ('S' | 'M')[] = ['S', 'M'];
  let cells: CellKind[] = ['rnn', 'lstm', 'gru'];
  let dirs = [false, true];
  let epochs = 3;
  let json = false;
  let infer = true;
  let backend: BackendKind = 'wasm';
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const value = (): string => {
      const v = args[++i];
      if (v === undefined) throw new Error(`${a} needs a value.\n${USAGE}`);
      return v;
    };
    if (a === '--config') {
      const v = value().toUpperCase();
      if (v !== 'S' && v !== 'M') throw new Error(`--config must be S or M, got ${v}.`);
      configs = [v];
    } else if (a === '--cell') {
      const v = value();
      if (v !== 'rnn' && v !== 'lstm' && v !== 'gru') throw new Error(`--cell must be rnn, lstm or gru, got ${v}.`);
      cells = [v];
    } else if (a === '--bi') dirs = [true];
    else if (a === '--uni') dirs = [false];
    else if (a === '--epochs') {
      epochs = Number(value());
      if (!Number.isInteger(epochs) || epochs < 1) throw new Error('--epochs must be a positive integer.');
    } else if (a === '--json') json = true;
    else if (a === '--no-infer') infer = false;
    else if (a === '--backend') {
      const v = value();
      if (v !== 'wasm' && v !== 'ts') throw new Error(`--backend must be wasm or ts, got ${v}.`);
      backend = v;
    } else if (a === '--help' || a === '-h') {
      console.log(USAGE);
      return 0;
    } else throw new Error(`Unknown option ${a}.\n${USAGE}`);
  }
  const results: unknown[] = [];
  const log = (line: string): void => {
    if (!json) console.log(line);
  };
  log(`engine benchmark (${backend} kernels, one thread; FLOPs as ../shared/bench-peers/flops.js; median of ${epochs})`);
  log('wall s/epoch and GFLOP/s as the peers measure them; "cpu s" = this thread\'s CPU time per epoch; other load = cores used by other processes meanwhile');
  log(`mode: "full" = median of ${epochs} whole epochs; "extrapolated (n)" = median of ${epochs} runs of n steps scaled to the epoch's 128 steps (epochs over ${FULL_EPOCH_CAP_S} s, as the peers do)`);
  log('config cell  dir  s/epoch  GFLOP/s  cpu s  mode (steps timed)   PyTorch s/epoch  ratio  other load');
  for (const name of configs) {
    for (const cell of cells) {
      for (const bidir of dirs) {
        const r = benchTrain(name, cell, bidir, epochs, backend);
        results.push(r);
        const peer = PEERS[`${name} ${cell}`]?.[bidir ? 1 : 0];
        log(
          `${name.padEnd(6)} ${cell.padEnd(5)} ${(bidir ? 'bi' : 'uni').padEnd(4)} ${r.secondsPerEpoch.toFixed(3).padStart(7)} ${r.gflops.toFixed(2).padStart(8)} ${r.cpuSecondsPerEpoch.toFixed(2).padStart(6)}  ` +
            `${`${r.mode} (${r.stepsTimed})`.padEnd(19)} ${peer === undefined ? '—'.padStart(15) : peer.toFixed(2).padStart(15)} ` +
            `${peer === undefined ? '—'.padStart(6) : `${(r.secondsPerEpoch / peer).toFixed(2)}×`.padStart(6)}  ${r.otherLoadCores.toFixed(2)}`,
        );
      }
    }
    if (name === 'M') {
      const rss = process.resourceUsage().maxRSS * 1024;
      results.push({ kind: 'memory', config: 'M', peakRssBytes: rss, note: 'peak RSS of the benchmark process through config M training' });
      log(`peak RSS (config M training, whole process): ${(rss / 2 ** 20).toFixed(0)} MiB`);
    }
  }
  if (infer) {
    const r = benchInfer(backend, epochs);
    results.push(r);
    log(`inference S lstm uni, batch 256: ${r.windowsPerSecond.toFixed(0)} windows/s (${r.gflops.toFixed(2)} GFLOP/s; PyTorch 22,400, TF.js wasm 4,500) other load ${r.otherLoadCores}`);
  }
  if (json) console.log(JSON.stringify(results));
  return 0;
}
