// Locale-aware number cells: decide a file's decimal and thousands separators from its data,
// then read cells straight from the text (char codes, no substrings on the common path).

export type DecimalSeparator = '.' | ',';
/** ' ' also stands for the no-break spaces U+00A0 and U+202F; "'" also for U+2019. */
export type ThousandsSeparator = '' | ',' | '.' | ' ' | "'";

export interface NumberStyle {
  decimal: DecimalSeparator;
  thousands: ThousandsSeparator;
}

export const PLAIN_NUMBERS: NumberStyle = { decimal: '.', thousands: '' };

const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
  1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

const C_0 = 48, C_9 = 57, C_DOT = 46, C_COMMA = 44, C_MINUS = 45, C_PLUS = 43, C_SPACE = 32, C_TAB = 9;

/**
 * The number in `s[a, b)` under `style`, or NaN when it is empty or not a number.
 * Plain decimals (≤ 15 significant digits) are computed exactly from the digits — an integer
 * divided by a power of ten is correctly rounded — and everything else (grouping, exponents,
 * currency signs, accounting negatives) goes through the slower `parseNumberSlow`.
 */
export function parseNumber(s: string, a: number, b: number, style: NumberStyle): number {
  while (a < b && (s.charCodeAt(a) === C_SPACE || s.charCodeAt(a) === C_TAB)) a++;
  while (b > a && (s.charCodeAt(b - 1) === C_SPACE || s.charCodeAt(b - 1) === C_TAB)) b--;
  if (a === b) return NaN;
  const decimalCode = style.decimal === ',' ? C_COMMA : C_DOT;
  let i = a;
  let negative = false;
  let c = s.charCodeAt(i);
  if (c === C_MINUS || c === C_PLUS) {
    negative = c === C_MINUS;
    i++;
  }
  // A cell starting with a letter is text ("north", "n/a"): no number begins so.
  const first = s.charCodeAt(i) | 32;
  if (first >= 97 && first <= 122) return NaN;
  let mantissa = 0;
  let digits = 0;
  let decimals = -1;
  for (; i < b; i++) {
    c = s.charCodeAt(i);
    if (c >= C_0 && c <= C_9) {
      mantissa = mantissa * 10 + (c - C_0);
      digits++;
      if (decimals >= 0) decimals++;
    } else if (c === decimalCode && decimals < 0) {
      decimals = 0;
    } else {
      return parseNumberSlow(s.slice(a, b), style);
    }
  }
  if (digits === 0) return NaN;
  if (digits > 15) return parseNumberSlow(s.slice(a, b), style);
  const v = decimals > 0 ? mantissa / POW10[decimals] : mantissa;
  return negative ? -v : v;
}

function isThousandsChar(ch: string, sep: ThousandsSeparator): boolean {
  if (sep === '') return false;
  if (sep === ' ') return ch === ' ' || ch === '\u00a0' || ch === '\u202f';
  if (sep === "'") return ch === "'" || ch === '\u2019';
  return ch === sep;
}

const CURRENCY = /^[$€£¥₹₩₽]|[$€£¥₹₩₽%]$/;

/**
 * Full-syntax number reading: grouping checked to be real (groups of exactly three digits, so
 * "1.5" in a file using "." for thousands is refused rather than read as 15), exponents,
 * a leading or trailing currency sign or trailing %, and accounting negatives "(12.50)".
 */
