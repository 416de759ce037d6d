import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { corruptName } from '../../main/node/settings/jsonFile.js';
import { jsonObjectProblem } from '../../main/node/settings/jsonValue.js';
import { STUDIO_SETTINGS_LIMITS } from '../../main/node/settings/settingsSchema.js';
import { SettingsService } from '../../main/node/settings/settingsService.js';
import { listFolder, useTempFolders } from '../fixtures/tempFolder.js';
import { call, makeContext, valueOf } from './testContext.js';

vi.mock('electron', async () => (await import('./fakeElectron.js')).electron);

const tempFolder = useTempFolders('pastiche-settings-');
const fixedNow = () => new Date('2025-03-04T05:06:07.089Z');

describe('settings', () => {
  it('survive a restart: a new service reads what the previous one wrote', async () => {
    const dir = await tempFolder();
    const { settings } = await SettingsService.open(dir);
    await settings.setStudio({ outputSize: 768, styles: [{ weight: 0.5 }], backend: 'webgl' });
    await settings.setWindow({ x: 12, y: 34, width: 1200, height: 800, maximized: true });
    await settings.setFolder('export', '/home/someone/Pictures');

    const { settings: again, loaded } = await SettingsService.open(dir);
    expect(loaded.keptAside).toBeUndefined();
    expect(again.studio()).toEqual({ outputSize: 768, styles: [{ weight: 0.5 }], backend: 'webgl' });
    expect(again.window()).toEqual({ x: 12, y: 34, width: 1200, height: 800, maximized: true });
    expect(again.folder('export')).toBe('/home/someone/Pictures');
    expect(await listFolder(dir)).toEqual(['settings.json']);
  });

  it('survive a restart through the IPC handlers', async () => {
    const userData = await tempFolder();
    const first = await makeContext(userData);
    expect(await call(first.ctx, 'setSettings', [{ iterations: 300, seed: 7 }])).toEqual({ ok: true, value: undefined });
    const second = await makeContext(userData);
    expect(valueOf(await call(second.ctx, 'getSettings', []))).toEqual({ iterations: 300, seed: 7 });
  });

  it('start from defaults when there is no file, without writing one', async () => {
    const dir = await tempFolder();
    const { settings } = await SettingsService.open(dir);
    expect(settings.studio()).toEqual({});
    expect(settings.window()).toBeUndefined();
    expect(await listFolder(dir)).toEqual([]);
  });

  it('replace a corrupt file with defaults and keep the bad one aside', async () => {
    const dir = await tempFolder();
    await writeFile(path.join(dir, 'settings.json'), '{"version": 1, "studio": {"outputSize": 5');
    const { settings, loaded } = await SettingsService.open(dir, fixedNow);
    const aside = path.join(dir, 'settings.corrupt-2025-03-04T05-06-07-089Z.json');
    expect(loaded.keptAside).toBe(aside);
    expect(loaded.problem).toMatch(/^not valid JSON/);
    expect(settings.studio()).toEqual({});
    expect(await readFile(aside, 'utf8')).toBe('{"version": 1, "studio": {"outputSize": 5');
    expect(JSON.parse(await readFile(path.join(dir, 'settings.json'), 'utf8'))).toEqual({ version: 1, folders: {}, studio: {} });
    expect(await listFolder(dir)).toEqual(['settings.corrupt-2025-03-04T05-06-07-089Z.json', 'settings.json']);
  });

  it('treat valid JSON of the wrong shape as corrupt too, and never overwrite an earlier corrupt copy', async () => {
    const dir = await tempFolder();
    await writeFile(path.join(dir, 'settings.json'), '[1, 2, 3]');
    await SettingsService.open(dir, fixedNow);
    await writeFile(path.join(dir, 'settings.json'), '{"version": 1, "folders": {}, "studio": {"__proto__": {"x": 1}}}');
    const { loaded } = await SettingsService.open(dir, fixedNow);
    expect(loaded.problem).toMatch(/__proto__/);
    expect(await listFolder(dir)).toEqual([
      'settings.corrupt-2025-03-04T05-06-07-089Z-2.json',
      'settings.corrupt-2025-03-04T05-06-07-089Z.json',
      'settings.json',
    ]);
    expect(await readFile(path.join(dir, 'settings.corrupt-2025-03-04T05-06-07-089Z.json'), 'utf8')).toBe('[1, 2, 3]');
  });

  it('are written atomically, in order: many quick changes leave only the last, and no temp files', async () => {
    const dir = await tempFolder();
    const { settings } = await SettingsService.open(dir);
    await Promise.all(Array.from({ length: 20 }, (_, i) => settings.setStudio({ step: i })));
    expect(JSON.parse(await readFile(settings.path, 'utf8')).studio).toEqual({ step: 19 });
    expect(await listFolder(dir)).toEqual(['settings.json']);
  });

  it('create the user data folder when it does not exist yet', async () => {
    const dir = path.join(await tempFolder(), 'new', 'Pastiche');
    const { settings } = await SettingsService.open(dir);
    await settings.setFolder('content', '/pics');
    expect(await listFolder(dir)).toEqual(['settings.json']);
  });

  it('name the corrupt copy without characters Windows forbids', () => {
    expect(corruptName('/data/settings.json', new Date('2025-01-31T12:00:00.000Z'))).toBe('/data/settings.corrupt-2025-01-31T12-00-00-000Z.json');
  });
});

describe('studio settings values', () => {
  const problem = (value: unknown) => jsonObjectProblem(value, STUDIO_SETTINGS_LIMITS);

  it('accept plain JSON data', () => {
    expect(problem({ a: 1, b: 'x', c: [true, null, { d: -2.5 }] })).toBeNull();
  });

  it('refuse prototype keys at any depth, non-JSON values, deep nesting and big payloads', () => {
    expect(problem(JSON.parse('{"a": {"b": [{"__proto__": 1}]}}'))).toBe('settings.a.b[0] has the key "__proto__", which is not allowed');
    expect(problem({ constructor: 1 })).toBe('settings has the key "constructor", which is not allowed');
    expect(problem({ x: Number.POSITIVE_INFINITY })).toBe('settings.x is not a finite number');
    expect(problem({ x: new Uint8Array(2) })).toBe('settings.x is not a plain object');
    expect(problem({ x: 1n })).toBe('settings.x is a bigint, which JSON cannot hold');
    expect(problem([])).toBe('settings must be an object');
    expect(problem({ s: 'x'.repeat(STUDIO_SETTINGS_LIMITS.maxBytes) })).toMatch(/^settings take \d+ bytes, more than the 262144 allowed$/);
    expect(problem({ list: Array.from({ length: 20_000 }, () => 0) })).toBe('settings has more than 10000 values');
  });
});
