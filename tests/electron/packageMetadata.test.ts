import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { DESKTOP_NODE, nodeVersionProblem } from '../../scripts/checkNode.mjs';

const ROOT = path.resolve(import.meta.dirname, '../..');
const require = createRequire(import.meta.url);

type Json = Record<string, unknown>;
const packageJson = async () => JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8')) as Json;
const builderConfig = async () => parse(await readFile(path.join(ROOT, 'electron-builder.yml'), 'utf8')) as Json & { linux: Json; deb?: Json };

/** electron-builder's own deb/rpm metadata step (FpmTarget.checkOptions), run on our package.json and config. */
async function debMetadata(metadata: Json): Promise<{ url: string; maintainer: string }> {
  const { AppInfo } = require('app-builder-lib/out/appInfo.js') as { AppInfo: new (info: unknown, buildVersion: null) => unknown };
  const FpmTarget = (require('app-builder-lib/out/targets/FpmTarget.js') as { default: { prototype: object } }).default;
  const config = await builderConfig();
  const info = { metadata, devMetadata: metadata, config, repositoryInfo: Promise.resolve(null) };
  const target = Object.create(FpmTarget.prototype) as { packager: unknown; options: unknown; checkOptions(): Promise<{ url: string; maintainer: string }> };
  target.packager = { appInfo: new AppInfo(info, null), info };
  target.options = { ...config.linux, ...config.deb };
  return target.checkOptions();
}

describe('installer metadata', () => {
  it('gives the deb step the project homepage it requires (it fails without one)', async () => {
    const pkg = await packageJson();
    expect(await debMetadata(pkg)).toMatchObject({ url: pkg.homepage, maintainer: 'Pastiche authors' });
    expect(pkg.homepage).toMatch(/^https:\/\//);
    expect(pkg.repository).toMatchObject({ type: 'git', url: expect.stringMatching(/^git\+https:\/\/.*\.git$/) });
    const { homepage: _h, repository: _r, ...without } = pkg;
    await expect(debMetadata(without)).rejects.toThrow(/Please specify project homepage/);
  });

  it('names the product, its category, the photos it opens, its desktop entry and its licence', async () => {
    const pkg = await packageJson();
    const config = await builderConfig();
    expect(pkg).toMatchObject({ productName: 'Pastiche', description: expect.stringContaining('neural style transfer'), license: 'MIT' });
    expect(config.linux).toMatchObject({ category: 'Graphics', desktop: { entry: { Name: 'Pastiche', Comment: expect.any(String) } } });
    expect(config.mac).toMatchObject({ category: 'public.app-category.graphics-design' });
    const extensions = (config.fileAssociations as Array<{ ext: string | string[] }>).flatMap((a) => a.ext);
    expect(extensions.sort()).toEqual(['jpeg', 'jpg', 'png', 'webp']);
    expect(String(config.copyright)).toContain('CC BY 4.0');
    expect(String(config.linux.description)).toContain('Simonyan');
    const licence = await readFile(path.join(ROOT, (config.nsis as Json).license as string), 'utf8');
    expect(licence).toContain('MIT License');
    expect(licence).toContain('K. Simonyan and A. Zisserman');
    expect(licence).toContain('CC BY 4.0');
    // The dmg takes license_<lang>.txt from the build resources folder.
    expect(path.basename((config.nsis as Json).license as string)).toBe('license_en.txt');
    expect(path.dirname((config.nsis as Json).license as string)).toBe((config.directories as Json).buildResources);
  });
});

describe('npm start on an old Node.js', () => {
  it('says in one sentence which version the desktop app needs', () => {
    expect(DESKTOP_NODE).toBe('22.12.0');
    expect(nodeVersionProblem('20.19.0')).toBe(
      "Pastiche's desktop app needs Node.js 22.12 or newer (this is Node.js 20.19.0): install a current Node.js from https://nodejs.org and run the command again.",
    );
    expect(nodeVersionProblem('v22.11.9')).toMatch(/needs Node.js 22.12 or newer \(this is Node.js 22.11.9\)/);
    expect(nodeVersionProblem('22.12.0')).toBeNull();
    expect(nodeVersionProblem('23.0.0')).toBeNull();
    expect(nodeVersionProblem('24.3.1')).toBeNull();
  });

  it('runs before start and dist, and prints only that sentence when this Node.js is too old', async () => {
    const scripts = (await packageJson()).scripts as Record<string, string>;
    expect(scripts.prestart).toBe('node scripts/checkNode.mjs');
    expect(scripts.predist).toBe('node scripts/checkNode.mjs');
    const run = await promisify(execFile)(process.execPath, [path.join(ROOT, 'scripts/checkNode.mjs')]).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
    );
    const problem = nodeVersionProblem(process.versions.node);
    expect(run).toEqual(problem ? { code: 1, stdout: '', stderr: `${problem}\n` } : { code: 0, stdout: '', stderr: '' });
  });
});
