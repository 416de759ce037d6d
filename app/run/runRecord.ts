import type { StyleSettings } from './settings.js';

/** The PNG text keyword under which a run record is stored, and the app name in every record. */
export const RUN_RECORD_KEYWORD = 'pastiche';
export const RUN_RECORD_APP = 'Pastiche';

/**
 * What an exported image says about how it was made: enough to repeat the run. The CLI (main/node/metadata)
 * and the studio write the same JSON; the CLI checks it against its zod schema, the studio against
 * isRunRecord below (app/ takes no packages).
 */
export interface RunRecord {
  app: typeof RUN_RECORD_APP;
  appVersion: string;
  settings: StyleSettings;
  seed: number;
  model: { location: string; layers: { content: string[]; style: string[]; styleWeights?: number[] } };
  /** Input files by name only: an exported image should not reveal the user's folders. */
  inputs: { content: string; styles: string[]; keepMask?: string; styleMasks?: string[]; initImage?: string };
  createdAt: string;
  /** Present when the run ended early: the image is the best so far, not the finished result. */
  stopped?: true;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStringList = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string');

/**
 * True when `value` has a run record's shape (field types only: the settings' values are checked where
 * they are used, field by field).
 */
export function isRunRecord(value: unknown): value is RunRecord {
  if (!isObject(value) || value.app !== RUN_RECORD_APP || typeof value.appVersion !== 'string') return false;
  if (!isObject(value.settings) || typeof value.seed !== 'number' || typeof value.createdAt !== 'string') return false;
  const { model, inputs } = value;
  if (!isObject(model) || typeof model.location !== 'string' || !isObject(model.layers)) return false;
  if (!isStringList(model.layers.content) || !isStringList(model.layers.style)) return false;
  return isObject(inputs) && typeof inputs.content === 'string' && isStringList(inputs.styles);
}

/** A record's JSON text, or null when it is not JSON or not a run record. */
export function parseRunRecord(text: string): RunRecord | null {
  try {
    const value: unknown = JSON.parse(text);
    return isRunRecord(value) ? value : null;
  } catch {
    return null;
  }
}

/** A record as JSON text in plain ASCII (other characters as \u escapes): safe in a Latin-1 PNG tEXt chunk. */
export function runRecordJson(record: RunRecord): string {
  return JSON.stringify(record).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
