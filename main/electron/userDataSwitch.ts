import path from 'node:path';
import { app } from 'electron';

/**
 * `--user-data-dir=DIR` keeps everything Pastiche stores (settings, weights, history, the unfinished run,
 * logs) in DIR instead of the system's place: a second profile, a copy on a USB stick, or a test's temporary
 * folder. Runs before anything reads the user data path, and before the single-instance lock (which lives
 * there, so separate folders run side by side).
 */
export function useUserDataSwitch(): void {
  const dir = app.commandLine.getSwitchValue('user-data-dir');
  if (dir) app.setPath('userData', path.resolve(dir));
}
