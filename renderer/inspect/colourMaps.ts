import { interpolateRdBu, interpolateViridis } from 'd3-scale-chromatic';
import { colourLut, GREY_LUT, type ColourLut } from '../../app/index.js';

/** Perceptually uniform, dark (0) to bright (the maximum). */
export const VIRIDIS_LUT: ColourLut = colourLut(interpolateViridis);
export { GREY_LUT };
/** Blue below zero, white at zero, red above: d3's RdBu runs red → blue, so it is read backwards. */
export const DIVERGING_LUT: ColourLut = colourLut((t) => interpolateRdBu(1 - t));
