import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { RgbaImage } from '../../../app/image/rgbaImage.js';
import type { StyleSettings } from '../../../app/run/settings.js';
import { writeFileAtomic } from '../fs/atomicWrite.js';
import { firstIssue } from '../metadata/styleSettingsSchema.js';
import { decodeCheckpointImage, encodeCheckpointImage } from './checkpointImage.js';
import { CheckpointFileSchema, IMAGE_FILE, type CheckpointFile, type CheckpointInputs } from './checkpointSchema.js';

// A checkpoint is a pair: checkpoint.json and the PNG it names. The PNG is written first under a new name,
// then checkpoint.json replaces the old one by an atomic rename: that rename is the moment the new pair
// takes over, so a crash at any point leaves either the old pair or the new one, never a mix. Files left
// by a crash (temp files, a PNG nobody names) are ignored when reading and removed by the next write.
// One writer per folder at a time.

const RECORD = 'checkpoint.json';
/** A temp file of writeFileAtomic for one of ours: `.NAME.PID-HEX.tmp`. */
const TEMP_FILE = /^\.(?:checkpoint\.json|image-[0-9a-z]+-[0-9a-f]+\.png)\.(\d+)-[0-9a-f]+\.tmp$/;

export interface Checkpoint {
  settings: StyleSettings;
  inputs: CheckpointInputs;
  image: RgbaImage;
  /** Iterations done, across scales. */
  iteration: number;
  scaleIndex: number;
}

export interface SavedCheckpoint extends Checkpoint {
  savedAt: string;
}

export interface ReadOptions {
  /** Told when a damaged checkpoint was moved aside: why, and the folder it now lies in. */
  onCorrupt?: (reason: string, movedTo: string) => void;
}

class CorruptCheckpoint extends Error {
  constructor(
    message: string,
    readonly imageFile: string | null,
  ) {
    super(message);
  }
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** A temp file left by another process: one that crashed mid-write (this process's own are in use). */
function isForeignTemp(name: string): boolean {
  const match = TEMP_FILE.exec(name);
  return match !== null && Number(match[1]) !== process.pid;
}

/** Removes the PNGs that `keep` does not name and temp files left by other processes. */
async function removeLeftovers(dir: string, keep: string | null): Promise<void> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const stale = names.filter((n) => (IMAGE_FILE.test(n) && n !== keep) || isForeignTemp(n));
  await Promise.all(stale.map((n) => rm(path.join(dir, n), { force: true })));
}

/** Saves the run's state in `dir` (created if needed), replacing the previous checkpoint atomically. */
export async function writeCheckpoint(dir: string, checkpoint: Checkpoint, now = new Date()): Promise<void> {
  const png = await encodeCheckpointImage(checkpoint.image);
  const file = `image-${now.getTime().toString(36)}-${randomBytes(4).toString('hex')}.png`;
  const { width, height } = checkpoint.image;
  const record = CheckpointFileSchema.parse({
    version: 1,
    settings: checkpoint.settings,
    inputs: checkpoint.inputs,
    iteration: checkpoint.iteration,
    scaleIndex: checkpoint.scaleIndex,
    image: { file, width, height, sha256: sha256(png) },
    savedAt: now.toISOString(),
  } satisfies CheckpointFile);
  await mkdir(dir, { recursive: true });
  await writeFileAtomic(path.join(dir, file), png);
  try {
    await writeFileAtomic(path.join(dir, RECORD), Buffer.from(JSON.stringify(record), 'utf8'), { overwrite: true });
  } catch (e) {
    await rm(path.join(dir, file), { force: true });
    throw e;
  }
  await removeLeftovers(dir, file);
}

function parseRecord(text: string): CheckpointFile {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new CorruptCheckpoint(`${RECORD} is not valid JSON`, null);
  }
  const parsed = CheckpointFileSchema.safeParse(value);
  if (!parsed.success) throw new CorruptCheckpoint(`${RECORD} is invalid (${firstIssue(parsed.error, 'checkpoint')})`, null);
  return parsed.data;
}

async function loadImage(dir: string, image: CheckpointFile['image']): Promise<RgbaImage> {
  const broken = (why: string) => new CorruptCheckpoint(`its image ${image.file} ${why}`, image.file);
  const png = await readFile(path.join(dir, image.file)).catch(() => {
    throw broken('cannot be read');
  });
  if (sha256(png) !== image.sha256) throw broken('does not match checkpoint.json (changed or incomplete)');
  const pixels = await decodeCheckpointImage(png).catch(() => {
    throw broken('cannot be decoded');
  });
  if (pixels.width !== image.width || pixels.height !== image.height) throw broken(`is ${pixels.width}×${pixels.height}, not ${image.width}×${image.height}`);
  return pixels;
}

/** Moves a damaged checkpoint into a folder of its own beside it, kept for bug reports; returns that folder. */
async function moveAside(dir: string, imageFile: string | null): Promise<string> {
  const aside = path.join(dir, `corrupt-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`);
  await mkdir(aside);
  await rename(path.join(dir, RECORD), path.join(aside, RECORD));
  if (imageFile) await rename(path.join(dir, imageFile), path.join(aside, imageFile)).catch(() => undefined);
  return aside;
}

/**
 * The checkpoint in `dir`, or null when there is none. A damaged one (unreadable JSON, invalid settings,
 * a missing or altered image) is moved aside, reported through `onCorrupt`, and read as none.
 */
export async function readCheckpoint(dir: string, options: ReadOptions = {}): Promise<SavedCheckpoint | null> {
  let text: string;
  try {
    text = await readFile(path.join(dir, RECORD), 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT' || (e as NodeJS.ErrnoException).code === 'ENOTDIR') return null;
    throw e;
  }
  try {
    const record = parseRecord(text);
    const image = await loadImage(dir, record.image);
    const { settings, inputs, iteration, scaleIndex, savedAt } = record;
    return { settings, inputs, image, iteration, scaleIndex, savedAt };
  } catch (e) {
    if (!(e instanceof CorruptCheckpoint)) throw e;
    const movedTo = await moveAside(dir, e.imageFile);
    options.onCorrupt?.(e.message, movedTo);
    return null;
  }
}

/** Removes the checkpoint (the record first, so an interrupted clear never leaves half a checkpoint). */
export async function clearCheckpoint(dir: string): Promise<void> {
  await rm(path.join(dir, RECORD), { force: true }).catch((e: NodeJS.ErrnoException) => {
    if (e.code !== 'ENOTDIR') throw e;
  });
  await removeLeftovers(dir, null);
}
