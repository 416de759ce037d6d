import { readFile } from 'node:fs/promises';
import type { StyleSettings } from '../../app/run/settings.js';
import { MetadataError } from '../node/metadata/metadataError.js';
import { readRunMetadata } from '../node/metadata/readRunMetadata.js';
import { PartialStyleSettingsSchema, firstIssue } from '../node/metadata/styleSettingsSchema.js';
import { CliError, EXIT } from './cliError.js';

/** Settings files are small; anything larger is not one. */
const MAX_SETTINGS_BYTES = 1024 * 1024;
const MAX_IMAGE_BYTES = 512 * 1024 * 1024;

const problem = (file: string, what: string) => new CliError(`--settings ${file}: ${what}`, EXIT.input);

async function readBytes(file: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw problem(file, 'file not found');
    if (code === 'EISDIR') throw problem(file, 'is a folder, not a settings file');
    if (code === 'EACCES' || code === 'EPERM') throw problem(file, 'permission denied');
    throw problem(file, `cannot be read (${(e as Error).message})`);
  }
}

/**
 * Settings from JSON: a record of settings (any subset: the rest take their defaults), or anything that
 * holds one under "settings", such as `--json` output or the metadata of an exported image.
 */
function settingsFromJson(file: string, text: string): StyleSettings {
  if (text.length > MAX_SETTINGS_BYTES) throw problem(file, `is larger than a settings file can be (${MAX_SETTINGS_BYTES} bytes)`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw problem(file, `is not valid JSON (${(e as Error).message})`);
  }
  const holder = typeof value === 'object' && value !== null && !Array.isArray(value) && 'settings' in value;
  const settings = holder ? (value as { settings: unknown }).settings : value;
  const parsed = PartialStyleSettingsSchema.safeParse(settings);
  if (!parsed.success) throw problem(file, `invalid settings (${firstIssue(parsed.error, 'settings')})`);
  return parsed.data;
}

async function settingsFromImage(file: string, bytes: Buffer): Promise<StyleSettings> {
  if (bytes.length > MAX_IMAGE_BYTES) throw problem(file, 'is too large to be a settings file or an exported image');
  let record;
  try {
    record = await readRunMetadata(bytes);
  } catch (e) {
    if (!(e instanceof MetadataError)) throw e;
    if (/^not an image/.test(e.message)) throw problem(file, 'is neither a JSON settings file nor an image exported by Pastiche');
    throw problem(file, e.message);
  }
  if (!record) throw problem(file, 'this image carries no Pastiche settings (it was not exported by Pastiche, or its metadata was removed)');
  return record.settings;
}

/** The settings in `file`: a JSON settings file or an image exported by Pastiche. Every problem names the file. */
export async function readSettingsFile(file: string): Promise<StyleSettings> {
  const bytes = await readBytes(file);
  if (bytes.length === 0) throw problem(file, 'the file is empty (0 bytes)');
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  if (/^\s*[{[]/.test(text)) return settingsFromJson(file, text);
  return settingsFromImage(file, bytes);
}