export function parseNumberSlow(text: string, style: NumberStyle): number {
  let t = text.trim();
  let negative = false;
  if (t.length > 2 && t.charCodeAt(0) === 40 /* ( */ && t.charCodeAt(t.length - 1) === 41 /* ) */) {
    negative = true;
    t = t.slice(1, -1).trim();
  }
  // Currency signs may sit outside or inside the sign: "$-5", "-$5", "5 €", "12%".
  for (let k = 0; k < 2 && CURRENCY.test(t); k++) t = t.replace(CURRENCY, '').trim();
  if (t.length === 0) return NaN;
  let out = '';
  let i = 0;
  const c0 = t[0];
  if (c0 === '-' || c0 === '+') {
    if (c0 === '-') negative = !negative;
    i = 1;
    if (t[i] === '$' || t[i] === '€' || t[i] === '£') i++;
  }
  let digits = 0;
  let groupDigits = 0; // digits since the last thousands separator (or start)
  let sawGroup = false;
  let sawDecimal = false;
  for (; i < t.length; i++) {
    const ch = t[i];
    const code = t.charCodeAt(i);
    if (code >= C_0 && code <= C_9) {
      out += ch;
      digits++;
      groupDigits++;
    } else if (ch === style.decimal && !sawDecimal) {
      if (sawGroup && groupDigits !== 3) return NaN;
      sawDecimal = true;
      out += '.';
    } else if (!sawDecimal && isThousandsChar(ch, style.thousands)) {
      // The first group has 1–3 digits, every later one exactly 3.
      if (groupDigits === 0 || (sawGroup ? groupDigits !== 3 : groupDigits > 3)) return NaN;
      sawGroup = true;
      groupDigits = 0;
    } else if ((ch === 'e' || ch === 'E') && digits > 0) {
      if (sawGroup && !sawDecimal && groupDigits !== 3) return NaN;
      const exp = t.slice(i + 1);
      if (!/^[+-]?\d{1,3}$/.test(exp)) return NaN;
      out += 'e' + exp;
      i = t.length;
      sawDecimal = true; // grouping already checked
      break;
    } else {
      return NaN;
    }
  }
  if (digits === 0) return NaN;
  if (sawGroup && !sawDecimal && groupDigits !== 3) return NaN;
  const v = Number(out);
  if (!Number.isFinite(v)) return NaN;
  return negative ? -v : v;
}

/** Cells that mean "no value" rather than a broken number. Compared lower-cased and trimmed. */
const MISSING_TOKENS = new Set([
  'na', 'n/a', 'n.a.', 'nan', 'null', 'none', 'nil', '-', '--', '—', '?', '.', '#n/a', 'missing', 'nd', 'n.d.',
]);

const MISSING_TOKEN_MAX = Math.max(...[...MISSING_TOKENS].map((t) => t.length));
/** First characters of the tokens, lower-cased, as `code | 32` (which also maps '.'/'-'/'?'/'#' to themselves or past 127). */
const TOKEN_STARTS = new Set([...MISSING_TOKENS].map((t) => t.charCodeAt(0) | 32));

export const enum CellKind { Empty = 0, MissingToken = 1, Invalid = 2 }

/** Why a cell that did not parse as a number is not one: empty, a missing-value token, or junk. */
export function classifyNonNumber(s: string, a: number, b: number): CellKind {
  // Most non-numbers are names or labels: told from the tokens without a copy when, past ASCII
  // white space, the cell starts with a printable ASCII character no token starts with, or is
  // longer than every token with printable ASCII ends (what trim() keeps).
  let i = a, j = b;
  while (i < j && s.charCodeAt(i) <= C_SPACE) i++;
  while (j > i && s.charCodeAt(j - 1) <= C_SPACE) j--;
  if (i < j) {
    const first = s.charCodeAt(i), last = s.charCodeAt(j - 1);
    if (first < 127 && !TOKEN_STARTS.has(first | 32)) return CellKind.Invalid;
    if (j - i > MISSING_TOKEN_MAX && first < 127 && last < 127) return CellKind.Invalid;
  }
  const t = s.slice(a, b).trim();
  if (t.length === 0) return CellKind.Empty;
  return t.length <= MISSING_TOKEN_MAX && MISSING_TOKENS.has(t.toLowerCase()) ? CellKind.MissingToken : CellKind.Invalid;
}

export interface NumberStyleGuess {
  style: NumberStyle;
  /** True when the cells fit more than one style and the choice was a default, not evidence. */
  ambiguous: boolean;
  /** Example cells that decided it (for the import report). */
  evidence: string;
}

