import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../main/electron/contentSecurity.js';
import type { ModelServer } from '../model/fixtures/modelServer.js';
import type { RunningApp } from './electronApp.js';
import { electronSkipReason } from './electronSkip.js';

// The launcher, the image and weights fixtures and the page helpers load only when the tests run.
const load = async () => ({
  ...(await import('./electronApp.js')),
  ...(await import('../e2e/pageHelpers.js')),
  sharp: (await import('sharp')).default,
  extractChunks: (await import('png-chunks-extract')).default,
  pngText: (await import('png-chunk-text')).default,
  writeSyntheticModelFolder: (await import('../fixtures/syntheticModelFolder.js')).writeSyntheticModelFolder,
  writeKerasH5: (await import('../model/fixtures/kerasH5Fixture.js')).writeKerasH5,
  syntheticVggLayers: (await import('../model/fixtures/syntheticVgg.js')).syntheticVggLayers,
  ...(await import('../model/fixtures/modelServer.js')),
});
let lib: Awaited<ReturnType<typeof load>>;

const skip = electronSkipReason();
if (skip) console.log(skip);

const SIZE = 128;
const ROOT = path.resolve(import.meta.dirname, '../..');
const SHARED_WEIGHTS = path.resolve(ROOT, '../shared/models/vgg19');
const LONG = 300_000;

let work: string;
let photo: string;
let style: string;
let weights: string;

/** A photo-like picture (soft gradient, a disc) and a style (bold diagonal stripes), made here so CI needs no images. */
async function writePictures(): Promise<void> {
  const [w, h] = [240, 160];
  const scene = Buffer.alloc(w * h * 3);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const disc = (x - 150) ** 2 + (y - 70) ** 2 < 40 ** 2;
      scene.set(disc ? [230, 200, 60] : [40 + (x * 150) / w, 90 + (y * 100) / h, 170], (y * w + x) * 3);
    }
  }
  photo = path.join(work, 'harbour.png');
  await lib.sharp(scene, { raw: { width: w, height: h, channels: 3 } }).png().toFile(photo);
  const s = 96;
  const stripes = Buffer.alloc(s * s * 3);
  for (let y = 0; y < s; y++) for (let x = 0; x < s; x++) stripes.set((x + y) % 24 < 12 ? [200, 40, 30] : [20, 30, 120], (y * s + x) * 3);
  style = path.join(work, 'stripes.jpg');
  await lib.sharp(stripes, { raw: { width: s, height: s, channels: 3 } }).jpeg({ quality: 95 }).toFile(style);
}

const engineReady = (page: Page) => page.getByText(/^(WebGL · GPU|WebGPU · GPU|WebAssembly · CPU · \d+ threads?)$/).waitFor({ timeout: 180_000 });

/** The `pastiche` tEXt chunk of a PNG, parsed. */
function pasticheChunk(png: Buffer): Record<string, unknown> | null {
  const text = lib.extractChunks(new Uint8Array(png))
    .filter((c) => c.name === 'tEXt' || c.name === 'iTXt')
    .map((c) => (c.name === 'tEXt' ? lib.pngText.decode(c.data) : null))
    .find((t) => t?.keyword === 'pastiche');
  return text ? (JSON.parse(text.text) as Record<string, unknown>) : null;
}

/** Paints with the photo and style on screen: `iterations` at SIZE px. */
async function start(page: Page, iterations: number): Promise<void> {
  await lib.setNumber(page, 'Output size', SIZE);
  await lib.setNumber(page, 'Iterations', iterations);
  await page.getByRole('button', { name: 'Start', exact: true }).click();
}

