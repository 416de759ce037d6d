/** The longest file name most file systems take is 255 bytes; a UTF-8 name of 255 characters could exceed it. */
export const MAX_OUTPUT_NAME_BYTES = 240;

/** Characters no file system takes in a name (Windows forbids the most), and control characters. */
const FORBIDDEN = /[/\\:*?"<>|\u0000-\u001f\u007f]/;

/** Names Windows reserves for devices, whatever their extension. */
const RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i;

/**
 * Why `name` cannot be a file name inside an output folder, or null when it can: a plain name only (no
 * folder separators, no "." or "..", no hidden or reserved names), short enough for any file system.
 */
export function outputFileNameProblem(name: string): string | null {
  if (name.length === 0) return 'the file name is empty';
  if (FORBIDDEN.test(name)) return 'the file name has a folder separator or a character file systems refuse';
  if (name.startsWith('.')) return 'the file name starts with "." (a hidden file, or a path like "..")';
  if (/[.\s]$/.test(name)) return 'the file name ends with a dot or a space';
  if (RESERVED.test(name)) return 'the file name is one Windows reserves for a device';
  if (new TextEncoder().encode(name).byteLength > MAX_OUTPUT_NAME_BYTES) return `the file name is longer than ${MAX_OUTPUT_NAME_BYTES} bytes`;
  return null;
}
