import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { CheckpointInputs, CheckpointMask, NewCheckpoint, RunCheckpoint } from '../../../app/host/contract.js';
import { writeFileAtomic } from '../fs/atomicWrite.js';
import { firstIssue } from '../metadata/styleSettingsSchema.js';
import { CheckpointRecordSchema, DATA_FILE, type CheckpointRecord, type FileRef, type StoredInputs } from './checkpointSchema.js';

// A checkpoint is checkpoint.json and the files it names: the picture, and the run's inputs (written with the
// run's first save, named again by later ones). New files are written first under new names, then
// checkpoint.json replaces the old one by an atomic rename: that rename is the moment the new checkpoint takes
// over, so a crash at any point leaves either the old one or the new one, never a mix. What a crash leaves
// (temp files, files nobody names) is ignored when reading and removed by the next write.

const RECORD = 'checkpoint.json';
/** A temp file of writeFileAtomic for one of ours: `.NAME.PID-HEX.tmp`. */
const TEMP_FILE = /^\.(?:checkpoint\.json|(?:image|input|mask)-[0-9a-z]+-[0-9a-f]+\.(?:png|bin))\.(\d+)-[0-9a-f]+\.tmp$/;

/** A checkpoint request that cannot be served, with a sentence for the user. */
export class CheckpointError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CheckpointError';
  }
}

/** A checkpoint on disk that cannot be read back as it was written. */
class CorruptCheckpoint extends Error {}

