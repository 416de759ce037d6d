import type { LayerChoice, ReluName } from '../../app/index.js';

/** What a full VGG19 gives the engine (app/run/layerPresets): style at each block's first ReLU, content at relu4_2. */
const FULL_STYLE: ReluName[] = ['relu1_1', 'relu2_1', 'relu3_1', 'relu4_1', 'relu5_1'];
const FULL_CONTENT: ReluName = 'relu4_2';
const LAST_LAYER = 'conv5_4';

const list = (names: readonly string[]) => (names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`);

/**
 * The model popover's note on weights that stop early, from the layers really loaded (conv names) and those the
 * engine chose (ReLU names; null before the engine has loaded them).
 */
export function partialWeightsNote(layers: readonly string[], choice: Pick<LayerChoice, 'style' | 'content'> | null): string {
  const last = layers.at(-1) ?? 'none';
  const end = `These weights end at ${last} (the full network goes on to ${LAST_LAYER})`;
  if (!choice) return `${end}, so the deepest layers are not used.`;
  const missing = FULL_STYLE.filter((l) => !choice.style.includes(l));
  const style = missing.length ? `the style is read at ${list(choice.style)}, without ${list(missing)}` : `the style is read at ${list(choice.style)}`;
  const content = choice.content.includes(FULL_CONTENT) ? '' : `, and the content at ${list(choice.content)} instead of ${FULL_CONTENT}`;
  return `${end}: ${style}${content}. Results are still good; the largest brush patterns are a little less pronounced.`;
}
