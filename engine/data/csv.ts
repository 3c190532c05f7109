// Splitting CSV text into records, chunk by chunk: sniffing (binary, BOM, newline, delimiter
// among , ; tab |), then papaparse for text with quotes and a direct scan for quote-free text
// (the common case, ~5× faster), both handing each record with its file line number to a sink.
import Papa from 'papaparse';
import * as limits from '../limits';
import { DataError, FindingList, lineTooLong, plural, tooManyColumns } from './errors';
import type { Problem } from './types';

export type Delimiter = ',' | ';' | '\t' | '|';
export type Newline = '\n' | '\r\n' | '\r';

export const DELIMITERS: readonly Delimiter[] = [',', ';', '\t', '|'];

// The limits read once into this module: per-line checks must not go through an import binding,
// which some module loaders (tsx, vitest) turn into a getter call.
const MAX_COLUMNS = limits.MAX_COLUMNS;
const MAX_LINE_CHARS = limits.MAX_LINE_CHARS;

/** Receives records. Field ranges are valid only during the call (arrays are reused). */
export interface RecordSink {
  /** A record as ranges `[starts[i], ends[i])` of `src`. */
  ranges(src: string, starts: Int32Array, ends: Int32Array, count: number, line: number): void;
  /** A record as separate strings (quoted text, already unescaped). */
  fields(fields: string[], line: number): void;
}

/**
 * Refuses text that is not a CSV at all, looking at its beginning: spreadsheet or PDF files,
 * UTF-16 decoded as UTF-8 (NUL between letters), other binary data (NUL bytes or mostly
 * control characters / undecodable bytes).
 */
export function checkLooksLikeText(head: string, source: string): void {
  const s = head.slice(0, 65536);
  if (s.startsWith('PK\u0003\u0004')) {
    throw new DataError('spreadsheet-file', `${source} is a zip archive, probably an Excel workbook (.xlsx), not a CSV. ` +
      'Open it in your spreadsheet program and save it as "CSV (comma delimited)" or "CSV UTF-8".');
  }
  if (s.startsWith('\u00d0\u00cf\u0011\u00e0') || s.startsWith('\ufffd\ufffd\u0011\ufffd')) {
    throw new DataError('spreadsheet-file', `${source} is an old-style Excel workbook (.xls), not a CSV. ` +
      'Open it in your spreadsheet program and save it as "CSV (comma delimited)" or "CSV UTF-8".');
  }
  if (s.startsWith('%PDF')) {
    throw new DataError('binary-file', `${source} is a PDF document, not a CSV. Export the table as CSV from the program that made it.`);
  }
  let nul = 0, control = 0, nulAfterAscii = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0) {
      nul++;
      if (i > 0 && s.charCodeAt(i - 1) >= 32 && s.charCodeAt(i - 1) < 127) nulAfterAscii++;
    } else if ((c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 0xfffd || (c >= 0x7f && c < 0xa0)) {
      control++;
    }
  }
  if (nul > 0 && nulAfterAscii > s.length / 4) {
    throw new DataError('utf16-text', `${source} looks like UTF-16 text (as Excel's "Unicode Text" export writes it). ` +
      'Save it as "CSV UTF-8" instead, or open it through the app, which decodes UTF-16.');
  }
  if (nul > 0 || control > Math.max(8, s.length * 0.05)) {
    throw new DataError('binary-file', `${source} does not look like a text file (it contains binary data). ` +
      'Choose a CSV file: plain text with one row per line and columns separated by commas or semicolons.');
  }
}

/** The first line break in `text`: '\r\n', '\n' or a lone '\r' (old Mac); '\n' when none. */
export function detectNewline(text: string): Newline {
  const n = text.indexOf('\n');
  const r = text.indexOf('\r');
  if (r >= 0 && (n < 0 || r < n)) return n === r + 1 ? '\r\n' : '\r';
  return '\n';
}

