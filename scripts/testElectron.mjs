// `npm run test:electron`: the end-to-end tests of the real Electron app (tests/electron-app), after the build.
// On Linux without a display they run under xvfb-run (a virtual X server); elsewhere on the desktop as it is.
// `--preflight` only checks that Electron's binary is installed, before the build spends minutes.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');

/** Whether node_modules/electron holds its binary (npm installs skip it with ELECTRON_SKIP_BINARY_DOWNLOAD=1). */
function electronInstalled() {
  try {
    const dir = path.dirname(createRequire(import.meta.url).resolve('electron/package.json'));
    const pathFile = path.join(dir, 'path.txt');
    return existsSync(pathFile) && existsSync(path.join(dir, 'dist', readFileSync(pathFile, 'utf8').trim()));
  } catch {
    return false;
  }
}

if (!electronInstalled()) {
  console.error('The Electron tests need the Electron binary, which is not installed: run `npm install` without ELECTRON_SKIP_BINARY_DOWNLOAD.');
  process.exit(1);
}
if (process.argv.includes('--preflight')) process.exit(0);
const vitest = [path.join(ROOT, 'node_modules', 'vitest', 'vitest.mjs'), 'run', 'tests/electron-app'];
const env = { ...process.env, PASTICHE_ELECTRON_E2E: '1' };
const headless = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;

const [command, args] = headless
  ? ['xvfb-run', ['--auto-servernum', '--server-args=-screen 0 1920x1080x24', process.execPath, ...vitest]]
  : [process.execPath, vitest];
const result = spawnSync(command, args, { cwd: ROOT, env, stdio: 'inherit' });
if (result.error) {
  const missing = headless && result.error.code === 'ENOENT';
  console.error(missing ? 'There is no display and no xvfb-run: install xvfb (apt-get install xvfb) to run the Electron tests.' : result.error.message);
  process.exit(1);
}
process.exit(result.status ?? 1);
