// Bytes of a file → text for the CSV reader: UTF-8 (with or without BOM), UTF-16 with a BOM or
// recognisable by its NUL pattern, and Windows-1252 for the old spreadsheet exports that are
// not valid UTF-8. Uses TextDecoder, which Node, browsers and workers all have.

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface DecodedText {
  text: string;
  encoding: TextEncoding;
}

/** Decodes a whole file. The text keeps no BOM. */
export function decodeCsvBytes(bytes: Uint8Array): DecodedText {
  const encoding = detectEncoding(bytes);
  const text = new TextDecoder(encoding, { fatal: false, ignoreBOM: false }).decode(bytes);
  return { text, encoding };
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
