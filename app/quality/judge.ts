import * as tf from '@tensorflow/tfjs-core';
import { gramMatrix } from '../costs/gram.js';
import { rgbaToTensor } from '../image/imageTensor.js';
import { fitLongestSide, resizeImage } from '../image/resize.js';
import type { RgbaImage } from '../image/rgbaImage.js';
import type { VggNetwork } from '../network/vgg.js';
import type { ReluName } from '../weights/vggLayers.js';

/** The judge's layers: fixed, whatever layers or weights a run used (issue 12 §1). */
export const JUDGE_STYLE_LAYERS: readonly ReluName[] = ['relu1_1', 'relu2_1', 'relu3_1'];
export const JUDGE_CONTENT_LAYER: ReluName = 'relu3_2';

export interface JudgeScores {
  /** Mean over the style layers of ‖G(out) − G(style)‖_F / ‖G(style)‖_F. */
  style: number;
  /** ‖F(out) − F(photo)‖ / ‖F(photo)‖ at the content layer. */
  content: number;
  /** The style distance per style layer, in JUDGE_STYLE_LAYERS order. */
  styleByLayer: number[];
}

const relativeDistance = (a: tf.Tensor, b: tf.Tensor): tf.Scalar => tf.div(tf.norm(tf.sub(a, b)), tf.norm(b)) as tf.Scalar;

/**
 * A fixed judge of a result that does not depend on the run's settings: VGG19 with max pooling and zero padding, Gram
 * matrices averaged over H·W (costs/gram.ts). The photo is resized to the output's size and the style image
 * to the output's longest side (its own proportions kept, as the engine sizes it at style scale 1).
 */
export async function judgeResult(network: VggNetwork, output: RgbaImage, photo: RgbaImage, style: RgbaImage): Promise<JudgeScores> {
  const { width, height } = output;
  const values = tf.tidy(() => {
    const out = rgbaToTensor(output, 'output');
    const photoT = resizeImage(rgbaToTensor(photo, 'photo'), height, width);
    const styleSize = fitLongestSide(style.width, style.height, Math.max(width, height));
    const styleT = resizeImage(rgbaToTensor(style, 'style image'), styleSize.height, styleSize.width);
    const layers = [...JUDGE_STYLE_LAYERS, JUDGE_CONTENT_LAYER];
    // Zero padding whatever the run used: the judge must not change with the settings it compares.
    const fOut = network.features(out, layers, 'max', 'zero');
    const fPhoto = network.features(photoT, [JUDGE_CONTENT_LAYER], 'max', 'zero');
    const fStyle = network.features(styleT, JUDGE_STYLE_LAYERS, 'max', 'zero');
    const perLayer = JUDGE_STYLE_LAYERS.map((l) => relativeDistance(gramMatrix(fOut.get(l)!), gramMatrix(fStyle.get(l)!)));
    const content = relativeDistance(fOut.get(JUDGE_CONTENT_LAYER)!, fPhoto.get(JUDGE_CONTENT_LAYER)!);
    return tf.stack([content, ...perLayer]);
  });
  const [content, ...styleByLayer] = Array.from(await values.data());
  values.dispose();
  return { style: styleByLayer.reduce((a, b) => a + b, 0) / styleByLayer.length, content: content!, styleByLayer };
}