export interface DelimiterGuess {
  delimiter: Delimiter;
  /** Fields in the header line with that delimiter. */
  fields: number;
}

/**
 * The delimiter that splits the first lines into the same number (≥ 2) of fields as the header
 * most often; ties go to more fields, then to the order , ; tab |. A text none of them splits
 * is a one-column file (delimiter ',').
 */
export function detectDelimiter(head: string, newline: Newline, truncated = head.length >= 65536): DelimiterGuess {
  let best: DelimiterGuess = { delimiter: ',', fields: 1 };
  let bestScore = -1;
  for (const delimiter of DELIMITERS) {
    const parser = new Papa.Parser({ delimiter, newline, quoteChar: '"' });
    // `truncated`: the head is cut from a longer text, so its last row may be incomplete.
    const rows = (parser.parse(head, 0, truncated) as { data: string[][] }).data
      .filter((r) => !(r.length === 1 && r[0].trim() === ''))
      .slice(0, 100);
    if (rows.length === 0) continue;
    const fields = rows[0].length;
    if (fields < 2) continue;
    let same = 0;
    for (const r of rows) if (r.length === fields) same++;
    // Consistency first, then more fields.
    const score = (same / rows.length) * 1000 + Math.min(fields, 999);
    if (score > bestScore) {
      bestScore = score;
      best = { delimiter, fields };
    }
  }
  return best;
}

export interface CsvSniff {
  delimiter: Delimiter;
  newline: Newline;
  bom: boolean;
  /** An Excel `sep=;` line named the delimiter (and is skipped). */
  sepLine: boolean;
}

/** Text handed to papaparse at a time when quotes appear (doubled up to MAX_LINE_CHARS for a long record). */
const QUOTED_WINDOW = 1 << 16;

/**
 * Splits text fed in chunks into records with their line numbers. Quote-free stretches are
 * scanned directly (fields are ranges of the chunk, no per-row allocation); a stretch with a
 * quote goes through papaparse's parser, which handles quoted delimiters, newlines and "".
 * Blank lines (empty, spaces, or only delimiters) are skipped and counted.
 */
export class RecordReader {
  readonly sniff: CsvSniff;
  private readonly sink: RecordSink;
  private readonly source: string;
  private pending = '';
  /** Lines consumed so far (the next record starts on line + 1). */
  private line = 0;
  private starts = new Int32Array(64);
  private ends = new Int32Array(64);
  private readonly lineChar: number;
  private blankLines = 0;
  private blankSinceRecord = 0;
  private firstBlank = 0;
  private records = 0;
  private retryAt = 0;
  private readonly quoteIssues = new FindingList();
  /** Characters handed to the sink so far (for progress). */
  consumed = 0;

  constructor(sniff: CsvSniff, sink: RecordSink, source: string) {
    this.sniff = sniff;
    this.sink = sink;
    this.source = source;
    this.lineChar = sniff.newline === '\r' ? 13 : 10;
  }

  /** Skip lines before the records (an Excel `sep=` line) so line numbers stay right. */
  skipLines(count: number): void {
    this.line += count;
  }

  push(text: string): void {
    this.pending = this.pending.length ? this.pending + text : text;
    // What is left after a pass is one unfinished record: past the limit, it is refused now
    // rather than kept while the rest of the file arrives.
    if (this.process(false) && this.pending.length > MAX_LINE_CHARS) throw lineTooLong(this.source, this.line + 1);
  }

  /** Processes what is left and returns CSV-level problems (quotes, blank lines). */
  end(): Problem[] {
    this.process(true);
    const problems = this.quoteIssues.problems((more) => ({ severity: 'warning', code: 'malformed-quotes', count: more,
      message: `…and ${plural(more, 'more line')} with a misplaced quote.` }));
    const inner = this.blankLines - this.blankSinceRecord;
    if (inner > 0) {
      problems.push({ severity: 'info', code: 'blank-lines', row: this.firstBlank, count: inner,
        message: `${plural(inner, 'blank line')} (the first on line ${this.firstBlank}) ${inner === 1 ? 'was' : 'were'} skipped.` });
    }
    return problems;
  }

