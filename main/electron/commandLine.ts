import path from 'node:path';
import { z } from 'zod';
import { absolutePathSchema } from './ipc/schemas.js';

/** A first content image and up to this many styles: more on a command line is almost surely a mistake. */
export const MAX_LAUNCH_FILES = 17;

/**
 * The files named on a command line: the arguments after the app itself (`electron .` in development adds
 * one), without switches, resolved against the folder it was started in.
 */
export function fileArguments(argv: readonly string[], cwd: string, defaultApp: boolean): string[] {
  return argv
    .slice(defaultApp ? 2 : 1)
    .filter((arg) => arg !== '' && !arg.startsWith('-'))
    .slice(0, MAX_LAUNCH_FILES)
    .map((arg) => path.resolve(cwd, arg));
}

/** What a second instance hands the first (requestSingleInstanceLock's additionalData): its files, checked. */
const LaunchDataSchema = z.object({ files: z.array(absolutePathSchema).max(MAX_LAUNCH_FILES) });

export function launchDataFiles(data: unknown): string[] {
  const parsed = LaunchDataSchema.safeParse(data);
  return parsed.success ? parsed.data.files : [];
}
