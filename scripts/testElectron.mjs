// `npm run test:electron`: the end-to-end tests of the real Electron app (tests/electron-app), after the build.
// On Linux without a display they run under xvfb-run (a virtual X server); elsewhere on the desktop as it is.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');
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
