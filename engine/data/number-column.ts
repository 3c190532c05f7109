// Reading one numeric column cell by cell into a growing Float64Array (NaN = missing), counting
// empty, "NA"-like and unreadable cells and listing where; and the file's number style, decided
// once on the first rows for every column.
import { FindingList, quoteCell } from './errors';
import { CellKind, classifyNonNumber, describeNumberStyle, detectNumberStyle, parseNumber } from './numbers';
import type { DecimalSeparator, NumberStyle, ThousandsSeparator } from './numbers';
import type { Problem } from './types';

export interface ColumnData {
  name: string;
  /** Position in the header. */
  index: number;
  values: Float64Array;
  numbers: number;
  empty: number;
  missingTokens: number;
  invalid: number;
  invalidCells: FindingList;
  missingCells: FindingList;
}

/**
 * Cells that would be numbers with the other decimal mark ("1200,5" in a file read with "."),
 * counted over every column so one warning can say how many and where the first is.
 */
export interface DecimalMarkWatch {
  other: NumberStyle;
  cells: number;
  first?: { line: number; text: string; column: string };
}

export interface NumberStyleDecision {
  style: NumberStyle;
  /** The cells fit more than one style and the choice was a default, not evidence. */
  ambiguous: boolean;
  evidence: string;
  watch: DecimalMarkWatch;
  /** The 'ambiguous-number-style' warning, when it is. */
  problem?: Problem;
}

/** The decimal and thousands separators from the sample cells of every non-time column, or the user's. */
export function decideNumberStyle(cells: readonly string[], delimiter: string,
  chosen: { decimal?: DecimalSeparator; thousands?: ThousandsSeparator }): NumberStyleDecision {
  const guess = detectNumberStyle(cells, delimiter);
  const style: NumberStyle = {
    decimal: chosen.decimal ?? guess.style.decimal,
    thousands: chosen.thousands ?? (chosen.decimal && chosen.decimal !== guess.style.decimal
      ? (chosen.decimal === ',' ? '.' : ',') : guess.style.thousands),
  };
  const other: NumberStyle = style.decimal === '.'
    ? { decimal: ',', thousands: style.thousands === ',' ? '.' : style.thousands === "'" ? '' : style.thousands }
    : { decimal: '.', thousands: style.thousands === '.' ? ',' : style.thousands };
  const ambiguous = guess.ambiguous && chosen.decimal === undefined;
  const decision: NumberStyleDecision = { style, ambiguous, evidence: guess.evidence, watch: { other, cells: 0 } };
  if (ambiguous) {
    decision.problem = { severity: 'warning', code: 'ambiguous-number-style',
      message: `The numbers fit more than one style (${guess.evidence}); they were read as ${describeNumberStyle(style)}. ` +
        'If that is wrong, choose the decimal separator yourself.' };
  }
  return decision;
}

/** One column's cells → numbers, row by row (`row` is the data row, `line` its file line). */
export class NumberColumnReader {
  readonly name: string;
  readonly index: number;
  values: Float64Array;
  numbers = 0;
  empty = 0;
  missingTokens = 0;
  invalid = 0;
  readonly invalidCells = new FindingList();
  readonly missingCells = new FindingList();
  private readonly style: NumberStyle;
  private readonly watch: DecimalMarkWatch;

  constructor(name: string, index: number, capacity: number, style: NumberStyle, watch: DecimalMarkWatch) {
    this.name = name;
    this.index = index;
    this.values = new Float64Array(capacity);
    this.style = style;
    this.watch = watch;
  }

  read(s: string, a: number, b: number, row: number, line: number): void {
    const v = parseNumber(s, a, b, this.style);
    this.values[row] = v;
    if (v === v) {
      this.numbers++;
      return;
    }
    const kind = classifyNonNumber(s, a, b);
    if (kind === CellKind.Invalid) {
      this.invalid++;
      if (!Number.isNaN(parseNumber(s, a, b, this.watch.other))) {
        this.watch.cells++;
        this.watch.first ??= { line, text: s.slice(a, b).trim(), column: this.name };
      }
      if (!this.invalidCells.listing) this.invalidCells.skip();
      else {
        this.invalidCells.add(() => ({ severity: 'warning', code: 'unparsable-cell', row: line, column: this.name,
          message: `Line ${line}, column "${this.name}": ${quoteCell(s.slice(a, b).trim())} is not a number; it is treated as missing.` }));
      }
    } else {
      if (kind === CellKind.Empty) this.empty++;
      else this.missingTokens++;
      if (!this.missingCells.listing) this.missingCells.skip();
      else this.missingCells.add(() => ({ severity: 'info', code: 'missing-value', row: line, column: this.name,
        message: kind === CellKind.Empty
          ? `Line ${line}, column "${this.name}" is empty (a missing value).`
          : `Line ${line}, column "${this.name}" says ${quoteCell(s.slice(a, b).trim())} (a missing value).` }));
    }
  }

  grow(capacity: number): void {
    const v = new Float64Array(capacity);
    v.set(this.values);
    this.values = v;
  }

  /** What was read; `cut` trims the growth buffer to the rows read. */
  finish(cut: (a: Float64Array) => Float64Array): ColumnData {
    return {
      name: this.name, index: this.index, values: cut(this.values), numbers: this.numbers, empty: this.empty,
      missingTokens: this.missingTokens, invalid: this.invalid, invalidCells: this.invalidCells, missingCells: this.missingCells,
    };
  }
}
