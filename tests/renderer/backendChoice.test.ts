import { describe, expect, it } from 'vitest';
import { chooseBackend, gpuLabel, isSoftwareRenderer, planBackends, restoreGpuTrials, trialWinner } from '../../renderer/engine/backendChoice.js';
import { resolveThreads, threadChoices } from '../../renderer/engine/threadCount.js';

const SWIFTSHADER = 'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)';
const NVIDIA = 'ANGLE (NVIDIA, NVIDIA GeForce RTX 3060 (0x00002503) Direct3D11 vs_5_0 ps_5_0, D3D11)';

describe('backend choice', () => {
  it('uses WebGL on a real GPU when left on automatic', () => {
    expect(chooseBackend('auto', { webgl2: true, renderer: NVIDIA })).toEqual({ name: 'webgl', reason: 'running on NVIDIA GeForce RTX 3060' });
  });

  it('uses WebAssembly when the only GPU is a software renderer', () => {
    for (const renderer of [SWIFTSHADER, 'llvmpipe (LLVM 15.0.6, 256 bits)', 'Microsoft Basic Render Driver', 'Google SwiftShader']) {
      expect(chooseBackend('auto', { webgl2: true, renderer }).name).toBe('wasm');
    }
    expect(chooseBackend('auto', { webgl2: true, renderer: SWIFTSHADER }).reason).toBe('the only GPU is a software renderer (SwiftShader), slower than WebAssembly');
  });

  it('uses WebAssembly without WebGL 2, even when WebGL was asked for', () => {
    expect(chooseBackend('auto', { webgl2: false, renderer: null })).toEqual({ name: 'wasm', reason: 'WebGL 2 is not available here' });
    expect(chooseBackend('webgl', { webgl2: false, renderer: null }).name).toBe('wasm');
  });

  it('follows an explicit choice', () => {
    expect(chooseBackend('webgl', { webgl2: true, renderer: SWIFTSHADER }).name).toBe('webgl');
    expect(chooseBackend('wasm', { webgl2: true, renderer: NVIDIA })).toEqual({ name: 'wasm', reason: 'chosen in settings' });
  });

  it('recognises software renderers and names GPUs readably', () => {
    expect(isSoftwareRenderer(NVIDIA)).toBe(false);
    expect(isSoftwareRenderer(null)).toBe(false);
    expect(isSoftwareRenderer('Apple M2')).toBe(false);
    expect(gpuLabel('Apple M2')).toBe('Apple M2');
    expect(gpuLabel(null)).toBe('an unknown GPU');
  });
});

