import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { channelStats, rankChannels } from '../../app/inspect/channelStats.js';
import { receptiveField } from '../../app/inspect/receptiveField.js';
import { gramMatrix } from '../../app/costs/gram.js';
import { rgbaToTensor } from '../../app/image/imageTensor.js';
import type { RgbaImage } from '../../app/image/rgbaImage.js';
import { VggNetwork } from '../../app/network/vgg.js';
import { DEFAULT_SETTINGS } from '../../app/run/settings.js';
import type { ReluName } from '../../app/weights/vggLayers.js';
import type { Activation } from '../../app/inspect/topPatches.js';
import { writeFileAtomic } from '../node/fs/atomicWrite.js';
import { checkOutputPath } from '../node/fs/checkOutputPath.js';
import { OutputFileError } from '../node/fs/outputFileError.js';
import { decodeImageFile } from '../node/image/decodeImage.js';
import { ImageFileError } from '../node/image/imageFileError.js';
import { gramSheet, mapsSheet, patchesSheet } from '../node/inspect/layerSheets.js';
import { CliError, EXIT } from './cliError.js';
import { DEFAULT_TOP } from './inspect.js';
import type { InspectOptions } from './inspectOptions.js';
import { loadModel } from './loadModel.js';
import { startBackend } from './styleRun.js';

/** The `--json` line: the contract other tools check against an independent implementation. */
export interface InspectSummary {
  layer: ReluName;
  width: number;
  height: number;
  channels: number;
  mean: number[];
  max: number[];
}

async function checkOutput(o: InspectOptions): Promise<string | null> {
  if (!o.out) return null;
  const out = path.resolve(o.out);
  if (path.extname(out).toLowerCase() !== '.png') throw new CliError(`--out ${o.out}: the inspector writes PNG pictures; use a .png file name`, EXIT.output);
  if (out === path.resolve(o.image)) throw new CliError(`--out ${o.out} is the input image; choose another file name`, EXIT.output);
  try {
    await checkOutputPath(out, { overwrite: o.force === true });
  } catch (e) {
    if (!(e instanceof OutputFileError)) throw e;
    throw new CliError(`${e.message}${e.problem === 'exists' ? '; pass --force to replace it' : ''}`, EXIT.output);
  }
  return out;
}

async function readImage(o: InspectOptions): Promise<RgbaImage> {
  try {
    return await decodeImageFile(o.image, { longestSide: o.size, enlarge: true });
  } catch (e) {
    if (e instanceof ImageFileError) throw new CliError(`image ${e.message}`, EXIT.input);
    throw e;
  }
}

function checkLayer(network: VggNetwork, layer: string): ReluName {
  if (!network.available.includes(layer as ReluName)) {
    throw new CliError(`--layer ${layer}: the model has no such layer; it has ${network.available.join(', ')}`, EXIT.input);
  }
  return layer as ReluName;
}

function checkChannel(flag: string, channel: number, layer: ReluName, channels: number): void {
  if (channel >= channels) throw new CliError(`${flag} ${channel}: out of range; ${layer} has channels 0–${channels - 1}`, EXIT.input);
}

/** The activation of the layer on the image, through the network exactly as a run computes it. */
function activationOf(network: VggNetwork, image: RgbaImage, layer: ReluName): { activation: Activation } & ReturnType<typeof channelStats> {
  const features = tf.tidy(() => network.features(rgbaToTensor(image), [layer], DEFAULT_SETTINGS.pooling).get(layer)!);
  try {
    const [, height, width, channels] = features.shape;
    return { activation: { height, width, channels, values: features.dataSync() }, ...channelStats(features) };
  } finally {
    features.dispose();
  }
}

function gramOf(activation: Activation): Float32Array {
  return tf.tidy(() => Float32Array.from(gramMatrix(tf.tensor4d(activation.values as Float32Array, [1, activation.height, activation.width, activation.channels])).dataSync()));
}

async function writePicture(out: string, bytes: Uint8Array, force: boolean): Promise<void> {
  try {
    await writeFileAtomic(out, bytes, { overwrite: force });
  } catch (e) {
    if (!(e instanceof OutputFileError)) throw e;
    throw new CliError(e.message, EXIT.output);
  }
}

/**
 * `pastiche inspect`: checks the output, the image and the model first (fast), then computes the layer's
 * activation on the image, writes the picture asked for and prints the numbers.
 */
export async function runInspect(o: InspectOptions): Promise<void> {
  const out = await checkOutput(o);
  const image = await readImage(o);
  const model = await loadModel(o.model);
  await startBackend(o.backend);
  const network = VggNetwork.fromWeights(model.weights);
  try {
    const layer = checkLayer(network, o.layer);
    const { activation, mean, max } = activationOf(network, image, layer);
    const channels = activation.channels;
    o.channels?.forEach((c) => checkChannel('--channels', c, layer, channels));
    if (o.patches !== undefined) checkChannel('--patches', o.patches, layer, channels);
    if (out) {
      const name = path.basename(o.image);
      const what = `${layer} of ${name} (${image.width}×${image.height} px; ${activation.width}×${activation.height}×${channels})`;
      let png: Uint8Array;
      if (o.patches !== undefined) {
        const field = receptiveField(network.available, layer);
        png = await patchesSheet(`${what} · channel ${o.patches} · top 9 patches · receptive field ${field.size} px`, image, activation, o.patches, field);
      } else if (o.gram) {
        png = await gramSheet(`Gram matrix of ${what}`, gramOf(activation));
      } else {
        const shown = o.channels ?? rankChannels(mean).slice(0, Math.min(o.top ?? DEFAULT_TOP, channels));
        const chosen = o.channels ? `channels ${shown.join(', ')}` : `the ${shown.length} channels with the highest mean`;
        png = await mapsSheet({ title: `${what} · ${chosen}`, activation, channels: shown, mean, max, grey: o.grey === true });
      }
      await writePicture(out, png, o.force === true);
    }
    if (o.json) {
      const summary: InspectSummary = { layer, width: activation.width, height: activation.height, channels, mean: Array.from(mean), max: Array.from(max) };
      process.stdout.write(`${JSON.stringify(summary)}\n`);
    }
  } finally {
    network.dispose();
  }
}
