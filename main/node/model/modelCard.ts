import { z } from 'zod';
import cardJson from '../../../assets/models/vgg19.json' with { type: 'json' };

const Shape = z.array(z.number().int().positive());

const ModelCardSchema = z.object({
  model: z.literal('vgg19'),
  sources: z
    .array(
      z.object({
        id: z.string(),
        format: z.literal('keras-h5'),
        file: z.string(),
        bytes: z.number().int().positive(),
        md5: z.string().regex(/^[0-9a-f]{32}$/),
        urls: z.array(z.url({ protocol: /^https?$/ })).min(1),
      }),
    )
    .min(1),
  install: z.object({
    folder: z.string(),
    upTo: z.string(),
    shardBytes: z.number().int().positive(),
    bytes: z.object({ float32: z.number().int().positive(), float16: z.number().int().positive() }),
  }),
  license: z.object({ weights: z.string(), url: z.string(), attribution: z.string() }),
  layers: z.array(z.object({ name: z.string(), kerasName: z.string(), kernel: Shape, bias: Shape })),
});

export type ModelCard = z.infer<typeof ModelCardSchema>;
export type ModelSource = ModelCard['sources'][number];

/** assets/models/vgg19.json: download sources, checksums, sizes and the layer table, in one place. */
export const MODEL_CARD: ModelCard = ModelCardSchema.parse(cardJson);

/** The source `pastiche model download` uses when no URL is given. */
export function defaultModelSource(): ModelSource {
  return MODEL_CARD.sources[0]!;
}

/** The known source a URL belongs to, so a bare `--from` of a known mirror still gets its checksum. */
export function knownSourceFor(url: string): ModelSource | undefined {
  return MODEL_CARD.sources.find((s) => s.urls.includes(url));
}
