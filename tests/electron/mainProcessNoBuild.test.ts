import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it, vi } from 'vitest';
import { electron, FakeBrowserWindow } from './fakeElectron.js';

vi.mock('electron', async () => (await import('./fakeElectron.js')).electron);

const argv = process.argv;
let root: string | undefined;

afterAll(async () => {
  process.argv = argv;
  if (root) await rm(root, { recursive: true, force: true });
});

it('says how to build the studio, and quits, when dist/web is missing', async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'pastiche-nobuild-'));
  electron.app.getAppPath.mockReturnValue(root);
  electron.app.getPath.mockImplementation(() => path.join(root!, 'userData'));
  process.argv = ['/opt/Pastiche/pastiche'];
  const shown = new Promise<[string, string]>((resolve) => electron.dialog.showErrorBox.mockImplementation((title: string, text: string) => resolve([title, text])));
  await import('../../main/electron/main.js');
  electron.app.becomeReady();
  const [title, text] = await shown;
  expect(title).toBe('Pastiche could not start');
  expect(text).toBe(`The studio is not built (no ${path.join(root, 'dist', 'web')}/index.html): run "npm run build:web".`);
  expect(electron.app.exit).toHaveBeenCalledWith(1);
  expect(FakeBrowserWindow.created).toHaveLength(0);
});
