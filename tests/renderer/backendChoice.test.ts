import { describe, expect, it } from 'vitest';
import { chooseBackend, gpuLabel, isSoftwareRenderer } from '../../renderer/engine/backendChoice.js';

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
