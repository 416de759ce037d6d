import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type Costs, type StyleSettings } from '../../app/index.js';
import { engineWorkerPath, meanDifference, openEnginePage, pictureAt, runEngineSession, type EngineSession, type EnginePage, type Picture } from './engineHarness.js';
import { IMAGES, missingForStudioTest } from './requirements.js';

/**
 * The engine worker on each backend the studio can run, in Chromium, on the real weights, under the
 * desktop app's exact headers (its CSP with COOP/COEP): WebAssembly with two threads, WebGL (SwiftShader's
 * WebGL 2) and WebGPU (SwiftShader's Vulkan, --enable-unsafe-webgpu). The same five Adam iterations from
 * the same start at 64 px on each (SwiftShader's WebGPU takes seconds per convolution, so the size stays
 * small); WebAssembly is the reference.
 *
 * Tolerance: 1e-4 relative on every cost at every iteration. SwiftShader offers float32 render targets,
 * so TensorFlow.js's WebGL backend keeps float32 textures here (it falls back to float16 only where a GPU
 * cannot render to float32, WEBGL_RENDER_FLOAT32_ENABLED false, where 11-bit mantissas would need about
 * 1e-2); WebGPU computes in float32. What remains is summation order: measured 1e-6 to 2e-5 here. A wrong
 * kernel (a dropped bias, wrong padding, a transposed Gram) moves the style cost by more than 1 %.
 */
const missing = missingForStudioTest('the engine backends test');
const SIZE = 64;
const SETTINGS: StyleSettings = { ...DEFAULT_SETTINGS, size: SIZE, startSize: SIZE, iterations: 5, optimizer: 'adam', seed: 1, previewSeconds: 1000 };
const TOLERANCE = 1e-4;

let engine: EnginePage | undefined;
let page: Page;
let workerPath: string;
let content: Picture;
let style: Picture;
let reference: EngineSession | null = null;

function run(backend: 'wasm' | 'webgl' | 'webgpu', threads = 1): Promise<EngineSession> {
  return runEngineSession(page, workerPath, { backend, options: { threads, trials: {} }, runs: [SETTINGS], content, style, timeoutMs: 500_000 });
}

/** Relative differences of each cost (content starts at 0: measured against the total there). */
function relative(a: Costs, b: Costs): number[] {
  const rel = (x: number, y: number) => Math.abs(x - y) / Math.max(Math.abs(y), 1e-3 * b.total);
  return [rel(a.total, b.total), rel(a.content, b.content), rel(a.style, b.style), rel(a.smoothness, b.smoothness)];
}

/** A blob: module worker that runs `code` and then the engine: how the tests take WebGPU away or break it. */
const WITHOUT_WEBGPU = "Object.defineProperty(Object.getPrototypeOf(navigator), 'gpu', { get: () => undefined, configurable: true });";
const FAILING_DEVICE = "GPUAdapter.prototype.requestDevice = () => Promise.reject(new Error('simulated: no GPU device'));";

describe.skipIf(missing.length > 0)('the engine worker on each backend (real weights, Chromium)', () => {
  beforeAll(async () => {
    engine = await openEnginePage(['--enable-unsafe-webgpu']);
    page = engine.page;
    workerPath = engineWorkerPath();
    content = await pictureAt(path.join(IMAGES, 'chelsea.jpg'), SIZE);
    style = await pictureAt(path.join(IMAGES, 'starry_night.jpg'), SIZE);
  }, 300_000);

  afterAll(() => engine?.close());

  it('runs WebAssembly with two threads in the worker, under the app CSP, without leaking tensors', async () => {
    const s = await run('wasm', 2);
    expect(s.failure).toBeNull();
    expect(s.backend).toMatchObject({ name: 'wasm', reason: 'chosen in settings', threads: 2 });
    expect(s.runs[0]!.costs).toHaveLength(5);
    expect(s.tensors).toHaveLength(2);
    expect(s.tensors[1]).toBe(s.tensors[0]);
    reference = s;
  }, 600_000);

  for (const backend of ['webgl', 'webgpu'] as const) {
    it(`${backend}: the same costs as WebAssembly, the picture changes, no tensors leak`, async () => {
      expect(reference, 'the WebAssembly reference run').not.toBeNull();
      const ref = reference!.runs[0]!;
      const s = await run(backend);
      expect(s.failure).toBeNull();
      expect(s.backend).toMatchObject({ name: backend, reason: expect.stringMatching(/^chosen in settings \(.*SwiftShader.*\)$/i) as unknown });
      const [five] = s.runs;
      expect(five!.costs).toHaveLength(5);
      const worst = Math.max(...five!.costs.flatMap((c, i) => relative(c, ref.costs[i]!)));
      const moved = meanDifference(five!.image, content);
      const refMoved = meanDifference(ref.image, content);
      const apart = meanDifference(five!.image, ref.image);
      console.log(`${backend}: worst relative cost difference ${worst.toExponential(2)}; picture moved ${moved.toFixed(2)}/255 (wasm ${refMoved.toFixed(2)}), ${apart.toFixed(3)}/255 from wasm's; tensors ${s.tensors.join(' → ')}`);
      expect(worst).toBeLessThan(TOLERANCE);
      // The styled picture left the photo as far as wasm's did and ended where wasm's ended.
      expect(refMoved).toBeGreaterThan(5);
      expect(moved).toBeGreaterThan(0.9 * refMoved);
      expect(apart).toBeLessThan(0.02 * refMoved);
      expect(s.tensors).toHaveLength(2);
      expect(s.tensors[1]).toBe(s.tensors[0]);
    }, 600_000);
  }

  it('falls back when WebGPU is chosen but missing, or when its device fails to start', async () => {
    const request = { backend: 'webgpu' as const, options: { threads: 1, trials: {} }, runs: [], timeoutMs: 120_000 };
    const missingGpu = await runEngineSession(page, workerPath, { ...request, prelude: WITHOUT_WEBGPU });
    expect(missingGpu.backend).toMatchObject({ name: 'wasm', reason: 'WebGPU is not available here; the only GPU is a software renderer (SwiftShader), slower than WebAssembly' });
    const failing = await runEngineSession(page, workerPath, { ...request, prelude: FAILING_DEVICE });
    expect(failing.backend).toMatchObject({ name: 'wasm', reason: 'WebGPU could not start; the only GPU is a software renderer (SwiftShader), slower than WebAssembly' });
  }, 300_000);
});
