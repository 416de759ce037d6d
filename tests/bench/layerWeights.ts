// Measures per-layer style weightings (settings.styleLayerWeights) on shared image pairs at a small size,
// scoring each result with a fixed judge that does not depend on the run's settings (issue 12 §1): style
// distance = mean over relu1_1, relu2_1, relu3_1 of ‖G(out) − G(style)‖_F / ‖G(style)‖_F (Gram over H·W,
// the style resized to the output's size), content distance = ‖F(out) − F(photo)‖ / ‖F(photo)‖ at relu3_2.
// Usage: npx tsx tests/bench/layerWeights.ts [--size 128] [--iterations 80]. Results: docs/inspector.md.
import os from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { gramMatrix } from '../../app/costs/gram.js';
import { fitLongestSide, resizeImage } from '../../app/image/resize.js';
import { rgbaToTensor } from '../../app/image/imageTensor.js';
import type { RgbaImage } from '../../app/image/rgbaImage.js';
import { VggNetwork } from '../../app/network/vgg.js';
import { DEFAULT_SETTINGS } from '../../app/run/settings.js';
import { StyleTransferRun } from '../../app/run/styleTransferRun.js';
import { loadVggWeights } from '../../app/weights/loadVggWeights.js';
import type { ReluName } from '../../app/weights/vggLayers.js';
import { readInputImages } from '../../main/cli/readInputImages.js';
import { folderWeightsSource } from '../../main/node/model/folderWeightsSource.js';
import { useBackend } from '../../main/node/tfBackend.js';
import { IMAGES_DIR, MODEL_DIR } from './inputs.js';

const PAIRS = [
  ['chelsea.jpg', 'starry_night.jpg'],
  ['astronaut.jpg', 'shipwreck.jpg'],
  ['coffee.jpg', 'gravel-gray.png'],
] as const;

const WEIGHTINGS: Record<string, number[]> = {
  'equal 1,1,1 (default)': [1, 1, 1],
  'deep down 1,1,0.5': [1, 1, 0.5],
  'shallow down 0.5,1,1': [0.5, 1, 1],
  'falling 4,2,1': [4, 2, 1],
};

const JUDGE_STYLE: ReluName[] = ['relu1_1', 'relu2_1', 'relu3_1'];
const JUDGE_CONTENT: ReluName = 'relu3_2';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  return i === -1 ? fallback : Number(process.argv[i + 1]);
}

const norm = (t: tf.Tensor) => tf.sqrt(tf.sum(tf.square(t)));

/** The fixed judge: style and content distances of `out` (see the top of the file). */
function judge(net: VggNetwork, out: RgbaImage, photo: RgbaImage, style: RgbaImage): { style: number; content: number } {
  return tf.tidy(() => {
    const o = rgbaToTensor(out);
    const p = resizeImage(rgbaToTensor(photo), out.height, out.width);
    const fit = fitLongestSide(style.width, style.height, Math.max(out.width, out.height));
    const s = resizeImage(rgbaToTensor(style), fit.height, fit.width);
    const fo = net.features(o, [...JUDGE_STYLE, JUDGE_CONTENT], 'max');
    const fp = net.features(p, [JUDGE_CONTENT], 'max');
    const fs = net.features(s, JUDGE_STYLE, 'max');
    const styleDistances = JUDGE_STYLE.map((l) => {
      const a = gramMatrix(fs.get(l)!);
      return tf.div(norm(tf.sub(gramMatrix(fo.get(l)!), a)), norm(a)).dataSync()[0]!;
    });
    const content = tf.div(norm(tf.sub(fo.get(JUDGE_CONTENT)!, fp.get(JUDGE_CONTENT)!)), norm(fp.get(JUDGE_CONTENT)!)).dataSync()[0]!;
    return { style: styleDistances.reduce((a, b) => a + b, 0) / styleDistances.length, content };
  }) as unknown as { style: number; content: number };
}

async function main(): Promise<void> {
  const size = arg('--size', 128);
  const iterations = arg('--iterations', 80);
  await useBackend('wasm');
  const net = VggNetwork.fromWeights(await loadVggWeights(folderWeightsSource(MODEL_DIR)));
  console.log(`size ${size}, ${iterations} iterations, L-BFGS (the default settings otherwise); load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  console.log('| pair | weighting | style distance | content distance | seconds |');
  console.log('|---|---|---|---|---|');
  for (const [content, style] of PAIRS) {
    const inputs = await readInputImages({ content: path.join(IMAGES_DIR, content), styles: [path.join(IMAGES_DIR, style)] }, { size, styleScale: 1 });
    for (const [name, weights] of Object.entries(WEIGHTINGS)) {
      const run = new StyleTransferRun(net, inputs, { ...DEFAULT_SETTINGS, size, iterations, styleLayerWeights: weights });
      const result = await run.start();
      const j = judge(net, result.image, inputs.content, inputs.styles[0]!);
      console.log(`| ${content} + ${style} | ${name} | ${j.style.toFixed(4)} | ${j.content.toFixed(4)} | ${result.seconds.toFixed(0)} |`);
    }
  }
  console.log(`load at the end ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  net.dispose();
}

await main();