export interface CheckpointStoreOptions {
  now?: () => Date;
  /** Told when a damaged checkpoint was moved aside: why, and the folder it now lies in. */
  onCorrupt?: (reason: string, movedTo: string) => void;
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** A temp file left by another process: one that crashed mid-write (this process's own are in use). */
function isForeignTemp(name: string): boolean {
  const match = TEMP_FILE.exec(name);
  return match !== null && Number(match[1]) !== process.pid;
}

/** The files a record names. */
function filesOf(record: Pick<CheckpointRecord, 'image' | 'inputs'>): string[] {
  const { inputs } = record;
  const masks = [inputs.keepMask, ...(inputs.styleRegions ?? [])].filter((m): m is NonNullable<typeof m> => m != null);
  return [record.image, inputs.content, ...inputs.styles, ...masks].map((f) => f.file);
}

function checkMask(mask: CheckpointMask, what: string): void {
  if (mask.data.byteLength !== mask.width * mask.height) {
    throw new CheckpointError(`The ${what} has ${mask.data.byteLength} bytes for ${mask.width} × ${mask.height} pixels.`);
  }
}

/**
 * The unfinished run in a folder of the user data (created when first needed). One checkpoint at a time;
 * every save replaces the previous one atomically, and changes run one at a time in the order asked.
 */
export class CheckpointStore {
  #queue: Promise<unknown> = Promise.resolve();
  readonly #now: () => Date;

  constructor(
    readonly folder: string,
    private readonly options: CheckpointStoreOptions = {},
  ) {
    this.#now = options.now ?? (() => new Date());
  }

  save(checkpoint: NewCheckpoint): Promise<void> {
    return this.#serial(async () => {
      await mkdir(this.folder, { recursive: true });
      const written: string[] = [];
      try {
        const inputs = checkpoint.inputs ? await this.#writeInputs(checkpoint.inputs, written) : await this.#earlierInputs(checkpoint.runId);
        const image = await this.#writeFile('image', 'png', checkpoint.image, written);
        const record = CheckpointRecordSchema.safeParse({
          version: 2,
          runId: checkpoint.runId,
          settings: checkpoint.settings,
          iteration: checkpoint.iteration,
          scaleIndex: checkpoint.scaleIndex,
          image,
          inputs,
          savedAt: this.#now().toISOString(),
        } satisfies CheckpointRecord);
        if (!record.success) throw new CheckpointError(`The checkpoint is invalid (${firstIssue(record.error, 'checkpoint')}).`);
        await writeFileAtomic(this.#path(RECORD), Buffer.from(JSON.stringify(record.data), 'utf8'), { overwrite: true });
        await this.#removeLeftovers(new Set(filesOf(record.data)));
      } catch (e) {
        await Promise.all(written.map((f) => rm(this.#path(f), { force: true })));
        throw e;
      }
    });
  }

  /** The checkpoint, or null when there is none; a damaged one is moved aside, reported, and read as none. */
  load(): Promise<RunCheckpoint | null> {
    return this.#serial(async () => {
      const text = await this.#readRecordText();
      if (text === null) return null;
      let record: CheckpointRecord | null = null;
      try {
        record = this.#parse(text);
        return {
          runId: record.runId,
          settings: record.settings,
          iteration: record.iteration,
          scaleIndex: record.scaleIndex,
          image: await this.#readFile(record.image, 'its picture'),
          inputs: await this.#readInputs(record.inputs),
          savedAt: record.savedAt,
        };
      } catch (e) {
        if (!(e instanceof CorruptCheckpoint)) throw e;
        const movedTo = await this.#moveAside(record ? filesOf(record) : []);
        this.options.onCorrupt?.(e.message, movedTo);
        return null;
      }
    });
  }

  /** Removes the checkpoint (the record first, so an interrupted clear never leaves half a checkpoint). */
  clear(): Promise<void> {
    return this.#serial(async () => {
      await rm(this.#path(RECORD), { force: true }).catch((e: NodeJS.ErrnoException) => {
        if (e.code !== 'ENOTDIR') throw e;
      });
      await this.#removeLeftovers(new Set());
    });
  }

  async #writeInputs(inputs: CheckpointInputs, written: string[]): Promise<StoredInputs> {
    if (inputs.styleWeights.length !== inputs.styles.length) throw new CheckpointError('The checkpoint needs one blend weight per style.');
    if (inputs.styleRegions && inputs.styleRegions.length !== inputs.styles.length) throw new CheckpointError('The checkpoint needs one style region (or none) per style.');
    if (inputs.keepMask) checkMask(inputs.keepMask, 'keep mask');
    inputs.styleRegions?.forEach((m, i) => m && checkMask(m, `region of style ${i + 1}`));
    const named = async (f: { name: string; bytes: Uint8Array }) => ({ name: f.name, ...(await this.#writeFile('input', 'bin', f.bytes, written)) });
    const mask = async (m: CheckpointMask) => ({ width: m.width, height: m.height, ...(await this.#writeFile('mask', 'bin', m.data, written)) });
    const stored: StoredInputs = {
      content: await named(inputs.content),
      styles: await Promise.all(inputs.styles.map(named)),
      styleWeights: [...inputs.styleWeights],
    };
    if (inputs.keepMask) stored.keepMask = await mask(inputs.keepMask);
    if (inputs.styleRegions) stored.styleRegions = await Promise.all(inputs.styleRegions.map((m) => (m ? mask(m) : null)));
    return stored;
  }

  /** The inputs the checkpoint of the same run already holds. */
  async #earlierInputs(runId: string): Promise<StoredInputs> {
    const text = await this.#readRecordText();
    let record: CheckpointRecord | undefined;
    try {
      record = text === null ? undefined : CheckpointRecordSchema.safeParse(JSON.parse(text)).data;
    } catch {
      record = undefined;
    }
    if (!record || record.runId !== runId) throw new CheckpointError('The first checkpoint of a run must include its inputs.');
    return record.inputs;
  }

  async #writeFile(kind: 'image' | 'input' | 'mask', ext: 'png' | 'bin', bytes: Uint8Array, written: string[]): Promise<FileRef> {
    const file = `${kind}-${this.#now().getTime().toString(36)}-${randomBytes(6).toString('hex')}.${ext}`;
    await writeFileAtomic(this.#path(file), bytes);
    written.push(file);
    return { file, bytes: bytes.byteLength, sha256: sha256(bytes) };
  }

  async #readRecordText(): Promise<string | null> {
    try {
      return await readFile(this.#path(RECORD), 'utf8');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return null;
      throw e;
    }
  }

  #parse(text: string): CheckpointRecord {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw new CorruptCheckpoint(`${RECORD} is not valid JSON`);
    }
    const parsed = CheckpointRecordSchema.safeParse(value);
    if (!parsed.success) throw new CorruptCheckpoint(`${RECORD} is invalid (${firstIssue(parsed.error, 'checkpoint')})`);
    return parsed.data;
  }

  async #readInputs(inputs: StoredInputs): Promise<CheckpointInputs> {
    const named = async (f: StoredInputs['content']) => ({ name: f.name, bytes: await this.#readFile(f, `input ${f.name}`) });
    const mask = async (m: NonNullable<StoredInputs['keepMask']>, what: string) => {
      const data = await this.#readFile(m, what);
      if (data.byteLength !== m.width * m.height) throw new CorruptCheckpoint(`its ${what} is not ${m.width} × ${m.height}`);
      return { width: m.width, height: m.height, data };
    };
    const out: CheckpointInputs = {
      content: await named(inputs.content),
      styles: await Promise.all(inputs.styles.map(named)),
      styleWeights: [...inputs.styleWeights],
    };
    if (inputs.keepMask) out.keepMask = await mask(inputs.keepMask, 'keep mask');
    if (inputs.styleRegions) out.styleRegions = await Promise.all(inputs.styleRegions.map((m, i) => (m ? mask(m, `region of style ${i + 1}`) : null)));
    return out;
  }

  /** A file the record names, checked against its hash: a changed or truncated file makes the checkpoint damaged. */
  async #readFile(ref: FileRef, what: string): Promise<Uint8Array> {
    const broken = (why: string) => new CorruptCheckpoint(`${what} (${ref.file}) ${why}`);
    const bytes = await readFile(this.#path(ref.file)).catch(() => {
      throw broken('cannot be read');
    });
    if (bytes.byteLength !== ref.bytes || sha256(bytes) !== ref.sha256) throw broken(`does not match ${RECORD} (changed or incomplete)`);
    return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  /** Moves a damaged checkpoint into a folder of its own beside it, kept for bug reports; returns that folder. */
  async #moveAside(files: readonly string[]): Promise<string> {
    const aside = this.#path(`corrupt-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`);
    await mkdir(aside);
    await rename(this.#path(RECORD), path.join(aside, RECORD));
    await Promise.all(files.map((f) => rename(this.#path(f), path.join(aside, f)).catch(() => undefined)));
    return aside;
  }

  /** Removes the files the checkpoint does not name and temp files left by other processes. */
  async #removeLeftovers(keep: ReadonlySet<string>): Promise<void> {
    const names = await readdir(this.folder).catch(() => [] as string[]);
    const stale = names.filter((n) => (DATA_FILE.test(n) && !keep.has(n)) || isForeignTemp(n));
    await Promise.all(stale.map((n) => rm(this.#path(n), { force: true })));
  }

  #path(name: string): string {
    return path.join(this.folder, name);
  }

  #serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.#queue.then(work);
    this.#queue = next.catch(() => undefined);
    return next;
  }
}