describe.skipIf(skip !== null)('the desktop app (real Electron)', () => {
  let running: RunningApp | undefined;
  let userData: string;

  beforeAll(async () => {
    lib = await load();
    work = await mkdtemp(path.join(os.tmpdir(), 'pastiche-electron-'));
    userData = path.join(work, 'user data');
    await writePictures();
    weights = existsSync(path.join(SHARED_WEIGHTS, 'model.json')) ? SHARED_WEIGHTS : await lib.writeSyntheticModelFolder(path.join(work, 'weights'), 4);
    running = await lib.launchApp(userData, { PASTICHE_MODEL_DIR: weights });
  }, LONG);

  afterAll(async () => {
    await lib?.closeApp(running);
    await rm(work, { recursive: true, force: true });
  });

  it('opens the studio window, locked down as configured, with no console errors', async () => {
    const { app, page, errors } = running!;
    expect(await page.title()).toBe('Pastiche');
    expect(page.url()).toBe('app://pastiche/index.html');
    await engineReady(page);
    await page.getByRole('region', { name: 'Content image' }).waitFor();

    // What the unit tests could only assume: no Node in the page, the bridge only, an isolated, sandboxed renderer.
    expect(
      await page.evaluate(() => ({
        require: typeof (window as { require?: unknown }).require,
        process: typeof (window as { process?: unknown }).process,
        host: typeof (window as { pasticheHost?: unknown }).pasticheHost,
        isolated: crossOriginIsolated,
      })),
    ).toEqual({ require: 'undefined', process: 'undefined', host: 'object', isolated: true });
    // The renderer runs in Chromium's OS sandbox: macOS and Windows report it; on Linux its seccomp-bpf filter shows.
    const renderer = await app.evaluate(({ app: electronApp, BrowserWindow }) => {
      const pid = BrowserWindow.getAllWindows()[0]!.webContents.getOSProcessId();
      const metric = electronApp.getAppMetrics().find((m) => m.pid === pid);
      return { pid, sandboxed: metric?.sandboxed, noSandbox: electronApp.commandLine.hasSwitch('no-sandbox') };
    });
    if (process.env.PASTICHE_ELECTRON_NO_SANDBOX !== '1') {
      expect(renderer.noSandbox).toBe(false);
      if (process.platform === 'linux') expect(await readFile(`/proc/${renderer.pid}/status`, 'utf8')).toMatch(/^Seccomp:\s+2$/m);
      else expect(renderer.sandboxed).toBe(true);
    }

    // Every app:// response carries the CSP and the isolation headers.
    const headers = await page.evaluate(async () => {
      const response = await fetch('app://pastiche/index.html');
      return ['content-security-policy', 'cross-origin-opener-policy', 'cross-origin-embedder-policy'].map((h) => response.headers.get(h));
    });
    expect(headers).toEqual([CONTENT_SECURITY_POLICY, 'same-origin', 'require-corp']);
    expect(errors).toEqual([]);

    // Navigating away is refused, and so are new windows.
    await page.evaluate(() => {
      window.location.href = 'https://example.com/';
    });
    await page.waitForTimeout(1_500);
    expect(page.url()).toBe('app://pastiche/index.html');
    expect(await page.evaluate(() => window.open('https://example.com/') === null)).toBe(true);
    expect(app.windows()).toHaveLength(1);
  }, LONG);

  it('opens a photo and a style through the dialogs, paints 10 iterations at 128 px, the preview changing', async () => {
    const { app, page, errors } = running!;
    await lib.answerOpenDialogs(app, [photo, style]);
    await page.getByRole('region', { name: 'Content image' }).getByRole('button', { name: /Drop a photo/ }).click();
    await page.getByRole('region', { name: 'Content image' }).getByRole('img', { name: 'harbour.png' }).waitFor();
    await page.getByRole('region', { name: 'Style images' }).getByRole('button', { name: /Drop style images/ }).click();
    await page.getByRole('region', { name: 'Style images' }).getByRole('img', { name: 'stripes.jpg' }).waitFor();

    await start(page, 10);
    await expect.poll(async () => (await lib.previewPixels(page)).width, { timeout: 60_000 }).toBe(SIZE);
    const first = await lib.previewPixels(page);
    expect(first.height).toBe(85);
    await expect.poll(async () => lib.meanDifference(await lib.previewPixels(page), first), { timeout: 180_000, interval: 250 }).toBeGreaterThan(2);
    await expect.poll(() => page.getByRole('button', { name: 'Pause', exact: true }).isVisible(), { timeout: 180_000 }).toBe(false);
    expect(errors).toEqual([]);
  }, LONG);

  it('exports through the save dialog: a PNG on disk with its size and the pastiche text chunk', async () => {
    const { app, page, errors } = running!;
    const target = path.join(work, 'exported', 'harbour-stripes.png');
    await mkdir(path.dirname(target), { recursive: true });
    await lib.answerSaveDialog(app, target);
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    await expect.poll(() => existsSync(target), { timeout: 60_000 }).toBe(true);
    const png = await readFile(target);
    expect(await lib.sharp(png).metadata()).toMatchObject({ format: 'png', width: SIZE, height: 85 });
    expect(pasticheChunk(png)).toMatchObject({
      app: 'Pastiche',
      settings: { size: SIZE, iterations: 10 },
      inputs: { content: 'harbour.png', styles: ['stripes.jpg'] },
    });
    expect((await readdir(path.dirname(target))).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(errors).toEqual([]);
  }, LONG);

  it('asks before quitting during a run, and the next start offers the unfinished run', async () => {
    const { app, page } = running!;
    await start(page, 2000);
    await expect.poll(() => lib.iterationsDone(page), { timeout: 120_000 }).toBeGreaterThan(0);
    // The run is kept every few seconds; wait for the first save.
    const checkpoint = path.join(userData, 'checkpoint', 'checkpoint.json');
    await expect.poll(() => existsSync(checkpoint), { timeout: 120_000, interval: 500 }).toBe(true);

    // "Keep painting": nothing closes, the run goes on.
    await lib.answerMessageBoxes(app, 1);
    await app.evaluate(({ app: electronApp }) => electronApp.quit());
    await expect.poll(async () => (await lib.messagesShown(app)).length, { timeout: 30_000 }).toBe(1);
    expect(await lib.messagesShown(app)).toEqual(['A picture is still being painted. Quit anyway?']);
    const before = await lib.iterationsDone(page);
    await expect.poll(() => lib.iterationsDone(page), { timeout: 60_000 }).toBeGreaterThan(before);

    // "Quit": the app ends, the checkpoint stays.
    await lib.answerMessageBoxes(app, 0);
    const ended = lib.exited(app);
    // The process may end before the answer to this call comes back.
    await app.evaluate(({ app: electronApp }) => electronApp.quit()).catch(() => undefined);
    await ended;
    running = undefined;
    expect(existsSync(checkpoint)).toBe(true);

    running = await lib.launchApp(userData, { PASTICHE_MODEL_DIR: weights });
    const offer = running.page.getByRole('region', { name: 'Unfinished run' });
    await offer.waitFor({ timeout: 120_000 });
    expect(await offer.innerText()).toContain('harbour.png');
    await engineReady(running.page);
    expect(await offer.getByRole('button', { name: 'Resume run' }).isEnabled()).toBe(true);
    expect(running.errors).toEqual([]);
  }, LONG);
});

describe.skipIf(skip !== null)('the desktop app’s first run (real Electron, empty model store)', () => {
  let running: RunningApp | undefined;
  let server: ModelServer;
  let userData: string;
  let dir: string;

  beforeAll(async () => {
    lib = await load();
    dir = await mkdtemp(path.join(os.tmpdir(), 'pastiche-first-run-'));
    userData = path.join(dir, 'user data');
    const h5File = path.join(dir, 'vgg19.h5');
    await lib.writeKerasH5(h5File, lib.syntheticVggLayers(4, 5));
    const h5 = new Uint8Array(await readFile(h5File));
    server = await lib.ModelServer.start();
    server.on('/vgg19.h5', lib.serveFile(h5, { etag: '"weights"' }));
    running = await lib.launchApp(userData, {
      PASTICHE_MODEL_DIR: undefined,
      PASTICHE_MODEL_URL: server.url('/vgg19.h5'),
      PASTICHE_MODEL_MD5: createHash('md5').update(h5).digest('hex'),
      NO_PROXY: '127.0.0.1',
    });
  }, LONG);

  afterAll(async () => {
    await lib?.closeApp(running);
    await server?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('shows the model panel, downloads the weights from the local server and starts the engine', async () => {
    const { page, errors } = running!;
    const panel = page.getByRole('region', { name: 'Model weights needed' });
    await panel.waitFor({ timeout: 120_000 });
    expect(await page.getByRole('button', { name: 'Start', exact: true }).isDisabled()).toBe(true);
    await panel.getByRole('button', { name: 'Download weights' }).click();
    await engineReady(page);
    expect(await panel.isVisible()).toBe(false);
    expect(server.requestsTo('/vgg19.h5').length).toBeGreaterThanOrEqual(1);
    expect(existsSync(path.join(userData, 'models', 'vgg19', 'model.json'))).toBe(true);
    expect(errors).toEqual([]);
  }, LONG);
});
