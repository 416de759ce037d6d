import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentCost } from '../../app/costs/contentCost.js';
import { gramMatrix } from '../../app/costs/gram.js';
import { styleCost } from '../../app/costs/styleCost.js';
import { rgbaToTensor } from '../../app/image/imageTensor.js';
import type { RgbaImage } from '../../app/image/rgbaImage.js';
import { VggNetwork } from '../../app/network/vgg.js';
import { chooseLayers } from '../../app/run/layerPresets.js';
import { loadVggWeights } from '../../app/weights/loadVggWeights.js';
import { decodeImageFile } from '../../main/node/image/decodeImage.js';
import { folderWeightsSource } from '../../main/node/model/folderWeightsSource.js';
import { useBackend } from '../../main/node/tfBackend.js';
import { independentStyleCosts } from '../engine/independentStyleCost.js';
import { PROJECT_ROOT, lastJsonLine, runCli } from './runCli.js';

const REAL_MODEL = path.resolve(PROJECT_ROOT, '../shared/models/vgg19');
const IMAGES = path.resolve(PROJECT_ROOT, '../shared/images');
const HAVE_REAL = existsSync(path.join(REAL_MODEL, 'model.json')) && existsSync(path.join(IMAGES, 'chelsea.jpg'));
if (!HAVE_REAL) console.warn(`Skipping the real-weights CLI test: ${REAL_MODEL} or ${IMAGES} is absent.`);

describe.skipIf(!HAVE_REAL)('pastiche stylize with the real VGG19 weights', () => {
  let dir: string;
  let net: VggNetwork;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'pastiche-cli-real-'));
    await useBackend('wasm');
    net = VggNetwork.fromWeights(await loadVggWeights(folderWeightsSource(REAL_MODEL)));
  });

  afterAll(async () => {
    net?.dispose();
    await rm(dir, { recursive: true, force: true });
  });

  /** Style cost of `img` against `style`'s Gram matrices, and content cost against `photo`, as the engine defines them. */
  function costs(img: RgbaImage, photo: RgbaImage, style: RgbaImage): { style: number; content: number } {
    const layers = chooseLayers(net.available);
    return tf.tidy(() => {
      const all = [...layers.content, ...layers.style];
      const feats = net.features(rgbaToTensor(img), all, 'max');
      const styleFeats = net.features(rgbaToTensor(style), layers.style, 'max');
      const photoFeats = net.features(rgbaToTensor(photo), layers.content, 'max');
      const targets = layers.style.map((l) => ({ gram: gramMatrix(styleFeats.get(l)!), weight: 1 }));
      const s = styleCost(layers.style.map((l) => feats.get(l)!), targets);
      const c = contentCost(feats.get(layers.content[0]!)!, photoFeats.get(layers.content[0]!)!);
      return { style: s.dataSync()[0]!, content: c.dataSync()[0]! };
    });
  }

  it('paints chelsea.jpg in the style of starry_night.jpg: a valid PNG whose style cost is far below the photo’s', async () => {
    const out = path.join(dir, 'chelsea-starry.png');
    const content = path.join(IMAGES, 'chelsea.jpg');
    const styleFile = path.join(IMAGES, 'starry_night.jpg');
    const r = await runCli(['stylize', '--content', content, '--style', styleFile, '--out', out, '--size', '96', '--iterations', '40', '--model', REAL_MODEL, '--json'], {
      home: dir,
    });
    expect(r.code, r.stderr).toBe(0);

    const meta = await sharp(out).metadata();
    const photoMeta = await sharp(content).metadata();
    expect(meta.format).toBe('png');
    expect(Math.max(meta.width, meta.height)).toBe(96);
    expect(meta.width / meta.height).toBeCloseTo(photoMeta.width / photoMeta.height, 1);

    const summary = lastJsonLine(r.stdout);
    expect(summary).toMatchObject({ iterations: 40, stopped: false, layers: { content: ['relu3_2'], style: ['relu1_1', 'relu2_1', 'relu3_1'] } });

    // First judged by a scorer that shares no code with the engine: the float64 reference network
    // (tests/engine/naiveVgg.ts) reading the weights folder itself, on 48×48 crops decoded by sharp.
    const photoFile = path.join(dir, 'chelsea-96.png');
    await sharp(content).resize(meta.width, meta.height, { fit: 'fill' }).png().toFile(photoFile);
    const styleFile96 = path.join(dir, 'starry-96.png');
    await sharp(styleFile).resize(96, 96, { fit: 'inside' }).png().toFile(styleFile96);
    const independent = await independentStyleCosts(REAL_MODEL, [out, photoFile], styleFile96);
    // Measured: about 0.22 of the photo's on these crops; a picture the run barely moved stays near 1.
    expect(independent[0]!).toBeLessThan(0.4 * independent[1]!);

    // Then with the engine's own network and costs, on the whole picture.
    // Everything compared at the output's size, the way the engine compares at its final scale.
    const result = await decodeImageFile(out);
    const photo = await decodeImageFile(content, { longestSide: 96, enlarge: true });
    const style = await decodeImageFile(styleFile, { longestSide: 96 });
    const ofResult = costs(result, photo, style);
    const ofPhoto = costs(photo, photo, style);
    const ofStyle = costs(await resized(style, photo), photo, style);
    // The style moved towards the painting's (measured: about 0.05 of the photo's) …
    expect(ofResult.style).toBeLessThan(0.2 * ofPhoto.style);
    // … while the picture is still the photo's, not the painting's (measured: about 0.3).
    expect(ofResult.content).toBeLessThan(0.5 * ofStyle.content);
  });
});

/** `img` resized to `like`'s size (aspect ratio ignored), for a content comparison at equal size. */
async function resized(img: RgbaImage, like: RgbaImage): Promise<RgbaImage> {
  const raw = Buffer.from(img.data.buffer, img.data.byteOffset, img.data.byteLength);
  const data = await sharp(raw, { raw: { width: img.width, height: img.height, channels: 4 } }).resize(like.width, like.height, { fit: 'fill' }).raw().toBuffer();
  return { width: like.width, height: like.height, data: new Uint8Array(data) };
}
