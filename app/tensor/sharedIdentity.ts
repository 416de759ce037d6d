import * as tf from '@tensorflow/tfjs-core';

/**
 * TensorFlow.js's wasm Identity kernel copies the tensor's data, and every tensor a gradient saves for the
 * backward pass goes through it (engine.saveTensorsForBackwardMode clones), so a custom gradient that saves
 * a feature map doubles it: at a 1024 × 1024 pass, 600 MB of copies. Tensors are immutable, so sharing the
 * data under a new reference, as the wasm backend's own Reshape and the cpu backend's Identity do, is exact.
 * Replaces the kernel once, for the wasm backend only; other backends already share or keep their own.
 */
export function shareIdentityOnWasm(): void {
  const current = tf.getKernel('Identity', 'wasm');
  if (!current || current.kernelFunc === sharedIdentity) return;
  tf.unregisterKernel('Identity', 'wasm');
  tf.registerKernel({ kernelName: 'Identity', backendName: 'wasm', kernelFunc: sharedIdentity });
}

function sharedIdentity({ inputs, backend }: { inputs: tf.NamedTensorInfoMap; backend: unknown }): tf.TensorInfo {
  const x = inputs['x']!;
  (backend as tf.KernelBackend).incRef(x.dataId);
  return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
}