const LOOSE_NUMBER = /^[+-]?\(?[+-]?[$€£¥₹]?\s?\d[\d.,'’\s\u00a0\u202f]*(?:[eE][+-]?\d+)?\s?[$€£¥₹%]?\)?$/;
const SPACE_GROUPED = /^\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:[.,]\d+)?$/;
const APOS_GROUPED = /^\d{1,3}(?:['’]\d{3})+(?:[.,]\d+)?$/;

/**
 * Decide decimal and thousands separators from sample cells of the numeric columns.
 * Evidence, strongest first: a cell with both "." and "," (the last one is the decimal mark);
 * a single separator followed by other than three digits, or after a leading 0 or ≥ 4 digits
 * (a decimal mark); repeated separators (grouping). "1,234" alone is ambiguous: with ";" as the
 * delimiter it is read as a decimal comma (European spreadsheet exports), otherwise as grouping.
 */
export function detectNumberStyle(cells: readonly string[], delimiter: string): NumberStyleGuess {
  let commaDecimal = 0, dotDecimal = 0, ambiguousComma = 0, ambiguousDot = 0;
  let spaceGroups = 0, apostropheGroups = 0;
  let sawDot = false, sawComma = false;
  let commaEvidence = '', dotEvidence = '';
  for (const raw of cells) {
    const cell = raw.trim();
    if (cell.length === 0 || !LOOSE_NUMBER.test(cell)) continue;
    const core = cell.replace(/^[+\-(]+|[)%$€£¥₹\s]+$/g, '').replace(/^[$€£¥₹]\s?/, '').replace(/[eE][+-]?\d+$/, '');
    if (SPACE_GROUPED.test(core)) spaceGroups++;
    if (APOS_GROUPED.test(core)) apostropheGroups++;
    const lastDot = core.lastIndexOf('.');
    const lastComma = core.lastIndexOf(',');
    if (lastDot >= 0) sawDot = true;
    if (lastComma >= 0) sawComma = true;
    if (lastDot >= 0 && lastComma >= 0) {
      if (lastComma > lastDot) { commaDecimal++; commaEvidence ||= cell; } else { dotDecimal++; dotEvidence ||= cell; }
      continue;
    }
    const sep = lastDot >= 0 ? '.' : lastComma >= 0 ? ',' : '';
    if (sep === '') continue;
    const parts = core.split(sep);
    const intPart = parts[0].replace(/[\s\u00a0\u202f'’]/g, '');
    let decimal: boolean | null;
    if (parts.length > 2) {
      // 1.234.567: grouping, if every group after the first has three digits; else not a number.
      if (!/^\d{1,3}$/.test(intPart) || parts.slice(1).some((g) => !/^\d{3}$/.test(g))) continue;
      decimal = false;
    } else if (parts[1].length !== 3 || intPart === '0' || intPart === '' || intPart.length > 3) decimal = true;
    else decimal = null;
    if (sep === ',') {
      if (decimal === true) { commaDecimal++; commaEvidence ||= cell; }
      else if (decimal === false) { dotDecimal++; dotEvidence ||= cell; }
      else ambiguousComma++;
    } else {
      if (decimal === true) { dotDecimal++; dotEvidence ||= cell; }
      else if (decimal === false) { commaDecimal++; commaEvidence ||= cell; }
      else ambiguousDot++;
    }
  }
  let decimal: DecimalSeparator;
  let ambiguous = false;
  let evidence: string;
  if (commaDecimal > dotDecimal) {
    decimal = ',';
    evidence = commaEvidence;
  } else if (dotDecimal > 0) {
    decimal = '.';
    evidence = dotEvidence;
  } else if (ambiguousComma > 0 && delimiter === ';') {
    decimal = ',';
    ambiguous = true;
    evidence = 'a value like 1,234 with ";" between columns';
  } else if (ambiguousDot === 0 && ambiguousComma === 0 && delimiter === ';') {
    // Only whole numbers so far: ";" between columns is the mark of decimal-comma locales.
    decimal = ',';
    evidence = '";" between columns';
  } else {
    decimal = '.';
    // "1.234" in a comma-separated file is a decimal: a file grouping with "." writes decimals
    // with ",", which would need quotes there. With ";" or tab it may be German grouping.
    ambiguous = ambiguousComma > 0 || (ambiguousDot > 0 && delimiter !== ',');
    evidence = ambiguous ? 'values like 1.234 or 1,234 fit either style' : 'plain numbers';
  }
  let thousands: ThousandsSeparator = '';
  if (decimal === '.') {
    if (sawComma) thousands = ',';
    else if (spaceGroups > 0) thousands = ' ';
    else if (apostropheGroups > 0) thousands = "'";
  } else {
    if (sawDot) thousands = '.';
    else if (spaceGroups > 0) thousands = ' ';
  }
  return { style: { decimal, thousands }, ambiguous, evidence };
}

/** Name of a style for the import report, e.g. "1,234.5" or "1.234,5". */
export function describeNumberStyle(style: NumberStyle): string {
  const t = style.thousands === '' ? '' : style.thousands === ' ' ? '\u202f' : style.thousands;
  return `1${t}234${style.decimal}5`;
}
