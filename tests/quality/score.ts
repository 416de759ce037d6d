import sharp from 'sharp';
import type { RgbaImage } from '../../app/image/rgbaImage.js';
import type { VggNetwork } from '../../app/network/vgg.js';
import { edgeScore } from '../../app/quality/edgeScore.js';
import { gridScore } from '../../app/quality/gridScore.js';
import { judgeResult } from '../../app/quality/judge.js';

/** Decodes a file to RGBA, optionally resized to exactly width × height (Lanczos, as the CLI reads photos). */
export async function readRgba(file: string, size?: { width: number; height: number }): Promise<RgbaImage> {
  let img = sharp(file).rotate();
  if (size) img = img.resize(size.width, size.height, { fit: 'fill' });
  const { data, info } = await img.removeAlpha().ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
}

export interface Scores {
  width: number;
  height: number;
  style: number;
  styleByLayer: number[];
  content: number;
  edge: number;
  grid: number;
  gridByPeriod: number[];
  /** The photo's own artefact scores at the output's size, for comparison. */
  photoEdge: number;
  photoGrid: number;
}

/** Scores a lossless result against its photo and style image with the fixed judge and the artefact scores. */
export async function scoreResult(network: VggNetwork, resultFile: string, photoFile: string, styleFile: string): Promise<Scores> {
  const out = await readRgba(resultFile);
  const photo = await readRgba(photoFile);
  const style = await readRgba(styleFile);
  const judged = await judgeResult(network, out, photo, style);
  const photoAtSize = await readRgba(photoFile, out);
  const grid = gridScore(out);
  return {
    width: out.width,
    height: out.height,
    style: judged.style,
    styleByLayer: judged.styleByLayer,
    content: judged.content,
    edge: edgeScore(out),
    grid: grid.score,
    gridByPeriod: grid.byPeriod,
    photoEdge: edgeScore(photoAtSize),
    photoGrid: gridScore(photoAtSize).score,
  };
}
