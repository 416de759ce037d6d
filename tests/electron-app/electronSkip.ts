import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/* Kept apart from the launcher (playwright-core, sharp, the fixtures), so that a run without Electron loads nothing heavy. */

/** The binary node_modules/electron installed (its path.txt names it inside dist/), or null when it is absent. */
export function electronBinary(): string | null {
  let dir: string;
  try {
    dir = path.dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return null;
  }
  const pathFile = path.join(dir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = path.join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

/** Why the Electron tests do not run now (one line for the test output), or null when they do. */
export function electronSkipReason(): string | null {
  if (!electronBinary()) {
    return 'Electron end-to-end tests skipped: the Electron binary is not installed (node_modules/electron has no dist/); `npm run test:electron` runs them where it is.';
  }
  if (process.env.PASTICHE_ELECTRON_E2E !== '1') {
    return 'Electron end-to-end tests skipped in this run: `npm run test:electron` runs them (under xvfb-run on Linux without a display).';
  }
  return null;
}
