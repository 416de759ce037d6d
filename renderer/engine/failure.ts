import { ModelError, RunError } from '../../app/index.js';
import type { EngineFailure } from './protocol.js';

const OUT_OF_MEMORY = /out of memory|\bOOM\b|failed to allocate|allocation fail|unable to allocate|array buffer allocation failed|memory access out of bounds|exceeds? the maximum texture size|requested texture size/i;
/** WebGL's lost context, and WebGPU's lost device (Dawn: "A valid external Instance reference no longer exists"). */
const CONTEXT_LOST = /context (was )?lost|CONTEXT_LOST|webgl context|device (was |is )?lost|external Instance reference no longer exists/i;

/** The innermost message: a RunError wraps the engine's own error. */
function rootMessage(error: unknown): string {
  const inner = error instanceof RunError && error.cause !== undefined ? error.cause : error;
  if (inner instanceof Error) return inner.message;
  return String(inner);
}

function sentence(text: string): string {
  const t = text.trim().replace(/\s+/g, ' ');
  const capital = t.charAt(0).toUpperCase() + t.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

/** Turns anything thrown by the engine into a failure the UI can show as plain sentences. */
export function describeFailure(error: unknown): EngineFailure {
  const detail = rootMessage(error);
  const inner = error instanceof RunError ? error.cause : error;
  if (inner instanceof ModelError) {
    return { kind: 'model', message: `The model weights cannot be used. ${sentence(detail)}`, detail };
  }
  if (CONTEXT_LOST.test(detail)) {
    const what = /device|Instance reference/i.test(detail) ? 'the WebGPU device' : 'the WebGL context';
    return { kind: 'context-lost', message: `The graphics driver reset and ${what} was lost, so the run stopped.`, detail };
  }
  if (OUT_OF_MEMORY.test(detail)) {
    return { kind: 'memory', message: 'The run ran out of memory at this size, so it stopped.', detail };
  }
  return { kind: 'unknown', message: `The run stopped because of an unexpected problem: ${sentence(detail)}`, detail };
}

/** A failure while starting a backend. */
export function backendFailure(backend: string, error: unknown): EngineFailure {
  const detail = rootMessage(error);
  const name = backend === 'wasm' ? 'WebAssembly' : backend === 'webgpu' ? 'WebGPU' : 'WebGL';
  return { kind: 'backend', message: `The ${name} engine could not start. ${sentence(detail)}`, detail };
}
