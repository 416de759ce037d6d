import * as tf from '@tensorflow/tfjs-core';
// tfjs-core's Node build leaves gradients unregistered, and its ESM registration file cannot be loaded by
// Node (extensionless imports); the union package's Node build registers them all on the same engine.
import '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';

export type NodeBackend = 'wasm' | 'cpu';
export const NODE_BACKENDS: readonly NodeBackend[] = ['wasm', 'cpu'];

/** Selects a TensorFlow.js backend for Node. wasm (XNNPACK, SIMD) is several times faster than cpu. */
export async function useBackend(name: NodeBackend): Promise<void> {
  // Production mode: no console banners (the cpu backend's "install tfjs-node" notice) in CLI output.
  tf.enableProdMode();
  if (!(await tf.setBackend(name))) throw new Error(`the ${name} backend could not start`);
  await tf.ready();
}
