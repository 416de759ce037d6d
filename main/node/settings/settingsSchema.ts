import { z } from 'zod';
import { jsonObjectSchema, type JsonLimits } from './jsonValue.js';

/** The studio's own settings (its keys, its values): plain JSON, small, no prototype keys. */
export const STUDIO_SETTINGS_LIMITS: JsonLimits = { maxBytes: 256 * 1024, maxDepth: 16, maxValues: 10_000 };

const coordinate = z.int().min(-100_000).max(100_000);
const extent = z.int().min(100).max(100_000);

export const WindowStateSchema = z.object({
  x: coordinate.optional(),
  y: coordinate.optional(),
  width: extent,
  height: extent,
  maximized: z.boolean(),
});
export type WindowState = z.infer<typeof WindowStateSchema>;

/** The folders the dialogs open in, remembered per purpose. */
export const FOLDER_KINDS = ['content', 'style', 'export', 'model'] as const;
export type FolderKind = (typeof FOLDER_KINDS)[number];

const folderPath = z.string().min(1).max(4096);

export const SettingsFileSchema = z.object({
  version: z.literal(1),
  window: WindowStateSchema.optional(),
  folders: z.object({ content: folderPath.optional(), style: folderPath.optional(), export: folderPath.optional(), model: folderPath.optional() }),
  studio: jsonObjectSchema(STUDIO_SETTINGS_LIMITS),
});
export type SettingsFile = z.infer<typeof SettingsFileSchema>;

export function defaultSettings(): SettingsFile {
  return { version: 1, folders: {}, studio: {} };
}
