import { z } from 'zod';
import type { CheckpointInputs, CheckpointMask } from '../../../app/host/contract.js';
import { MAX_CHECKPOINT_STYLES, MAX_INPUT_BYTES, MAX_MASK_SIDE } from '../checkpoint/checkpointSchema.js';

// A history entry's inputs in one file, <id>.inputs.bin: "PSTI", the header's length (uint32, little endian),
// the header as JSON (names, blend weights, mask sizes, each part's byte length), then the parts' bytes in the
// header's order: the photo, the styles, the keep mask, the style regions. One file, written atomically.

const MAGIC = 'PSTI';
const MAX_HEADER_BYTES = 1024 * 1024;

const length = z.int().min(0).max(MAX_INPUT_BYTES);
const file = z.strictObject({ name: z.string().min(1).max(255), bytes: length });
const side = z.int().min(1).max(MAX_MASK_SIDE);
const mask = z.strictObject({ width: side, height: side });

const HeaderSchema = z
  .strictObject({
    version: z.literal(1),
    content: file,
    styles: z.array(file).min(1).max(MAX_CHECKPOINT_STYLES),
    styleWeights: z.array(z.number().min(0).max(1)).max(MAX_CHECKPOINT_STYLES),
    keepMask: mask.optional(),
    styleRegions: z.array(mask.nullable()).max(MAX_CHECKPOINT_STYLES).optional(),
  })
  .refine((h) => h.styleWeights.length === h.styles.length && (!h.styleRegions || h.styleRegions.length === h.styles.length));
type Header = z.infer<typeof HeaderSchema>;

/** The inputs' bytes in one buffer. */
export function encodeHistoryInputs(inputs: CheckpointInputs): Uint8Array {
  const masks = [inputs.keepMask, ...(inputs.styleRegions ?? [])].filter((m): m is CheckpointMask => m != null);
  const parts = [inputs.content.bytes, ...inputs.styles.map((s) => s.bytes), ...masks.map((m) => m.data)];
  const size = (m: CheckpointMask | null) => (m ? { width: m.width, height: m.height } : null);
  const header: Header = {
    version: 1,
    content: { name: inputs.content.name, bytes: inputs.content.bytes.byteLength },
    styles: inputs.styles.map((s) => ({ name: s.name, bytes: s.bytes.byteLength })),
    styleWeights: [...inputs.styleWeights],
    ...(inputs.keepMask ? { keepMask: size(inputs.keepMask)! } : {}),
    ...(inputs.styleRegions ? { styleRegions: inputs.styleRegions.map(size) } : {}),
  };
  const json = new TextEncoder().encode(JSON.stringify(header));
  const out = new Uint8Array(8 + json.byteLength + parts.reduce((n, p) => n + p.byteLength, 0));
  out.set(new TextEncoder().encode(MAGIC), 0);
  new DataView(out.buffer).setUint32(4, json.byteLength, true);
  out.set(json, 8);
  let at = 8 + json.byteLength;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
}

/** The inputs back from encodeHistoryInputs' bytes; anything else (cut short, changed) throws. */
export function decodeHistoryInputs(bytes: Uint8Array): CheckpointInputs {
  if (bytes.byteLength < 8 || new TextDecoder().decode(bytes.subarray(0, 4)) !== MAGIC) throw new Error('not a history inputs file');
  const headerLength = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(4, true);
  if (headerLength > MAX_HEADER_BYTES || 8 + headerLength > bytes.byteLength) throw new Error('the header is cut short');
  const header = HeaderSchema.parse(JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + headerLength))));
  let at = 8 + headerLength;
  const take = (n: number) => {
    if (at + n > bytes.byteLength) throw new Error('the file is cut short');
    const part = bytes.slice(at, at + n);
    at += n;
    return part;
  };
  const maskOf = (m: { width: number; height: number }) => ({ width: m.width, height: m.height, data: take(m.width * m.height) });
  const inputs: CheckpointInputs = {
    content: { name: header.content.name, bytes: take(header.content.bytes) },
    styles: header.styles.map((s) => ({ name: s.name, bytes: take(s.bytes) })),
    styleWeights: header.styleWeights,
  };
  if (header.keepMask) inputs.keepMask = maskOf(header.keepMask);
  if (header.styleRegions) inputs.styleRegions = header.styleRegions.map((m) => (m ? maskOf(m) : null));
  if (at !== bytes.byteLength) throw new Error('the file has bytes after its parts');
  return inputs;
}
