import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { absolutePathSchema } from './ipc/schemas.js';

/** A first content image and up to this many styles: more on a command line is almost surely a mistake. */
export const MAX_LAUNCH_FILES = 17;

/**
 * A path from an argument: file:// URIs (Linux launchers pass them for %U in the desktop entry) converted,
 * percent-escapes and all; other URIs dropped (null); anything else resolved against `cwd`.
 */
export function argumentPath(arg: string, cwd: string): string | null {
  if (/^file:/i.test(arg)) {
    try {
      return fileURLToPath(arg);
    } catch {
      return null;
    }
  }
  if (/^[a-z][a-z0-9+.-]+:\/\//i.test(arg)) return null;
  return path.resolve(cwd, arg);
}

/**
 * The files named on a command line: the arguments after the app itself (`electron .` in development adds
 * one), without switches, resolved against the folder it was started in.
 */
export function fileArguments(argv: readonly string[], cwd: string, defaultApp: boolean): string[] {
  return argv
    .slice(defaultApp ? 2 : 1)
    .filter((arg) => arg !== '' && !arg.startsWith('-'))
    .slice(0, MAX_LAUNCH_FILES)
    .map((arg) => argumentPath(arg, cwd))
    .filter((file): file is string => file !== null);
}

/** What a second instance hands the first (requestSingleInstanceLock's additionalData): its files, checked. */
const LaunchDataSchema = z.object({ files: z.array(absolutePathSchema).max(MAX_LAUNCH_FILES) });

export function launchDataFiles(data: unknown): string[] {
  const parsed = LaunchDataSchema.safeParse(data);
  return parsed.success ? parsed.data.files : [];
}
