import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
// electron-builder's own config loader and schema check (Electron cannot be downloaded here to build for real).
const require = createRequire(import.meta.url);
const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
  validateConfiguration: (config: unknown, logger: unknown) => Promise<void>;
};
const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
const yaml = require('js-yaml') as { load: (text: string) => unknown };

interface BuilderConfig {
  appId: string;
  productName: string;
  files: string[];
  asarUnpack: string[];
  electronFuses: Record<string, boolean>;
  linux: { target: string[] };
  mac: { target: string };
  win: { target: string };
}

async function builderConfig(): Promise<BuilderConfig> {
  return yaml.load(await readFile(path.join(ROOT, 'electron-builder.yml'), 'utf8')) as BuilderConfig;
}

describe('packaging', () => {
  it('electron-builder.yml passes electron-builder’s schema', async () => {
    await expect(validateConfiguration(await builderConfig(), new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('builds AppImage and deb, dmg and nsis, of the app in dist/, with native and wasm code unpacked', async () => {
    const config = await builderConfig();
    expect(config).toMatchObject({ productName: 'Pastiche', linux: { target: ['AppImage', 'deb'] }, mac: { target: 'dmg' }, win: { target: 'nsis' } });
    expect(config.files).toEqual(expect.arrayContaining(['dist/**/*', 'package.json']));
    expect(config.asarUnpack).toEqual(expect.arrayContaining(['node_modules/sharp/**/*', '**/*.wasm']));
    expect(config.electronFuses).toMatchObject({ runAsNode: false, enableNodeOptionsEnvironmentVariable: false, onlyLoadAppFromAsar: true });
  });

  it('package.json starts Electron on the compiled main process, with the product name the user data folder uses', async () => {
    const pkg = JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8')) as { main: string; productName: string; scripts: Record<string, string> };
    expect(pkg.main).toBe('dist/main/electron/main.js');
    expect(pkg.productName).toBe('Pastiche');
    expect(pkg.scripts.start).toMatch(/build:web.*build:electron.*electron \.$/);
    expect(pkg.scripts.dist).toMatch(/build:web.*build:electron.*electron-builder/);
    expect(pkg.scripts['build:electron']).toContain('build:preload');
  });
});
