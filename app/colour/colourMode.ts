import type { RgbaImage } from '../image/rgbaImage.js';
import { matchColourHistogram } from './histogramMatch.js';
import { luminanceInputs } from './luminance.js';
import { withOriginalColours } from './originalColours.js';

/**
 * How the result's colours relate to the inputs:
 * - 'style': the painting's colours (plain Gatys et al.);
 * - 'original': the photo's colours kept afterwards (result luminance + content chroma);
 * - 'luminance': the transfer runs on luminance only, then takes the content's chroma;
 * - 'histogram': the style's colours are first matched to the photo's (mean and covariance).
 */
export type ColourMode = 'style' | 'original' | 'luminance' | 'histogram';

export const COLOUR_MODES: readonly ColourMode[] = ['style', 'original', 'luminance', 'histogram'];

/** The images the optimisation sees, for a colour mode. */
export function colourInputs(mode: ColourMode, content: RgbaImage, styles: readonly RgbaImage[]): { content: RgbaImage; styles: RgbaImage[] } {
  if (mode === 'luminance') return luminanceInputs(content, styles);
  if (mode === 'histogram') return { content, styles: styles.map((s) => matchColourHistogram(s, content)) };
  return { content, styles: [...styles] };
}

/** The image shown and exported, from the optimised one; `content` is the photo at the same size. */
export function colourOutput(mode: ColourMode, optimised: RgbaImage, content: RgbaImage): RgbaImage {
  return mode === 'original' || mode === 'luminance' ? withOriginalColours(optimised, content) : optimised;
}
