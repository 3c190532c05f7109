// Bytes of a file → text for the CSV reader: UTF-8 (with or without BOM), UTF-16 with a BOM or
// recognisable by its NUL pattern, and Windows-1252 for the old spreadsheet exports that are
// not valid UTF-8. Uses TextDecoder, which Node, browsers and workers all have.

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface DecodedText {
  text: string;
  encoding: TextEncoding;
}

/** Decodes a whole file. A BOM stays as U+FEFF at the start: the CSV reader strips and reports it. */
export function decodeCsvBytes(bytes: Uint8Array): DecodedText {
  const encoding = detectEncoding(bytes);
  const text = encoding === 'windows-1252'
    ? decodeWindows1252(bytes)
    : new TextDecoder(encoding, { fatal: false, ignoreBOM: true }).decode(bytes);
  return { text, encoding };
}

// WHATWG index-windows-1252 for 0x80–0x9F (the rest equals Latin-1). Node's TextDecoder maps
// these bytes to C1 controls since 20.18.3 (nodejs/node#60888), so "€" (0x80) would be lost.
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

/** Windows-1252 bytes → text, by table (same result in Node and browsers). */
export function decodeWindows1252(bytes: Uint8Array): string {
  const parts: string[] = [];
  const block = 8192;
  const codes = new Uint16Array(block);
  for (let start = 0; start < bytes.length; start += block) {
    const end = Math.min(bytes.length, start + block);
    for (let i = start; i < end; i++) {
      const b = bytes[i];
      codes[i - start] = b >= 0x80 && b < 0xa0 ? CP1252_HIGH[b - 0x80] : b;
    }
    parts.push(String.fromCharCode(...codes.subarray(0, end - start)));
  }
  return parts.join('');
}

/** The encoding of a file from its first bytes (a BOM, the UTF-16 NUL pattern, UTF-8 validity). */
export function detectEncoding(bytes: Uint8Array): TextEncoding {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  const head = bytes.subarray(0, Math.min(bytes.length, 4096));
  let evenNul = 0, oddNul = 0;
  for (let i = 0; i < head.length; i++) {
    if (head[i] === 0) {
      if (i % 2 === 0) evenNul++;
      else oddNul++;
    }
  }
  if (oddNul > head.length / 4 && evenNul === 0) return 'utf-16le';
  if (evenNul > head.length / 4 && oddNul === 0) return 'utf-16be';
  try {
    // Check a prefix only: cutting may split a character at the end, so allow 3 bytes of slack.
    const probe = bytes.subarray(0, Math.min(bytes.length, 1 << 20));
    new TextDecoder('utf-8', { fatal: true }).decode(probe, { stream: probe.length < bytes.length });
    return 'utf-8';
  } catch {
    return 'windows-1252';
  }
}
