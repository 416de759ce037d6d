import { z } from 'zod';
import { COLOUR_MODES } from '../../../app/colour/colourMode.js';
import { EDGE_PADDINGS } from '../../../app/network/edgePadding.js';
import { OPTIMIZERS } from '../../../app/optim/optimizer.js';
import { DEFAULT_SETTINGS, checkSettings, type StyleSettings } from '../../../app/run/settings.js';

/** Most style images a run can blend; more is a malformed file, not a real setup. */
const MAX_STYLES = 64;
/** VGG19 has 16 convolution layers: no model has more style layers. */
const MAX_STYLE_LAYERS = 16;

/**
 * The shape of StyleSettings (types and names). Ranges are left to the engine's own checkSettings, so the
 * rules live in one place. Unknown keys are refused: a misspelt setting must not be silently ignored.
 */
const StyleSettingsShape = z.strictObject({
  size: z.int(),
  iterations: z.int(),
  styleStrength: z.number(),
  contentWeight: z.number(),
  smoothness: z.number(),
  init: z.enum(['content', 'noise', 'image']),
  seed: z.int(),
  pooling: z.enum(['max', 'avg']),
  optimizer: z.enum(OPTIMIZERS),
  learningRate: z.number(),
  startSize: z.int(),
  previewSeconds: z.number(),
  styleScale: z.number(),
  styleBlend: z.array(z.number()).max(MAX_STYLES).optional(),
  styleLayerWeights: z.array(z.number()).max(MAX_STYLE_LAYERS).optional(),
  colour: z.enum(COLOUR_MODES),
  maxPassPixels: z.int(),
  tileHalo: z.int(),
  minImprovement: z.number(),
  edgePadding: z.enum(EDGE_PADDINGS),
}) satisfies z.ZodType<StyleSettings>;

/** The engine's range checks as a zod refinement. */
function engineCheck(settings: StyleSettings, ctx: z.RefinementCtx): void {
  try {
    checkSettings(settings);
  } catch (e) {
    ctx.addIssue({ code: 'custom', message: (e as Error).message });
  }
}

/**
 * Records written before previews were timed have `previewEvery` (iterations between frames) instead of
 * `previewSeconds`: it is dropped, and a complete record gets the timed default. Records written before
 * scales could end early lack `minImprovement`: a complete one gets 0, the fixed schedule it was made with,
 * so that it repeats the same run; records written before the edge padding was a setting get 'zero', what
 * they were painted with. Old files stay readable.
 */
function withoutPreviewEvery(value: unknown, complete: boolean): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const { previewEvery, ...rest } = value as Record<string, unknown>;
  const old = previewEvery !== undefined;
  if (!complete) return rest;
  return {
    ...rest,
    ...(old && !('previewSeconds' in rest) ? { previewSeconds: DEFAULT_SETTINGS.previewSeconds } : {}),
    ...(!('minImprovement' in rest) ? { minImprovement: 0 } : {}),
    ...(!('edgePadding' in rest) ? { edgePadding: 'zero' } : {}),
  };
}

/** A complete StyleSettings record, as Pastiche writes it. */
export const StyleSettingsSchema = z.preprocess((v) => withoutPreviewEvery(v, true), StyleSettingsShape.superRefine(engineCheck));

/** A settings file written by hand: any subset of the settings; the rest take their defaults. */
export const PartialStyleSettingsSchema = z.preprocess(
  (v) => withoutPreviewEvery(v, false),
  StyleSettingsShape.partial()
    .transform((partial): StyleSettings => ({ ...DEFAULT_SETTINGS, ...partial }))
    .superRefine(engineCheck),
);

/** The first problem zod found, as one line: "settings.size: …". */
export function firstIssue(error: z.ZodError, root: string): string {
  const issue = error.issues[0];
  if (!issue) return `${root} is invalid`;
  const where = [root, ...issue.path.map(String)].join('.');
  return `${where}: ${issue.message}`;
}
