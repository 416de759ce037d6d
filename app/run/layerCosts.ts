import { COST_UNITS, type StyleSettings } from './settings.js';

/**
 * Each layer's contribution to the cost being minimised: the content layer's and each style layer's, in
 * the model's style layer order. Style terms sum to the style part of the total, content to its content part.
 */
export interface LayerCosts {
  content: number;
  style: number[];
}

/** From an objective's parts ([total, content, style, smoothness, style per layer…]) and the run's weights. */
export function layerCostsFromParts(parts: ArrayLike<number>, settings: Pick<StyleSettings, 'contentWeight' | 'styleStrength'>): LayerCosts {
  const style: number[] = [];
  for (let i = 4; i < parts.length; i++) style.push(parts[i]! * settings.styleStrength * COST_UNITS.style);
  return { content: parts[1]! * settings.contentWeight * COST_UNITS.content, style };
}