  /** Hands every complete record to the sink; false when it waited for more text instead. */
  private process(final: boolean): boolean {
    // An unfinished quoted record is re-read only once the text has doubled: linear overall.
    if (!final && this.pending.length < this.retryAt) return false;
    const text = this.pending;
    const lineChar = this.sniff.newline === '\r' ? '\r' : '\n';
    let pos = 0;
    while (pos < text.length) {
      const quote = text.indexOf('"', pos);
      if (quote < 0) {
        const cut = final ? text.length : text.lastIndexOf(lineChar) + 1;
        if (cut > pos) {
          this.scan(text, pos, cut);
          pos = cut;
        }
        break;
      }
      // Quote-free lines before the quote go the fast way…
      const lineStart = Math.max(pos, text.lastIndexOf(lineChar, quote) + 1);
      if (lineStart > pos) {
        this.scan(text, pos, lineStart);
        pos = lineStart;
      }
      // …then papaparse on a window from that line, cut at its last complete record, so that a
      // file with a quoted header or a few quoted cells is not parsed the slow way throughout.
      let window = QUOTED_WINDOW;
      let used = 0;
      for (;;) {
        const end = Math.min(text.length, pos + window);
        used = this.parseQuoted(text.slice(pos, end), final && end === text.length);
        if (used > 0 || end === text.length) break;
        if (window >= MAX_LINE_CHARS) throw lineTooLong(this.source, this.line + 1);
        window *= 2; // one record longer than the window
      }
      if (used === 0) {
        this.retryAt = final ? 0 : (text.length - pos) * 2 + pos;
        break; // an unfinished record: wait for more text
      }
      this.retryAt = 0;
      pos += used;
    }
    this.pending = pos === 0 ? text : text.slice(pos);
    this.consumed += pos;
    return true;
  }

  /** Direct scan of quote-free `src[from, to)`, which ends at a line break or the end of input. */
  private scan(src: string, from: number, to: number): void {
    const lineChar = this.lineChar;
    const lineStr = String.fromCharCode(lineChar);
    const delimiter = this.sniff.delimiter;
    const stripCr = this.sniff.newline !== '\r';
    let nextDelim = -2;
    let pos = from;
    while (pos < to) {
      let e = src.indexOf(lineStr, pos);
      if (e < 0 || e >= to) e = to;
      let le = e;
      if (stripCr && le > pos && src.charCodeAt(le - 1) === 13) le--;
      this.line++;
      if (le - pos > MAX_LINE_CHARS) throw lineTooLong(this.source, this.line);
      let count = 0;
      let fs = pos;
      for (;;) {
        if (nextDelim !== -1 && nextDelim < fs) nextDelim = src.indexOf(delimiter, fs);
        if (count === this.starts.length) this.growFields(this.line);
        if (nextDelim === -1 || nextDelim >= le) {
          this.starts[count] = fs;
          this.ends[count++] = le;
          break;
        }
        this.starts[count] = fs;
        this.ends[count++] = nextDelim;
        fs = nextDelim + 1;
      }
      if (this.isBlankRanges(src, count)) this.blank();
      else {
        this.records++;
        this.blankSinceRecord = 0;
        this.sink.ranges(src, this.starts, this.ends, count, this.line);
      }
      pos = e + 1;
    }
  }

  private isBlankRanges(src: string, count: number): boolean {
    for (let i = 0; i < count; i++) {
      for (let j = this.starts[i]; j < this.ends[i]; j++) {
        const c = src.charCodeAt(j);
        if (c !== 32 && c !== 9 && !isTrimmedSpace(c)) return false;
      }
    }
    return true;
  }

