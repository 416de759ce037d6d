import path from 'node:path';
import { z } from 'zod';

/** Argument schemas shared by the handlers. Every string and byte array has an upper bound. */

export const noArgs = z.tuple([]);

/** Tokens are UUIDs main issued (see PathGrants); anything else is refused before a lookup. */
export const tokenSchema = z.uuid({ message: 'not a file token Pastiche issued' });

export const roleSchema = z.enum(['content', 'style']);

export const exportFormatSchema = z.enum(['png', 'jpeg', 'webp']);

/** A file name for display or to propose in a dialog (not a path: main decides where files go). */
export const fileNameSchema = z.string().min(1).max(255);

export const absolutePathSchema = z
  .string()
  .min(1)
  .max(4096)
  .refine((p) => path.isAbsolute(p) && !p.includes('\0'), { message: 'not an absolute path' });

export function bytesSchema(maxBytes: number) {
  return z.instanceof(Uint8Array, { message: 'expected bytes (a Uint8Array)' }).refine((b) => b.byteLength <= maxBytes, {
    message: `more than ${maxBytes} bytes`,
  });
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** PNG bytes (checked by their signature) of at most `maxBytes`. */
export function pngBytesSchema(maxBytes: number) {
  return bytesSchema(maxBytes).refine((b) => PNG_SIGNATURE.every((v, i) => b[i] === v), { message: 'not a PNG image' });
}

/** History ids are UUIDs the history store issued; anything else is refused before a lookup. */
export const historyIdSchema = z.uuid({ message: 'not a history entry id Pastiche issued' });
