// The code of the standalone JavaScript predictor, as text: the exported module is this code
// after a `const MODEL = {…}` line (javascript.ts). It repeats, in plain dependency-free
// JavaScript, what the app does to forecast with a saved model: calendar features
// (engine/forecast/calendar.ts), input transforms and anchors (features.ts, windows.ts), the
// PyTorch cells (engine/nn), the ensemble rule, the baselines and the intervals (ensemble.ts).
// It is kept as text (not a function's toString) because bundlers and test transforms rewrite
// function bodies (coverage counters, name helpers) that the exported module would not have.
// test/engine/export/javascript.test.ts holds it to the app's forecasts.

export const PREDICTOR_RUNTIME = String.raw`
const DAY_MS = 86400000;
const FIXED_UNIT_MS = { millisecond: 1, second: 1000, minute: 60000, hour: 3600000, day: DAY_MS, week: 7 * DAY_MS };
const GATES = { rnn: 1, lstm: 4, gru: 3 };

/** What the model needs and gives: pass this many values (and times and covariates when listed). */
export const info = Object.freeze({
  description: MODEL.description,
  target: MODEL.target,
  horizon: MODEL.horizon,
  /** Fewest past values forecast() accepts. */
  lookback: MODEL.baseline ? 1 : Math.max(...MODEL.members.map((m) => m.lookback)),
  /** forecast() needs input.times (epoch ms, UTC wall clock) when true. */
  needsTimes: !MODEL.baseline && MODEL.calendar.length > 0,
  /** forecast() needs input.covariates[name] for each of these when the model is not a baseline. */
  covariates: MODEL.baseline ? [] : MODEL.covariates.slice(),
  frequency: MODEL.frequency,
  season: MODEL.season,
  calendar: MODEL.calendar.slice(),
  baseline: MODEL.baseline,
  members: MODEL.members.length,
});

/**
 * Forecast the next info.horizon values after the last of input.values.
 * input.values: past values of the target, oldest first (at least info.lookback; for a drift
 *   baseline, pass the whole history, as the app does).
 * input.times: epoch milliseconds of each value (same length), when info.needsTimes.
 * input.covariates: { name: values } for each name in info.covariates (same length).
 * Returns { mean, lower80, upper80, lower95, upper95 }: arrays of info.horizon numbers.
 */
export function forecast(input) {
  const values = checkedValues(input);
  const mean = MODEL.baseline ? baselineForecast(MODEL.baseline, values) : ensembleForecast(input, values);
  return withIntervals(mean);
}

/**
 * Calendar features of each time (epoch ms, UTC wall clock), row-major (times.length,
 * info.calendar.length), as the app computes them: the ONNX export's "calendar" input.
 */
export function calendarFeatures(times) {
  const names = MODEL.calendar;
  const out = new Float32Array(times.length * names.length);
  for (let t = 0; t < times.length; t++) calendarRow(toMs(times[t], t), names, out, t * names.length);
  return out;
}

// ------------------------------------------------------------------------------------------
// Input checks

function fail(message) {
  throw new Error('Tidecast model for "' + MODEL.target + '": ' + message);
}

function checkedValues(input) {
  // An array passed alone has a values() method, not values: ask for the object.
  if (input === null || typeof input !== 'object' || Array.isArray(input) || ArrayBuffer.isView(input) ||
      input.values === null || typeof input.values !== 'object') {
    fail('call forecast({ values: [...] }) with the past values of "' + MODEL.target + '", oldest first.');
  }
  const values = Array.from(input.values, Number);
  if (values.length < info.lookback) {
    fail('needs at least ' + info.lookback + ' past values (the lookback); got ' + values.length + '.');
  }
  values.forEach((v, i) => {
    if (!Number.isFinite(v)) fail('values[' + i + '] is ' + v + '; fill missing values before forecasting (the app interpolates them).');
  });
  return values;
}

function toMs(time, i) {
  const ms = time instanceof Date ? time.getTime() : time;
  if (typeof ms !== 'number' || !Number.isFinite(ms)) {
    fail('times[' + i + '] is ' + String(time) + '; pass epoch milliseconds (e.g. Date.UTC(2024, 0, 31)) or Date objects.');
  }
  return ms;
}

function aligned(list, n, what) {
  if (list === undefined || list === null || typeof list.length !== 'number') {
    fail('needs ' + what + ' (one per value); see info.');
  }
  if (list.length !== n) fail(what + ' has ' + list.length + ' entries; values has ' + n + '. Give one per value.');
  return list;
}

// ------------------------------------------------------------------------------------------
// Calendar features (the time column read as UTC wall clock)

function positiveMod(a, m) {
  return ((a % m) + m) % m;
}

/** 0 = Monday … 6 = Sunday (1970-01-01 was a Thursday). */
function mondayBasedDayOfWeek(ms) {
  return positiveMod(Math.floor(ms / DAY_MS) + 3, 7);
}

/** Frequency steps from a fixed origin, so (step mod season) is the position in the season. */
function absoluteStep(ms, frequency) {
  const step = Math.max(1, frequency.step);
  const unitMs = FIXED_UNIT_MS[frequency.unit];
  if (unitMs !== undefined) {
    const origin = frequency.unit === 'week' ? 4 * DAY_MS : 0;
    return Math.floor(Math.round((ms - origin) / unitMs) / step);
  }
  const date = new Date(ms);
  const months = date.getUTCFullYear() * 12 + date.getUTCMonth();
  switch (frequency.unit) {
    case 'month': return Math.floor(months / step);
    case 'quarter': return Math.floor(months / (3 * step));
    case 'year': return Math.floor(date.getUTCFullYear() / step);
    case 'business-day': {
      const days = Math.floor(ms / DAY_MS);
      const dow = mondayBasedDayOfWeek(ms);
      return Math.floor((5 * Math.round((days - dow) / 7) + Math.min(dow, 5)) / step);
    }
    default: throw new Error('Unknown frequency unit "' + frequency.unit + '".');
  }
}

function calendarRow(ms, names, out, offset) {
  const season = MODEL.season;
  const seasonPhase = season > 1 ? positiveMod(absoluteStep(ms, MODEL.frequency), season) / season : 0;
  const dayPhase = positiveMod(ms, DAY_MS) / DAY_MS;
  const dayOfWeek = mondayBasedDayOfWeek(ms);
  const weekPhase = (dayOfWeek + dayPhase) / 7;
  for (let c = 0; c < names.length; c++) {
    let v;
    switch (names[c]) {
      case 'season_sin': v = Math.sin(2 * Math.PI * seasonPhase); break;
      case 'season_cos': v = Math.cos(2 * Math.PI * seasonPhase); break;
      case 'day_sin': v = Math.sin(2 * Math.PI * dayPhase); break;
      case 'day_cos': v = Math.cos(2 * Math.PI * dayPhase); break;
      case 'week_sin': v = Math.sin(2 * Math.PI * weekPhase); break;
      case 'week_cos': v = Math.cos(2 * Math.PI * weekPhase); break;
      case 'weekend': v = dayOfWeek >= 5 ? 1 : 0; break;
      default: throw new Error('Unknown calendar feature "' + names[c] + '".');
    }
    out[offset + c] = v;
  }
}

// ------------------------------------------------------------------------------------------
// Networks. Weights in PyTorch's layout: per layer k and direction, weight_ih_l{k}[_reverse]
// (G·H, D), weight_hh (G·H, H), bias_ih, bias_hh (G·H); gates lstm i f g o, gru r z n; the head
// (h, H·dirs) on the last layer's final states [forward h_L, backward h_1].

function decodeFloat32(base64) {
  const binary = atob(base64);
  const view = new DataView(new ArrayBuffer(binary.length));
  for (let i = 0; i < binary.length; i++) view.setUint8(i, binary.charCodeAt(i));
  const out = new Float64Array(binary.length / 4);
  for (let i = 0; i < out.length; i++) out[i] = view.getFloat32(i * 4, true);
  return out;
}

let decoded = null;

/** Weights decoded once, on the first forecast. */
function networks() {
  if (decoded === null) {
    decoded = MODEL.members.map((m) => {
      const dirs = m.bidirectional ? 2 : 1;
      const layers = [];
      for (let k = 0; k < m.layers; k++) {
        for (let d = 0; d < dirs; d++) {
          const suffix = '_l' + k + (d === 1 ? '_reverse' : '');
          layers.push({
            wih: decodeFloat32(m.parameters['weight_ih' + suffix]),
            whh: decodeFloat32(m.parameters['weight_hh' + suffix]),
            bih: decodeFloat32(m.parameters['bias_ih' + suffix]),
            bhh: decodeFloat32(m.parameters['bias_hh' + suffix]),
          });
        }
      }
      return { member: m, layers, headWeight: decodeFloat32(m.parameters['head.weight']), headBias: decodeFloat32(m.parameters['head.bias']) };
    });
  }
  return decoded;
}

const sigmoid = (v) => 1 / (1 + Math.exp(-v));

/** The network's raw output (h) for one window x (L, F) row-major. */
function runNetwork(net, x, L, F) {
  const m = net.member;
  const H = m.hidden;
  const G = GATES[m.cell];
  const dirs = m.bidirectional ? 2 : 1;
  const gi = new Float64Array(G * H);
  const gh = new Float64Array(G * H);
  const h = new Float64Array(H);
  const c = new Float64Array(H);
  const finals = new Float64Array(dirs * H);
  let input = x;
  let D = F;
  for (let k = 0; k < m.layers; k++) {
    const output = new Float64Array(L * dirs * H);
    for (let d = 0; d < dirs; d++) {
      const p = net.layers[k * dirs + d];
      h.fill(0);
      c.fill(0);
      for (let s = 0; s < L; s++) {
        const t = d === 0 ? s : L - 1 - s;
        for (let r = 0; r < G * H; r++) {
          let a = p.bih[r];
          for (let j = 0; j < D; j++) a += p.wih[r * D + j] * input[t * D + j];
          let b = p.bhh[r];
          for (let j = 0; j < H; j++) b += p.whh[r * H + j] * h[j];
          gi[r] = a;
          gh[r] = b;
        }
        for (let i = 0; i < H; i++) {
          if (m.cell === 'rnn') {
            h[i] = Math.tanh(gi[i] + gh[i]);
          } else if (m.cell === 'lstm') {
            const ig = sigmoid(gi[i] + gh[i]);
            const fg = sigmoid(gi[H + i] + gh[H + i]);
            const gg = Math.tanh(gi[2 * H + i] + gh[2 * H + i]);
            const og = sigmoid(gi[3 * H + i] + gh[3 * H + i]);
            c[i] = fg * c[i] + ig * gg;
            h[i] = og * Math.tanh(c[i]);
          } else {
            const rg = sigmoid(gi[i] + gh[i]);
            const zg = sigmoid(gi[H + i] + gh[H + i]);
            const ng = Math.tanh(gi[2 * H + i] + rg * gh[2 * H + i]);
            h[i] = (1 - zg) * ng + zg * h[i];
          }
        }
        output.set(h, t * dirs * H + d * H);
      }
      finals.set(h, d * H);
    }
    input = output;
    D = dirs * H;
  }
  const out = new Float64Array(m.horizon);
  for (let k = 0; k < m.horizon; k++) {
    let a = net.headBias[k];
    for (let j = 0; j < dirs * H; j++) a += net.headWeight[k * dirs * H + j] * finals[j];
    out[k] = a;
  }
  return out;
}

/** One member's forecast in data units from the last L rows. */
function memberForecast(net, input, values) {
  const m = net.member;
  const L = m.lookback;
  const C = m.covariates.length;
  const K = m.calendar.length;
  const F = 1 + C + K;
  const n = values.length;
  const start = n - L;
  const tr = m.target;
  const scaled = new Float64Array(L);
  for (let j = 0; j < L; j++) {
    const v = values[start + j];
    if (tr.log && !(v > 0)) fail('values[' + (start + j) + '] is ' + v + '; this model forecasts the log of "' + MODEL.target + '", so values must be > 0.');
    scaled[j] = ((tr.log ? Math.log(v) : v) - tr.mean) / tr.std;
  }
  // The window's level (subtracted from the target channel) and the anchor added back per step.
  let level = 0;
  if (m.anchor === 'last' || m.anchor === 'season') level = scaled[L - 1];
  else if (m.anchor === 'mean') level = scaled.reduce((a, b) => a + b, 0) / L;
  const x = new Float64Array(L * F);
  for (let j = 0; j < L; j++) x[j * F] = scaled[j] - level;
  m.covariates.forEach((cov, ci) => {
    const column = aligned(input.covariates && input.covariates[cov.name], n, 'covariates["' + cov.name + '"]');
    for (let j = 0; j < L; j++) {
      const v = Number(column[start + j]);
      if (!Number.isFinite(v)) fail('covariates["' + cov.name + '"][' + (start + j) + '] is ' + v + '; fill missing values first.');
      x[j * F + 1 + ci] = (v - cov.mean) / cov.std;
    }
  });
  if (K > 0) {
    const times = aligned(input.times, n, 'times');
    const row = new Float64Array(K);
    for (let j = 0; j < L; j++) {
      calendarRow(toMs(times[start + j], start + j), m.calendar, row, 0);
      for (let c = 0; c < K; c++) x[j * F + 1 + C + c] = row[c];
    }
  }
  const out = runNetwork(net, x, L, F);
  const season = Math.max(1, m.season);
  const result = new Array(m.horizon);
  for (let k = 1; k <= m.horizon; k++) {
    const anchor = m.anchor === 'season' ? scaled[L - 1 + k - season * Math.ceil(k / season)] : level;
    const z = (out[k - 1] + anchor) * tr.std + tr.mean;
    result[k - 1] = tr.log ? Math.exp(z) : z;
  }
  return result;
}

// ------------------------------------------------------------------------------------------
// Ensemble, baselines, intervals

function median(list) {
  const s = list.slice().sort((a, b) => a - b);
  const n = s.length;
  return n % 2 ? s[(n - 1) >> 1] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
}

/** The mean of each group's members, then the median across groups, per step. */
function ensembleForecast(input, values) {
  const groups = new Map();
  networks().forEach((net) => {
    const f = memberForecast(net, input, values);
    const g = net.member.group;
    if (!groups.has(g)) groups.set(g, []);
    groups.get(g).push(f);
  });
  const means = [...groups.keys()].sort((a, b) => a - b).map((g) => {
    const list = groups.get(g);
    const out = new Array(MODEL.horizon).fill(0);
    for (const f of list) for (let k = 0; k < out.length; k++) out[k] += f[k] / list.length;
    return out;
  });
  return Array.from({ length: MODEL.horizon }, (_, k) => median(means.map((m) => m[k])));
}

function baselineForecast(name, history) {
  const n = history.length;
  const h = MODEL.horizon;
  const m = MODEL.season;
  const last = history[n - 1];
  if (name === 'snaive' && m > 1 && n >= m) return Array.from({ length: h }, (_, i) => history[n - m + (i % m)]);
  if (name === 'drift') {
    const slope = n > 1 ? (last - history[0]) / (n - 1) : 0;
    return Array.from({ length: h }, (_, i) => last + (i + 1) * slope);
  }
  return new Array(h).fill(last);
}

/** Mean ± the calibrated half-widths, in the calibration's space (log needs a positive mean). */
function withIntervals(mean) {
  const q = MODEL.intervals;
  const space = q.space === 'log' && mean.every((v) => v > 0) ? 'log' : 'identity';
  const to = (v) => (space === 'log' ? Math.log(v) : v);
  const from = (v) => (space === 'log' ? Math.exp(v) : v);
  const out = { mean: mean.slice(), lower80: [], upper80: [], lower95: [], upper95: [] };
  mean.forEach((v, k) => {
    const centre = to(v);
    const scale = space === q.space ? 1 : Math.abs(v);
    out.lower80.push(from(centre - q.q80[k] * scale));
    out.upper80.push(from(centre + q.q80[k] * scale));
    out.lower95.push(from(centre - q.q95[k] * scale));
    out.upper95.push(from(centre + q.q95[k] * scale));
  });
  return out;
}
`;