  private blank(): void {
    if (this.records === 0) return; // blank lines above the header are not worth a note
    this.blankLines++;
    this.blankSinceRecord++;
    if (this.firstBlank === 0) this.firstBlank = this.line;
  }

  /** Room for more fields, up to MAX_COLUMNS: a record with more is refused. */
  private growFields(line: number): void {
    if (this.starts.length >= MAX_COLUMNS) throw tooManyColumns(this.source, line, this.sniff.delimiter);
    const s = new Int32Array(Math.min(this.starts.length * 2, MAX_COLUMNS));
    s.set(this.starts);
    this.starts = s;
    const e = new Int32Array(this.ends.length * 2);
    e.set(this.ends);
    this.ends = e;
  }

  /** papaparse on text starting at a record boundary; returns how much of it was consumed. */
  private parseQuoted(text: string, final: boolean): number {
    // Unless lines end in a lone CR, LF and CRLF both end a record, as in the direct scan (files
    // joined from several sources mix them): papaparse reads the text with every CRLF made an LF.
    const crlf = this.sniff.newline !== '\r' && text.indexOf('\r\n') >= 0;
    let src = crlf ? text.replace(/\r\n/g, '\n') : text;
    if (this.sniff.newline !== '\r' && final && src.endsWith('\r')) src = src.slice(0, -1);
    const parser = new Papa.Parser({ delimiter: this.sniff.delimiter, newline: this.sniff.newline === '\r' ? '\r' : '\n', quoteChar: '"' });
    const result = parser.parse(src, 0, !final) as {
      data: string[][]; errors: { code: string; row: number }[]; meta: { cursor: number };
    };
    const rowLines = new Int32Array(result.data.length);
    const breakChar = this.sniff.newline === '\r' ? '\r' : '\n';
    for (let r = 0; r < result.data.length; r++) {
      const fields = result.data[r];
      const line = this.line + 1;
      rowLines[r] = line;
      if (fields.length > MAX_COLUMNS) throw tooManyColumns(this.source, line, this.sniff.delimiter);
      let embedded = 0;
      let blank = true;
      for (const f of fields) {
        if (blank && f.trim() !== '') blank = false;
        if (f.indexOf(breakChar) >= 0) embedded += f.split(breakChar).length - 1;
      }
      this.line += 1 + embedded;
      if (blank) this.blank();
      else {
        this.records++;
        this.blankSinceRecord = 0;
        this.sink.fields(fields, line);
      }
    }
    for (const err of result.errors) {
      // An unfinished last record is left for the next pass: its findings come with it then.
      if (!final && err.row >= rowLines.length) continue;
      const line = err.row < rowLines.length ? rowLines[err.row] : this.line + 1;
      if (err.code === 'MissingQuotes') {
        throw new DataError('unterminated-quote', `${this.source}: a quoted field starting on line ${line} is never closed. ` +
          'Check the quotes (") on that line: a quote inside a quoted field must be doubled ("").', { row: line });
      }
      if (err.code === 'InvalidQuotes') {
        this.quoteIssues.add(() => ({ severity: 'warning', code: 'malformed-quotes', row: line,
          message: `Line ${line} has a quote (") in an unexpected place; the field was read as best as possible — check its values.` }));
      }
    }
    if (final) return text.length;
    return crlf ? crlfIndex(text, result.meta.cursor) : result.meta.cursor;
  }
}

/** The index in `text` of position `at` of the same text with every CRLF made an LF. */
function crlfIndex(text: string, at: number): number {
  let removed = 0;
  for (let p = text.indexOf('\r\n'); p >= 0 && p - removed < at; p = text.indexOf('\r\n', p + 2)) removed++;
  return at + removed;
}

/**
 * White space as String.prototype.trim removes it: a record whose fields hold nothing else is
 * blank, whether the direct scan or papaparse read it (a lone LF in a CR file, a no-break space).
 */
function isTrimmedSpace(c: number): boolean {
  return (c >= 9 && c <= 13) || c === 32 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a)
    || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}
