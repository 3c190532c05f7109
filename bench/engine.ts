// `npm run bench -- engine [--config S|M] [--cell rnn|lstm|gru] [--bi|--uni] [--epochs N] [--json]
//                          [--backend wasm|ts] [--no-infer]
//                          [--steps N | --instructions | --versus pytorch [--rounds N]]`
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
// Other modes: --steps N times a fixed amount of work and prints a hash of the weights (the
// determinism check); --instructions counts the instructions of a training step under valgrind
// (repeatable on a loaded machine, where times are not); --versus pytorch runs ours and the
// PyTorch peer alternately for several rounds and prints the median ratio and the load average.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createNetwork, GATES, Trainer, predict } from '../engine/nn/index';
import type { BackendKind, CellKind, Network, NetworkSpec } from '../engine/nn/index';
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

/** A network of the standard configuration and the peers' data, trained step by step. */
interface TrainingRun {
  net: Network;
  stepsPerEpoch: number;
  /** A new order of the windows (as the peers draw one per epoch). */
  shuffle(): void;
  /** Trains `count` steps on the batches `start`, `start + 1`, … of the current order. */
  steps(start: number, count: number): void;
  /** The loss of the last step. */
  readonly loss: number;
}

function trainingRun(name: 'S' | 'M', cell: CellKind, bidir: boolean, backend: BackendKind): TrainingRun {
  const cfg = CONFIGS[name];
  const { X, Y } = makeData(cfg);
  const { T, D, K, batch: B, windows: N } = cfg;
  const spec: NetworkSpec = { cell, bidirectional: bidir, layers: cfg.L, inputSize: D, hiddenSize: cfg.H, outputSize: K, dropout: 0 };
  const net = createNetwork(spec, 0);
  const trainer = new Trainer(net, { learningRate: 1e-3, loss: 'mse', seed: 0, backend });
  const rng = new Rng(1);
  const perm = new Uint32Array(N);
  const xb = new Float32Array(B * T * D), yb = new Float32Array(B * K);
  let loss = NaN;
  return {
    net,
    stepsPerEpoch: Math.floor(N / B),
    shuffle() {
      for (let i = 0; i < N; i++) perm[i] = i;
      rng.shuffle(perm);
    },
    steps(start: number, count: number) {
      for (let s = start; s < start + count; s++) {
        for (let b = 0; b < B; b++) {
          const w = perm[s * B + b];
          xb.set(X.subarray(w * T * D, (w + 1) * T * D), b * T * D);
          yb.set(Y.subarray(w * K, (w + 1) * K), b * K);
        }
        loss = trainer.trainBatch(xb, yb, B, T);
      }
    },
    get loss() {
      return loss;
    },
  };
}

