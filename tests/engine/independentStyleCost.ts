import sharp from 'sharp';
import { gramDistance, naiveGram } from './naiveStyleCost.js';
import { caffeInput, naiveVgg, rawTensors } from './naiveVgg.js';

const CROP = 48;
const STYLE_LAYERS = ['relu1_1', 'relu2_1', 'relu3_1'];

/** A picture (file path, or encoded image bytes) or raw RGBA pixels. */
export type Picture = string | Buffer | { width: number; height: number; data: ArrayLike<number> };

/** The centre 48×48 of a picture as RGB in [0, 1], decoded by sharp. */
async function centreCrop(picture: Picture): Promise<Float32Array> {
  const image =
    typeof picture === 'string' || Buffer.isBuffer(picture)
      ? sharp(picture)
      : sharp(Buffer.from(Uint8Array.from(picture.data)), { raw: { width: picture.width, height: picture.height, channels: 4 } });
  const { width, height } = await image.metadata();
  if (width < CROP || height < CROP) throw new Error(`a picture of ${width}×${height} is smaller than the ${CROP}×${CROP} crop`);
  const crop = { left: Math.floor((width - CROP) / 2), top: Math.floor((height - CROP) / 2), width: CROP, height: CROP };
  const data = await image.removeAlpha().extract(crop).raw().toBuffer();
  return Float32Array.from(data, (v) => v / 255);
}

/**
 * Style cost of each picture's centre crop against the style picture's, by a scorer that shares no code with
 * the engine: the float64 reference network (naiveVgg.ts) reading the weights folder itself, and Gram
 * matrices in float64; the mean over relu1_1, relu2_1, relu3_1 of |G − A|² / |A|².
 */
export async function independentStyleCosts(weightsDir: string, pictures: readonly Picture[], style: Picture): Promise<number[]> {
  const raw = rawTensors(weightsDir);
  const gramsOf = async (picture: Picture) => {
    const feats = naiveVgg(raw, caffeInput(await centreCrop(picture), CROP, CROP), 'relu3_1');
    return STYLE_LAYERS.map((l) => naiveGram(feats.get(l)!));
  };
  const target = await gramsOf(style);
  const costs: number[] = [];
  for (const picture of pictures) {
    const grams = await gramsOf(picture);
    costs.push(grams.reduce((sum, g, i) => sum + gramDistance(g, target[i]!), 0) / STYLE_LAYERS.length);
  }
  return costs;
}
