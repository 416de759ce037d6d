/** Byte helpers for the container formats, on plain Uint8Arrays (no Buffer: app/ runs in browsers too). */

export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

export const viewOf = (bytes: Uint8Array) => new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/** A few bytes as Latin-1 text, one character per byte (FourCCs and signatures; not for large arrays). */
export const latin1 = (bytes: Uint8Array) => String.fromCharCode(...bytes);

/** Latin-1 text as bytes; every character must be below U+0100. */
export const latin1Bytes = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));

export const startsWith = (bytes: Uint8Array, prefix: Uint8Array) => bytes.length >= prefix.length && prefix.every((b, i) => bytes[i] === b);

export const utf8 = (text: string) => new TextEncoder().encode(text);
export const fromUtf8 = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
