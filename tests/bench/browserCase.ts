/**
 * One benchmark case in headless Chromium (Debian's, as the end-to-end tests use): the engine in a Web
 * Worker on the wasm backend with 1 or more threads, the way the studio runs it when the page is
 * cross-origin isolated (the Electron protocol and `npm run web` send COOP/COEP). Node's own wasm backend
 * cannot use threads, so this is where the engine's multi-threaded speed on this machine is measured.
 *   tsx tests/bench/browserCase.ts --size 256 --threads 2 --warmup 2 --iterations 5
 * With `--gpu --backend webgl|webgpu` it runs headed Chromium on the machine's real GPU instead (no
 * SwiftShader flags; WebGPU enabled with --enable-unsafe-webgpu and Vulkan where Linux needs it): it needs
 * a display (on Linux without one: xvfb-run, which has no GPU and so measures a software renderer) and
 * reports the GPU's name. Prints one JSON line (BrowserResult plus medianMs).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { build } from 'vite';
import { chromium } from 'playwright-core';
import { CHROMIUM, chromiumAvailable, launchChromium } from '../e2e/browser.js';
import { startStaticServer } from '../e2e/staticServer.js';
import type { BrowserBackend, BrowserRequest, BrowserResult } from './browser/worker.js';
import { CONTENT_IMAGE, MODEL_DIR, ROOT, STYLE_IMAGE, median } from './inputs.js';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : process.argv[i + 1]!;
}

const PAGE = `<!doctype html><meta charset="utf-8"><title>pastiche bench</title>
<script type="module">
const worker = new Worker('./worker.js', { type: '__TYPE__' });
window.runBench = (request) => new Promise((resolve) => { worker.onmessage = (e) => resolve(e.data); worker.postMessage(request); });
</script>`;

async function writeImage(dir: string, name: string, file: string): Promise<void> {
  const { data, info } = await sharp(file).rotate().removeAlpha().ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  writeFileSync(path.join(dir, `${name}.rgba`), data);
  writeFileSync(path.join(dir, `${name}.json`), JSON.stringify({ width: info.width, height: info.height }));
}

/** Headed Chromium on the real GPU: no SwiftShader, WebGPU on (Vulkan on Linux), the GPU blocklist ignored. */
const GPU_FLAGS = ['--no-sandbox', '--no-first-run', '--disable-background-networking', '--enable-unsafe-webgpu', '--enable-features=Vulkan', '--ignore-gpu-blocklist'];

async function main(): Promise<void> {
  if (!chromiumAvailable()) throw new Error('Chromium not found (set PASTICHE_CHROMIUM)');
  const request: BrowserRequest = {
    size: Number(arg('size', '256')),
    threads: Number(arg('threads', '2')),
    warmup: Number(arg('warmup', '2')),
    iterations: Number(arg('iterations', '5')),
    backend: arg('backend', 'wasm') as BrowserBackend,
  };
  const gpu = process.argv.includes('--gpu');
  // A classic worker: Emscripten's pthreads (the threaded wasm build) need importScripts, which module workers lack.
  const workerType = arg('worker', 'classic') as 'classic' | 'module';
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pastiche-bench-'));
  try {
    await build({
      configFile: false,
      logLevel: 'warn',
      root: ROOT,
      build: {
        outDir: path.join(dir, 'page'),
        emptyOutDir: false,
        minify: false,
        lib: { entry: path.join(ROOT, 'tests/bench/browser/worker.ts'), formats: [workerType === 'module' ? 'es' : 'iife'], name: 'benchWorker', fileName: () => 'worker.js' },
      },
    });
    writeFileSync(path.join(dir, 'page', 'index.html'), PAGE.replace('__TYPE__', workerType));
    const inputs = path.join(dir, 'inputs');
    (await import('node:fs')).mkdirSync(inputs);
    await writeImage(inputs, 'content', CONTENT_IMAGE);
    await writeImage(inputs, 'style', STYLE_IMAGE);
    const server = await startStaticServer([
      { prefix: '/', dir: path.join(dir, 'page') },
      { prefix: '/inputs/', dir: inputs },
      { prefix: '/wasm/', dir: path.join(ROOT, 'node_modules/@tensorflow/tfjs-backend-wasm/dist') },
      { prefix: '/models/vgg19/', dir: MODEL_DIR },
    ]);
    const browser = gpu ? await chromium.launch({ executablePath: CHROMIUM, headless: false, args: GPU_FLAGS }) : await launchChromium(request.backend === 'webgpu' ? ['--enable-unsafe-webgpu'] : []);
    try {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      if (process.env.BENCH_DEBUG) {
        page.context().on('request', (r) => process.stderr.write(`request ${r.url()}\n`));
        page.on('console', (m) => process.stderr.write(`console ${m.text()}\n`));
        page.on('worker', (w) => process.stderr.write(`worker ${w.url().slice(0, 80)}\n`));
      }
      await page.goto(`${server.url}/index.html`);
      await page.waitForFunction(() => 'runBench' in window);
      const reply = await page.evaluate(
        (r) => (window as unknown as { runBench(r: unknown): Promise<{ ok: boolean; result?: unknown; error?: string }> }).runBench(r),
        request,
      );
      if (!reply.ok) throw new Error(`the worker failed: ${reply.error}${errors.length ? `; page errors: ${errors.join('; ')}` : ''}`);
      const result = reply.result as BrowserResult;
      process.stdout.write(`${JSON.stringify({ ...request, workerType, realGpu: gpu, ...result, medianMs: median(result.times) })}\n`);
    } finally {
      await browser.close();
      await server.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