/** FNV-1a over the float32 bits of the parameters: equal hashes = bit-identical weights. */
function weightsHash(net: Network): string {
  const bits = new Uint32Array(net.params.buffer, net.params.byteOffset, net.params.length);
  let h = 0x811c9dc5;
  for (let i = 0; i < bits.length; i++) {
    h = Math.imul(h ^ bits[i], 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

const cpuSeconds = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

function benchTrain(name: 'S' | 'M', cell: CellKind, bidir: boolean, epochs: number, backend: BackendKind): TrainResult {
  const cfg = CONFIGS[name];
  const run = trainingRun(name, cell, bidir, backend);
  const { stepsPerEpoch, shuffle } = run;
  const steps = (start: number, count: number): void => run.steps(start, count);
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
  const timed = (count: number): void => {
    shuffle();
    const t0 = performance.now(), c0 = cpuSeconds();
    steps(0, count);
    const scale = stepsPerEpoch / count;
    times.push(((performance.now() - t0) / 1000) * scale);
    cpuTimes.push((cpuSeconds() - c0) * scale);
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
    finalLoss: run.loss,
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

// ---- fixed work: N training steps -------------------------------------------------------------

interface StepsResult {
  kind: 'steps';
  config: 'S' | 'M';
  cell: CellKind;
  bidirectional: boolean;
  steps: number;
  secondsPerStep: number;
  cpuSecondsPerStep: number;
  finalLoss: number;
  /** Hash of the weights after the steps: the same seed must always give the same hash. */
  weightsHash: string;
  backend: BackendKind;
}

/**
 * Trains a fresh network (seed 0, first epoch's order) one untimed step (it compiles the hot
 * code), then `n` timed steps; the hash is of the weights after all 1 + n steps.
 */
function benchSteps(name: 'S' | 'M', cell: CellKind, bidir: boolean, n: number, backend: BackendKind): StepsResult {
  const run = trainingRun(name, cell, bidir, backend);
  run.shuffle();
  run.steps(0, 1);
  const t0 = performance.now(), c0 = cpuSeconds();
  run.steps(1, n);
  const wall = (performance.now() - t0) / 1000, cpu = cpuSeconds() - c0;
  return {
    kind: 'steps',
    config: name,
    cell,
    bidirectional: bidir,
    steps: n,
    secondsPerStep: wall / Math.max(1, n),
    cpuSecondsPerStep: cpu / Math.max(1, n),
    finalLoss: run.loss,
    weightsHash: weightsHash(run.net),
    backend,
  };
}

// ---- instructions per training step under valgrind ------------------------------------------

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '..');

interface InstructionsResult {
  kind: 'instructions';
  config: 'S' | 'M';
  cell: CellKind;
  bidirectional: boolean;
  /** Instructions executed per training step: (run of --steps 1 + n − run of --steps 1) / n. */
  instructionsPerStep: number;
  steps: number;
  weightsHash: string;
  backend: BackendKind;
}

/**
 * Counts the instructions a training step executes: the whole benchmark process runs under
 * valgrind (cachegrind, no cache simulation) with --steps 1 and with --steps 1 + n, and the
 * difference is divided by n, so start-up, compilation and the warm-up step cancel out. V8 runs
 * single-threaded with every WebAssembly function compiled by its optimising tier up front, so
 * the count does not depend on when a background compile finishes: it is repeatable to a few
 * parts per million, unlike a wall-clock time on a shared machine.
 */
function benchInstructions(name: 'S' | 'M', cell: CellKind, bidir: boolean, n: number, backend: BackendKind): InstructionsResult {
  const count = (steps: number): { ir: number; hash: string } => {
    const args = [
      '--tool=cachegrind', '--cache-sim=no', '--cachegrind-out-file=/dev/null',
      process.execPath, '--predictable', '--predictable-gc-schedule', '--no-liftoff', '--import', 'tsx', join(HERE, 'run.ts'), 'engine',
      '--config', name, '--cell', cell, bidir ? '--bi' : '--uni', '--steps', String(steps), '--backend', backend, '--json', '--no-infer',
    ];
    const r = spawnSync('valgrind', args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
    if (r.error) throw new Error(`--instructions needs valgrind on the PATH (Debian: apt-get install valgrind): ${r.error.message}`);
    const refs = /I\s+refs:\s+([\d,]+)/.exec(r.stderr);
    if (r.status !== 0 || !refs) {
      throw new Error(`valgrind run of ${name} ${cell} with ${steps} steps failed (exit ${r.status}): ${r.stderr.trim().split('\n').slice(-5).join(' | ')}`);
    }
    const results = JSON.parse(r.stdout.trim().split('\n').pop() as string) as StepsResult[];
    return { ir: Number(refs[1].replace(/,/g, '')), hash: results[0].weightsHash };
  };
  const base = count(1);
  const full = count(1 + n);
  return {
    kind: 'instructions',
    config: name,
    cell,
    bidirectional: bidir,
    instructionsPerStep: (full.ir - base.ir) / n,
    steps: n,
    weightsHash: full.hash,
    backend,
  };
}

// ---- against PyTorch, interleaved ---------------------------------------------------------------

const PEER_SCRIPT = resolve(ROOT, '../shared/bench-peers/run.sh');

interface PeerResult {
  secondsPerEpoch: number;
  mode: string;
  otherLoadCores: number;
}

/** What a versus run times: wall-clock seconds (as the peers do), or each process's CPU seconds. */
type Clock = 'wall' | 'cpu';

/**
 * One run of the PyTorch peer (../shared/bench-peers/run.sh) on one config × cell × direction.
 * With the 'cpu' clock the peer runs unchanged but for its timer: a sitecustomize module on
 * PYTHONPATH makes time.perf_counter read the process's CPU time (time.process_time), so its
 * epochs are timed as ours are by process.cpuUsage().
 */
function peerTrain(name: 'S' | 'M', cell: CellKind, bidir: boolean, clock: Clock): PeerResult {
  const dir = mkdtempSync(join(tmpdir(), 'tidecast-versus-'));
  const out = join(dir, 'results.jsonl');
  const env: NodeJS.ProcessEnv = { ...process.env, OUT: out };
  if (clock === 'cpu') {
    writeFileSync(join(dir, 'sitecustomize.py'), 'import time\ntime.perf_counter = time.process_time\n');
    env.PYTHONPATH = process.env.PYTHONPATH ? `${dir}:${process.env.PYTHONPATH}` : dir;
  }
  try {
    const r = spawnSync(PEER_SCRIPT, ['pytorch', '--config', name, '--cells', cell, '--dirs', bidir ? 'bi' : 'uni'], { env, encoding: 'utf8' });
    if (r.error || r.status !== 0) {
      const why = r.error ? r.error.message : r.stderr.trim().split('\n').slice(-3).join(' | ');
      throw new Error(`The PyTorch peer failed (${PEER_SCRIPT}, exit ${r.status}): ${why}. Run it alone to see its set-up.`);
    }
    const line = readFileSync(out, 'utf8').trim().split('\n').pop() as string;
    const rec = JSON.parse(line) as { s_per_epoch: number; mode: string; other_load_cores: number };
    return { secondsPerEpoch: rec.s_per_epoch, mode: rec.mode, otherLoadCores: rec.other_load_cores };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

interface VersusResult {
  kind: 'versus';
  config: 'S' | 'M';
  cell: CellKind;
  bidirectional: boolean;
  clock: Clock;
  rounds: { ours: number; pytorch: number; ratio: number; otherLoad: number }[];
  medianRatio: number;
  loadAverageBefore: number[];
  loadAverageAfter: number[];
  backend: BackendKind;
}

/**
 * Ours and PyTorch's seconds per epoch on `clock`, alternately (ours first in odd rounds,
 * PyTorch first in even ones, so a drift in the machine's load falls on both), and the median
 * of the rounds' ratios ours / PyTorch.
 */
function benchVersus(name: 'S' | 'M', cell: CellKind, bidir: boolean, rounds: number, clock: Clock, backend: BackendKind, log: (line: string) => void): VersusResult {
  const loadAverageBefore = loadavg();
  const out: VersusResult['rounds'] = [];
  for (let r = 0; r < rounds; r++) {
    let ours: TrainResult, peer: PeerResult;
    if (r % 2 === 0) {
      ours = benchTrain(name, cell, bidir, 3, backend);
      peer = peerTrain(name, cell, bidir, clock);
    } else {
      peer = peerTrain(name, cell, bidir, clock);
      ours = benchTrain(name, cell, bidir, 3, backend);
    }
    const oursSeconds = clock === 'cpu' ? ours.cpuSecondsPerEpoch : ours.secondsPerEpoch;
    const row = {
      ours: oursSeconds,
      pytorch: peer.secondsPerEpoch,
      ratio: oursSeconds / peer.secondsPerEpoch,
      // On the CPU clock the peer's own load figure is per CPU second, not per wall second.
      otherLoad: clock === 'cpu' ? ours.otherLoadCores : (ours.otherLoadCores + peer.otherLoadCores) / 2,
    };
    out.push(row);
    log(
      `  round ${r + 1}: ours ${row.ours.toFixed(3)} s  PyTorch ${row.pytorch.toFixed(3)} s  ratio ${row.ratio.toFixed(2)}×  ` +
        `other load ${row.otherLoad.toFixed(2)} cores, load average ${loadavg()[0].toFixed(2)}`,
    );
  }
  return {
    kind: 'versus',
    config: name,
    cell,
    bidirectional: bidir,
    clock,
    rounds: out,
    medianRatio: median(out.map((x) => x.ratio)),
    loadAverageBefore,
    loadAverageAfter: loadavg(),
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

const USAGE =
  'usage: npm run bench -- engine [--config S|M] [--cell rnn|lstm|gru] [--bi|--uni] [--backend wasm|ts] [--json]\n' +
  '         [--epochs N] [--no-infer]          seconds per epoch (default)\n' +
  '         --steps N                          N timed training steps of a fresh network (after one\n' +
  '                                            untimed): time and weights hash\n' +
  '         --instructions [--steps N (2)]     instructions per training step, counted under valgrind\n' +
  '         --versus pytorch [--rounds N (5)] [--clock wall|cpu]\n' +
  '                                            ours and PyTorch alternately, median ratio of N rounds';

type Mode = 'epochs' | 'steps' | 'instructions' | 'versus';

export function main(args: string[]): number {
  let configs: ('S' | 'M')[] = ['S', 'M'];
  let cells: CellKind[] = ['rnn', 'lstm', 'gru'];
  let dirs = [false, true];
  let epochs = 3;
  let json = false;
  let infer = true;
  let backend: BackendKind = 'wasm';
  let mode: Mode = 'epochs';
  let steps: number | undefined;
  let rounds = 5;
  let clock: Clock = 'wall';
  const positive = (v: string, option: string): number => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1) throw new Error(`${option} must be a positive integer, got ${v}.`);
    return n;
  };
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
    else if (a === '--epochs') epochs = positive(value(), '--epochs');
    else if (a === '--json') json = true;
    else if (a === '--no-infer') infer = false;
    else if (a === '--backend') {
      const v = value();
      if (v !== 'wasm' && v !== 'ts') throw new Error(`--backend must be wasm or ts, got ${v}.`);
      backend = v;
    } else if (a === '--steps') {
      steps = positive(value(), '--steps');
      if (mode === 'epochs') mode = 'steps';
    } else if (a === '--instructions') mode = 'instructions';
    else if (a === '--versus') {
      const v = value();
      if (v !== 'pytorch') throw new Error(`--versus compares with pytorch only, got ${v}.`);
      mode = 'versus';
    } else if (a === '--rounds') rounds = positive(value(), '--rounds');
    else if (a === '--clock') {
      const v = value();
      if (v !== 'wall' && v !== 'cpu') throw new Error(`--clock must be wall or cpu, got ${v}.`);
      clock = v;
    }
    else if (a === '--help' || a === '-h') {
      console.log(USAGE);
      return 0;
    } else throw new Error(`Unknown option ${a}.\n${USAGE}`);
  }
  const results: unknown[] = [];
  const log = (line: string): void => {
    if (!json) console.log(line);
  };
  const combos: [('S' | 'M'), CellKind, boolean][] = [];
  for (const name of configs) for (const cell of cells) for (const bidir of dirs) combos.push([name, cell, bidir]);
  const label = (name: string, cell: string, bidir: boolean): string => `${name.padEnd(6)} ${cell.padEnd(5)} ${(bidir ? 'bi' : 'uni').padEnd(4)}`;

  if (mode === 'steps') {
    log(`engine training steps (${backend} kernels, one thread): a fresh network, seed 0, one untimed step then ${steps} timed`);
    log('config cell  dir   s/step  cpu s/step  final loss   weights hash');
    for (const [name, cell, bidir] of combos) {
      const r = benchSteps(name, cell, bidir, steps as number, backend);
      results.push(r);
      log(`${label(name, cell, bidir)} ${r.secondsPerStep.toFixed(4).padStart(7)} ${r.cpuSecondsPerStep.toFixed(4).padStart(11)}  ${r.finalLoss.toPrecision(8).padEnd(11)}  ${r.weightsHash}`);
    }
  } else if (mode === 'instructions') {
    const n = steps ?? 2;
    log(`instructions per training step (${backend} kernels), counted by valgrind: (run of ${2 + n} steps − run of 2) / ${n}; repeatable, unlike time`);
    log('config cell  dir   instructions/step  FLOP/instruction  weights hash');
    for (const [name, cell, bidir] of combos) {
      const r = benchInstructions(name, cell, bidir, n, backend);
      results.push(r);
      const flopsPerStep = trainFlopsPerEpoch(CONFIGS[name], cell, bidir) / (CONFIGS[name].windows / CONFIGS[name].batch);
      log(`${label(name, cell, bidir)} ${(r.instructionsPerStep / 1e6).toFixed(2).padStart(16)}M ${(flopsPerStep / r.instructionsPerStep).toFixed(3).padStart(17)}  ${r.weightsHash}`);
    }
  } else if (mode === 'versus') {
    log(
      `engine vs PyTorch 1.13 (${PEER_SCRIPT} pytorch), one thread each, alternately, ${rounds} rounds; s/epoch as the peers measure it, ` +
        (clock === 'wall' ? 'wall-clock' : 'on each process\'s CPU-time clock'),
    );
    log(`load average before: ${loadavg().map((l) => l.toFixed(2)).join(' ')} (2 cores here: wall-clock times are noisy under load, ratios less so)`);
    for (const [name, cell, bidir] of combos) {
      log(`${label(name, cell, bidir)}`);
      const r = benchVersus(name, cell, bidir, rounds, clock, backend, log);
      results.push(r);
      const ratios = r.rounds.map((x) => x.ratio);
      log(
        `${label(name, cell, bidir)} median ${clock} ratio ${r.medianRatio.toFixed(2)}× (rounds ${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}); ` +
          `ours ${median(r.rounds.map((x) => x.ours)).toFixed(2)} s, PyTorch ${median(r.rounds.map((x) => x.pytorch)).toFixed(2)} s; ` +
          `load average ${r.loadAverageBefore[0].toFixed(2)} → ${r.loadAverageAfter[0].toFixed(2)}`,
      );
    }
  } else {
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
            `${label(name, cell, bidir)} ${r.secondsPerEpoch.toFixed(3).padStart(7)} ${r.gflops.toFixed(2).padStart(8)} ${r.cpuSecondsPerEpoch.toFixed(2).padStart(6)}  ` +
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
  }
  if (json) console.log(JSON.stringify(results));
  return 0;
}
