import { describe, expect, it } from 'vitest';
import { ModelError, RunError } from '../../app/index.js';
import { backendFailure, describeFailure } from '../../renderer/engine/failure.js';

describe('engine failures in words', () => {
  it('recognises running out of memory, also inside a RunError', () => {
    const cause = new Error('Failed to allocate memory for a texture of size 8192x8192');
    const failure = describeFailure(new RunError('the run failed: Failed to allocate', null, cause));
    expect(failure.kind).toBe('memory');
    expect(failure.message).toBe('The run ran out of memory at this size, so it stopped.');
    expect(failure.detail).toBe(cause.message);
    expect(describeFailure(new RangeError('Array buffer allocation failed')).kind).toBe('memory');
  });

  it('recognises a lost WebGL context', () => {
    expect(describeFailure(new Error('WebGL context lost.')).kind).toBe('context-lost');
    expect(describeFailure(new Error('CONTEXT_LOST_WEBGL')).kind).toBe('context-lost');
    expect(describeFailure(new Error('WebGPU device lost')).message).toBe('The graphics driver reset and the WebGPU device was lost, so the run stopped.');
    const dawn = "Failed to execute 'mapAsync' on 'GPUBuffer': A valid external Instance reference no longer exists.";
    expect(describeFailure(new Error(dawn)).kind).toBe('context-lost');
    expect(describeFailure(new Error('WebGL context lost.')).message).toBe('The graphics driver reset and the WebGL context was lost, so the run stopped.');
  });

  it('explains unusable weights with the loader’s own message as a sentence', () => {
    const failure = describeFailure(new ModelError('group1-shard2of5.bin: truncated', { file: 'group1-shard2of5.bin' }));
    expect(failure).toMatchObject({ kind: 'model', message: 'The model weights cannot be used. Group1-shard2of5.bin: truncated.' });
  });

  it('wraps anything else in a sentence', () => {
    const failure = describeFailure('something odd');
    expect(failure).toEqual({ kind: 'unknown', message: 'The run stopped because of an unexpected problem: Something odd.', detail: 'something odd' });
  });

  it('names the backend that failed to start', () => {
    expect(backendFailure('wasm', new Error('no wasm')).message).toBe('The WebAssembly engine could not start. No wasm.');
    expect(backendFailure('webgl', new Error('x')).message).toMatch(/^The WebGL engine could not start\./);
  });
});
