import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { VGG19_CONV_LAYERS, kernelShape } from '../../app/weights/vggLayers.js';
import { MODEL_CARD, defaultModelSource } from '../../main/node/model/modelCard.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

function paramsUpTo(last: string, bytesPerValue: number): number {
  const end = VGG19_CONV_LAYERS.findIndex((l) => l.name === last);
  return VGG19_CONV_LAYERS.slice(0, end + 1).reduce((n, l) => n + (kernelShape(l).reduce((a, b) => a * b, 1) + l.outChannels) * bytesPerValue, 0);
}

describe('the model card (assets/models)', () => {
  it('has the layer table of VGG19, as the engine knows it', () => {
    expect(MODEL_CARD.layers).toEqual(VGG19_CONV_LAYERS.map((l) => ({ name: l.name, kerasName: l.kerasName, kernel: kernelShape(l), bias: [l.outChannels] })));
  });

  it('states the installed sizes that the layers up to conv5_1 take', () => {
    expect(MODEL_CARD.install.upTo).toBe('conv5_1');
    expect(MODEL_CARD.install.bytes).toEqual({ float32: paramsUpTo('conv5_1', 4), float16: paramsUpTo('conv5_1', 2) });
  });

  it('names the Keras file with its published MD5 and size', () => {
    expect(defaultModelSource()).toMatchObject({
      file: 'vgg19_weights_tf_dim_ordering_tf_kernels_notop.h5',
      md5: '253f8cb515780f3b799900260a226db6',
      bytes: 80134624,
    });
    expect(defaultModelSource().urls.every((u) => u.endsWith('/vgg19_weights_tf_dim_ordering_tf_kernels_notop.h5'))).toBe(true);
  });

  it('the readable card carries the same table, sources and checksum', () => {
    const card = readFileSync(path.join(ROOT, 'assets/models/vgg19.md'), 'utf8');
    for (const l of MODEL_CARD.layers) expect(card).toContain(`| ${l.name} | ${l.kerasName} | [${l.kernel.join(', ')}] | [${l.bias.join(', ')}] |`);
    for (const url of defaultModelSource().urls) expect(card).toContain(url);
    expect(card).toContain(defaultModelSource().md5);
    expect(card).toContain('CC BY 4.0');
    expect(card).toContain('103.939');
  });
});
