// Saving and loading a network as versioned JSON: the spec plus every parameter by PyTorch
// name, as base64 of its little-endian float32 bytes (exact round trip, compact).

import { allocateNetwork, parameterNames } from './network';
import type { Network } from './network';
import { describeSpec, validateSpec } from './spec';
import type { NetworkSpec } from './spec';

export const NETWORK_FORMAT = 'tidecast-network';
export const NETWORK_FORMAT_VERSION = 1;

export interface SavedParameter {
  shape: number[];
  dtype: 'float32';
  /** base64 of the row-major values as little-endian IEEE-754 float32. */
  data: string;
}

export interface NetworkJson {
  format: typeof NETWORK_FORMAT;
  version: typeof NETWORK_FORMAT_VERSION;
  spec: NetworkSpec;
  /** Every parameter by PyTorch name, in parameterNames() order. */
  parameters: Record<string, SavedParameter>;
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DECODE = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) DECODE[ALPHABET.charCodeAt(i)] = i;

function toBase64(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    out += ALPHABET[n >> 18] + ALPHABET[(n >> 12) & 63] + ALPHABET[(n >> 6) & 63] + ALPHABET[n & 63];
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i] << 16;
    out += ALPHABET[n >> 18] + ALPHABET[(n >> 12) & 63] + '==';
  } else if (rest === 2) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8);
    out += ALPHABET[n >> 18] + ALPHABET[(n >> 12) & 63] + ALPHABET[(n >> 6) & 63] + '=';
  }
  return out;
}

function fromBase64(text: string, where: string): Uint8Array {
  if (text.length % 4 !== 0) throw new Error(`${where}: base64 length ${text.length} is not a multiple of 4.`);
  const pad = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const out = new Uint8Array((text.length / 4) * 3 - pad);
  let o = 0;
  for (let i = 0; i < text.length; i += 4) {
    let n = 0;
    for (let j = 0; j < 4; j++) {
      const ch = text.charCodeAt(i + j);
      const isPad = ch === 61 && i + j >= text.length - pad;
      const v = isPad ? 0 : ch < 128 ? DECODE[ch] : -1;
      if (v < 0) throw new Error(`${where}: invalid base64 character at position ${i + j}.`);
      n = (n << 6) | v;
    }
    if (o < out.length) out[o++] = n >> 16;
    if (o < out.length) out[o++] = (n >> 8) & 255;
    if (o < out.length) out[o++] = n & 255;
  }
  return out;
}

export function networkToJson(net: Network): NetworkJson {
  const parameters: Record<string, SavedParameter> = {};
  for (const e of net.layout.entries) {
    const bytes = new Uint8Array(e.size * 4);
    const view = new DataView(bytes.buffer);
    for (let i = 0; i < e.size; i++) view.setFloat32(i * 4, net.params[e.offset + i], true);
    parameters[e.name] = { shape: [...e.shape], dtype: 'float32', data: toBase64(bytes) };
  }
  return { format: NETWORK_FORMAT, version: NETWORK_FORMAT_VERSION, spec: { ...net.spec }, parameters };
}

/** Validates and loads what networkToJson wrote (also after JSON.stringify/parse). */
export function networkFromJson(json: unknown): Network {
  const what = 'Model file';
  if (typeof json !== 'object' || json === null) throw new Error(`${what}: expected a JSON object.`);
  const o = json as Record<string, unknown>;
  if (o.format !== NETWORK_FORMAT) {
    throw new Error(`${what}: "format" is ${JSON.stringify(o.format)}, expected "${NETWORK_FORMAT}" — this is not a Tidecast network.`);
  }
  if (o.version !== NETWORK_FORMAT_VERSION) {
    const newer = typeof o.version === 'number' && o.version > NETWORK_FORMAT_VERSION;
    throw new Error(`${what}: format version ${JSON.stringify(o.version)} is not supported (this version reads ${NETWORK_FORMAT_VERSION})` +
      (newer ? ' — it was saved by a newer Tidecast; update the app to open it.' : '.'));
  }
  let spec: NetworkSpec;
  try {
    spec = validateSpec(o.spec);
  } catch (e) {
    throw new Error(`${what}: ${(e as Error).message}`);
  }
  const net = allocateNetwork(spec);
  const params = o.parameters;
  if (typeof params !== 'object' || params === null) throw new Error(`${what}: "parameters" must be an object.`);
  const given = params as Record<string, unknown>;
  const expected = new Set(parameterNames(net));
  for (const name of Object.keys(given)) {
    if (!expected.has(name)) throw new Error(`${what}: unexpected parameter "${name}" for a ${describeSpec(spec)} network.`);
  }
  for (const e of net.layout.entries) {
    const where = `${what}: parameter "${e.name}"`;
    const p = given[e.name] as Partial<SavedParameter> | undefined;
    if (!p || typeof p !== 'object') throw new Error(`${where} is missing.`);
    if (p.dtype !== 'float32') throw new Error(`${where}: dtype ${JSON.stringify(p.dtype)}, expected "float32".`);
    if (!Array.isArray(p.shape) || p.shape.length !== e.shape.length || p.shape.some((v, i) => v !== e.shape[i])) {
      throw new Error(`${where}: shape ${JSON.stringify(p.shape)}, expected [${e.shape.join(', ')}].`);
    }
    if (typeof p.data !== 'string') throw new Error(`${where}: "data" must be a base64 string.`);
    const bytes = fromBase64(p.data, where);
    if (bytes.length !== e.size * 4) throw new Error(`${where}: ${bytes.length} bytes of data, expected ${e.size * 4}.`);
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (let i = 0; i < e.size; i++) {
      const v = view.getFloat32(i * 4, true);
      if (!Number.isFinite(v)) throw new Error(`${where}: value ${i} is ${v}; the file is damaged.`);
      net.params[e.offset + i] = v;
    }
  }
  return net;
}