describe('the WebGPU → WebGL → wasm order', () => {
  const NVIDIA_GL = { webgl2: true, renderer: NVIDIA };
  const SOFT_GL = { webgl2: true, renderer: SWIFTSHADER };
  const NO_GL = { webgl2: false, renderer: null };
  const RTX = { adapter: 'nvidia ampere', software: false };
  const SOFT_GPU = { adapter: 'google swiftshader', software: true };
  const names = (plan: ReturnType<typeof planBackends>) => plan.chain.map((c) => c.name);

  it('measures WebGPU against WebGL once per adapter when both run on hardware', () => {
    const plan = planBackends('auto', NVIDIA_GL, RTX, {});
    expect(plan.trial).toBe('nvidia ampere');
    expect(names(plan)).toEqual(['webgl', 'wasm']);
    // Another adapter's result does not count for this one.
    expect(planBackends('auto', NVIDIA_GL, RTX, { 'intel gen-12lp': trialWinner('intel gen-12lp', 5, 9) }).trial).toBe('nvidia ampere');
  });

  it('follows the cached trial: WebGPU only when it was faster', () => {
    const faster = planBackends('auto', NVIDIA_GL, RTX, { 'nvidia ampere': trialWinner('nvidia ampere', 12.4, 20.2) });
    expect(faster.trial).toBeNull();
    expect(names(faster)).toEqual(['webgpu', 'webgl', 'wasm']);
    expect(faster.chain[0]!.reason).toBe('measured faster than WebGL on nvidia ampere: 12 ms vs 20 ms per step');
    const slower = planBackends('auto', NVIDIA_GL, RTX, { 'nvidia ampere': trialWinner('nvidia ampere', 31, 20) });
    expect(names(slower)).toEqual(['webgl', 'wasm']);
    expect(slower.chain[0]!.reason).toBe('measured faster than WebGPU on nvidia ampere: 20 ms vs 31 ms per step');
    const broken = planBackends('auto', NVIDIA_GL, RTX, { 'nvidia ampere': trialWinner('nvidia ampere', null, 20) });
    expect(broken.chain[0]).toEqual({ name: 'webgl', reason: 'WebGPU failed its start-up trial on nvidia ampere' });
  });

  it('never picks a software WebGPU adapter automatically', () => {
    const plan = planBackends('auto', SOFT_GL, SOFT_GPU, {});
    expect(plan.trial).toBeNull();
    expect(names(plan)).toEqual(['wasm']);
    expect(plan.chain[0]!.reason).toBe('the WebGPU adapter is a software fallback (google swiftshader); the only GPU is a software renderer (SwiftShader), slower than WebAssembly');
    expect(names(planBackends('auto', NVIDIA_GL, SOFT_GPU, {}))).toEqual(['webgl', 'wasm']);
  });

  it('uses hardware WebGPU without a trial when WebGL has no hardware GPU', () => {
    expect(names(planBackends('auto', SOFT_GL, RTX, {}))).toEqual(['webgpu', 'wasm']);
    expect(names(planBackends('auto', NO_GL, RTX, {}))).toEqual(['webgpu', 'wasm']);
    expect(planBackends('auto', NO_GL, RTX, {}).trial).toBeNull();
  });

  it('falls back along the order when WebGPU is chosen but missing or failing', () => {
    expect(planBackends('webgpu', NVIDIA_GL, null, {}).chain[0]).toEqual({ name: 'webgl', reason: 'WebGPU is not available here; running on NVIDIA GeForce RTX 3060' });
    expect(planBackends('webgpu', SOFT_GL, null, {}).chain.map((c) => c.name)).toEqual(['wasm']);
    const chosen = planBackends('webgpu', SOFT_GL, SOFT_GPU, {});
    expect(chosen.chain).toEqual([
      { name: 'webgpu', reason: 'chosen in settings (google swiftshader)' },
      { name: 'wasm', reason: 'WebGPU could not start; the only GPU is a software renderer (SwiftShader), slower than WebAssembly' },
    ]);
    expect(names(planBackends('webgpu', NVIDIA_GL, RTX, {}))).toEqual(['webgpu', 'webgl', 'wasm']);
  });

  it('keeps an explicit WebGL or WebAssembly choice, with wasm behind WebGL', () => {
    expect(names(planBackends('webgl', SOFT_GL, RTX, {}))).toEqual(['webgl', 'wasm']);
    expect(names(planBackends('wasm', NVIDIA_GL, RTX, {}))).toEqual(['wasm']);
    expect(names(planBackends('webgl', NO_GL, RTX, {}))).toEqual(['wasm']);
  });

  it('reads cached trials back from storage, dropping anything malformed', () => {
    const stored = JSON.parse('{"nvidia ampere":{"webgpuMs":12,"webglMs":20,"winner":"webgpu"},"bad":{"winner":"cuda"},"worse":3,"__proto__":{"winner":"webgl"},"apple m2":{"webgpuMs":-1,"webglMs":"9","winner":"webgl"}}');
    expect(restoreGpuTrials(stored)).toEqual({
      'nvidia ampere': { adapter: 'nvidia ampere', webgpuMs: 12, webglMs: 20, winner: 'webgpu' },
      'apple m2': { adapter: 'apple m2', webgpuMs: null, webglMs: null, winner: 'webgl' },
    });
    expect(restoreGpuTrials([1, 2])).toEqual({});
    expect(restoreGpuTrials(null)).toEqual({});
    expect(Object.getPrototypeOf(restoreGpuTrials(stored))).toBe(Object.prototype);
  });
});

describe('WebAssembly threads', () => {
  it('uses every core but one by default, at least one and at most the backend’s eight', () => {
    expect([1, 2, 4, 8, 16].map((cores) => resolveThreads(0, cores))).toEqual([1, 1, 3, 7, 8]);
  });

  it('follows the setting, capped by the real cores and the backend’s pool', () => {
    expect(resolveThreads(2, 2)).toBe(2);
    expect(resolveThreads(6, 4)).toBe(4);
    expect(resolveThreads(12, 32)).toBe(8);
    expect(resolveThreads(Number.NaN, 4)).toBe(3);
  });

  it('offers automatic and one choice per core', () => {
    expect(threadChoices(2)).toEqual([0, 1, 2]);
    expect(threadChoices(1)).toEqual([0, 1]);
    expect(threadChoices(24)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
  });
});
