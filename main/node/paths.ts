import os from 'node:os';
import path from 'node:path';

export const APP_NAME = 'Pastiche';

/**
 * The per-user data folder, the same one Electron's app.getPath('userData') gives the desktop app
 * (productName "Pastiche"), so the CLI and the studio share settings and the model store.
 */
export function userDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), APP_NAME);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', APP_NAME);
  return path.join(env.XDG_CONFIG_HOME || path.join(home, '.config'), APP_NAME);
}

/** The model store: <userData>/models, holding one folder per model (vgg19/ with model.json and shards). */
export function defaultModelStoreDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(userDataDir(env), 'models');
}
