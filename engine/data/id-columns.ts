// Columns that name a series in a long-format file (store, date, sales: one series per store).
// Candidates are picked on the first rows and their cells kept as codes of a dictionary of the
// values written; once the whole file is read, the id columns are the fewest candidates that
// tell apart the rows sharing a time.
import { DataError } from './errors';

/** A column kept as codes: what deciding and grouping need. */
export interface IdColumnData {
  name: string;
  /** Position in the header. */
  index: number;
  /** Text cells, or whole numbers (store 101, 102). */
  kind: 'text' | 'integer';
  /** Per data row: the index of its value in `values`, -1 for an empty cell. */
  codes: Int32Array;
  /** Distinct values as written, in order of first appearance. */
  values: string[];
}

/** At most this many columns are kept as codes (each costs 4 bytes a row). */
const MAX_CANDIDATES = 6;

// Names of columns that identify a series: a candidate so named is an id even when the series
// overlap little in time (compared whole or as a word, lower-cased).
const ID_WORDS = /(^|[^a-z])(id|ids|key|code|series|store|shop|site|station|sensor|item|sku|product|region|country|state|city|category|dept|department|customer|account|unit|group|name|location|meter|device|unique_id)([^a-z]|$)/;

/** True when a column name says it identifies a series (`store`, `product_id`, `Station`, …). */
export function isIdLikeName(name: string): boolean {
  return ID_WORDS.test(name.trim().toLowerCase());
}

const INTEGER = /^\s*[+-]?\d+\s*$/;
const NUMBER = /^\s*[+-]?[$€£¥]?\s*\d[\d.,'\s\u00a0]*(?:[eE][+-]?\d+)?\s*%?\s*$/;

/** True when `s[a, b)` is empty or white space only. */
function isBlank(s: string, a: number, b: number): boolean {
  for (let i = a; i < b; i++) {
    const c = s.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 0xa0) return false;
  }
  return true;
}

export interface IdCandidate {
  index: number;
  kind: 'text' | 'integer';
}

/**
 * The columns worth keeping as codes, from the sample: text columns, and columns of whole
 * numbers with few distinct values (at most half the sample) — text first, then id-like names,
 * then fewer distinct values; at most MAX_CANDIDATES. `skip(j)`: the time column and its companions.
 */
export function pickIdCandidates(header: readonly string[], cellsOf: (j: number) => string[], skip: (j: number) => boolean): IdCandidate[] {
  const found: (IdCandidate & { rank: number })[] = [];
  for (let j = 0; j < header.length; j++) {
    if (skip(j)) continue;
    const cells = cellsOf(j).filter((c) => c.trim() !== '');
    if (cells.length === 0) continue;
    let integers = 0, numbers = 0;
    for (const c of cells) {
      if (INTEGER.test(c)) integers++;
      else if (NUMBER.test(c)) numbers++;
    }
    const text = cells.length - integers - numbers;
    const distinct = new Set(cells).size;
    const named = isIdLikeName(header[j]);
    if (text > integers + numbers) found.push({ index: j, kind: 'text', rank: (named ? 0 : 1) * 1e9 + distinct });
    else if (integers === cells.length && distinct <= Math.max(1, cells.length / 2)) {
      found.push({ index: j, kind: 'integer', rank: (named ? 2 : 3) * 1e9 + distinct });
    }
  }
  return found.sort((a, b) => a.rank - b.rank).slice(0, MAX_CANDIDATES).map(({ index, kind }) => ({ index, kind }));
}

/** The user's id columns by name (case-insensitive), as candidates; DataError for an unknown name. */
export function namedIdColumns(header: readonly string[], names: readonly string[], source: string): IdCandidate[] {
  return names.map((name) => {
    let j = header.indexOf(name);
    if (j < 0) j = header.findIndex((h) => h.trim().toLowerCase() === name.trim().toLowerCase());
    if (j < 0) {
      throw new DataError('unknown-column', `${source} has no column "${name}" to tell the series apart. Its columns are: ` +
        `${header.join(', ')}.`, { column: name });
    }
    return { index: j, kind: 'text' as const };
  });
}

/**
 * One column's cells as codes, row by row. Values are found by a hash of the cell's characters
 * in an open-addressing table, so a value seen before costs no string copy.
 */
export class IdColumnReader {
  readonly name: string;
  readonly index: number;
  readonly kind: 'text' | 'integer';
  private codes: Int32Array;
  private readonly values: string[] = [];
  /** Slots of code + 1 (0 = empty), size a power of two, at most half full. */
  private slots = new Int32Array(1024);
  private lastCode = -1;

  constructor(name: string, candidate: IdCandidate, capacity: number) {
    this.name = name;
    this.index = candidate.index;
    this.kind = candidate.kind;
    this.codes = new Int32Array(capacity);
  }

  read(s: string, a: number, b: number, row: number): void {
    // Long files repeat a series' id on every one of its rows: the row before is checked first.
    const last = this.lastCode;
    if (last >= 0 && this.equals(last, s, a, b)) {
      this.codes[row] = last;
      return;
    }
    if (isBlank(s, a, b)) {
      this.codes[row] = -1;
      return;
    }
    let h = 0x811c9dc5;
    for (let i = a; i < b; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
    const mask = this.slots.length - 1;
    let slot = h & mask;
    for (;;) {
      const code = this.slots[slot] - 1;
      if (code < 0) break;
      if (this.equals(code, s, a, b)) {
        this.codes[row] = code;
        this.lastCode = code;
        return;
      }
      slot = (slot + 1) & mask;
    }
    const code = this.values.length;
    this.values.push(s.slice(a, b));
    this.slots[slot] = code + 1;
    if (this.values.length * 2 > this.slots.length) this.rehash();
    this.codes[row] = code;
    this.lastCode = code;
  }

  private equals(code: number, s: string, a: number, b: number): boolean {
    const v = this.values[code];
    return v.length === b - a && s.startsWith(v, a);
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    for (let code = 0; code < this.values.length; code++) {
      const v = this.values[code];
      let h = 0x811c9dc5;
      for (let i = 0; i < v.length; i++) h = Math.imul(h ^ v.charCodeAt(i), 0x01000193);
      let slot = h & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = code + 1;
    }
    this.slots = slots;
  }

  grow(capacity: number): void {
    const codes = new Int32Array(capacity);
    codes.set(this.codes);
    this.codes = codes;
  }

  finish(cut: (a: Int32Array) => Int32Array): IdColumnData {
    return { name: this.name, index: this.index, kind: this.kind, codes: cut(this.codes), values: this.values };
  }
}
