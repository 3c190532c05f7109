// Icon containers electron-builder asks for, built from PNG images: .ico (Windows) and .icns
// (macOS) both hold PNG data as is, so no image library is needed.

/** A Windows .ico holding PNG images; `images` are [size in px (≤ 256), PNG bytes]. */
export function encodeIco(images: readonly [number, Uint8Array][]): Uint8Array {
  const header = new DataView(new ArrayBuffer(6 + 16 * images.length));
  header.setUint16(2, 1, true); // type: icon
  header.setUint16(4, images.length, true);
  let offset = header.byteLength;
  images.forEach(([size, png], i) => {
    if (size < 1 || size > 256) throw new RangeError(`An .ico image is 1 to 256 px; got ${size}.`);
    const entry = 6 + 16 * i;
    header.setUint8(entry, size === 256 ? 0 : size); // 0 stands for 256
    header.setUint8(entry + 1, size === 256 ? 0 : size);
    header.setUint16(entry + 4, 1, true); // colour planes
    header.setUint16(entry + 6, 32, true); // bits per pixel
    header.setUint32(entry + 8, png.length, true);
    header.setUint32(entry + 12, offset, true);
    offset += png.length;
  });
  return concat([new Uint8Array(header.buffer), ...images.map(([, png]) => png)]);
}

/** The .icns types that hold PNG data, by size in px. */
const ICNS_TYPES: Readonly<Record<number, string>> = { 128: 'ic07', 256: 'ic08', 512: 'ic09', 1024: 'ic10' };

/** A macOS .icns holding PNG images; `images` are [size in px (128, 256, 512 or 1024), PNG bytes]. */
export function encodeIcns(images: readonly [number, Uint8Array][]): Uint8Array {
  const chunks = images.map(([size, png]) => {
    const type = ICNS_TYPES[size];
    if (type === undefined) throw new RangeError(`An .icns PNG image is 128, 256, 512 or 1024 px; got ${size}.`);
    const head = new DataView(new ArrayBuffer(8));
    for (let k = 0; k < 4; k++) head.setUint8(k, type.charCodeAt(k));
    head.setUint32(4, 8 + png.length);
    return concat([new Uint8Array(head.buffer), png]);
  });
  const head = new DataView(new ArrayBuffer(8));
  for (let k = 0; k < 4; k++) head.setUint8(k, 'icns'.charCodeAt(k));
  head.setUint32(4, 8 + chunks.reduce((n, c) => n + c.length, 0));
  return concat([new Uint8Array(head.buffer), ...chunks]);
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
