import path from 'node:path';

export type OutputFormat = 'png' | 'jpeg' | 'webp';

const BY_EXTENSION: ReadonlyMap<string, OutputFormat> = new Map([
  ['.png', 'png'],
  ['.jpg', 'jpeg'],
  ['.jpeg', 'jpeg'],
  ['.webp', 'webp'],
]);

export const OUTPUT_EXTENSIONS: readonly string[] = [...BY_EXTENSION.keys()];

/** The format to write, from the file name's extension (case-insensitive). */
export function formatFromPath(file: string): OutputFormat {
  const ext = path.extname(file).toLowerCase();
  const format = BY_EXTENSION.get(ext);
  if (format) return format;
  const got = ext ? `"${ext}" is not a supported image type` : 'has no file extension';
  throw new Error(`${file}: ${got}; use one of ${OUTPUT_EXTENSIONS.join(' ')}`);
}
