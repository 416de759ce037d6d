import { readFile } from 'node:fs/promises';
import { isDeepStrictEqual } from 'node:util';
import type { StyleSettings } from '../../app/run/settings.js';
import { readRunMetadata } from '../node/metadata/readRunMetadata.js';
import type { RunInputNames, RunMetadata } from '../node/metadata/runMetadata.js';

/**
 * What is already at an item's output path: nothing; the finished result of this very setup; this setup's
 * result from a run that was stopped early; a result of other settings or inputs; or a file Pastiche did not
 * make (or cannot read).
 */
export type OutputState = 'absent' | 'done' | 'unfinished' | 'different' | 'foreign';

/** Compared as JSON, so key order and absent-versus-undefined do not matter. */
const sameJson = (a: unknown, b: unknown) => isDeepStrictEqual(JSON.parse(JSON.stringify(a)), JSON.parse(JSON.stringify(b)));

function sameSetup(record: RunMetadata, settings: StyleSettings, inputs: RunInputNames): boolean {
  return sameJson(record.settings, settings) && sameJson(record.inputs, inputs);
}

export async function outputState(output: string, settings: StyleSettings, inputs: RunInputNames): Promise<OutputState> {
  let bytes: Buffer;
  try {
    bytes = await readFile(output);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'absent' : 'foreign';
  }
  const record = await readRunMetadata(bytes).catch(() => null);
  if (!record) return 'foreign';
  if (!sameSetup(record, settings, inputs)) return 'different';
  return record.stopped ? 'unfinished' : 'done';
}
