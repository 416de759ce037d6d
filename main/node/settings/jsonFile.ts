import { mkdir, readFile, rename, stat } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import { writeFileAtomic } from '../fs/atomicWrite.js';

export interface LoadResult<T> {
  value: T;
  /** Where an unreadable file was moved before defaults replaced it; absent when the file was fine or missing. */
  keptAside?: string;
  /** Why the file was set aside. */
  problem?: string;
}

/** "settings.json" and a time → "settings.corrupt-2025-01-31T12-00-00-000Z.json" (no colons: Windows forbids them). */
export function corruptName(file: string, when: Date): string {
  const ext = path.extname(file);
  const stamp = when.toISOString().replace(/[:.]/g, '-');
  return path.join(path.dirname(file), `${path.basename(file, ext)}.corrupt-${stamp}${ext}`);
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

/**
 * One JSON document on disk, checked by a schema. A missing file reads as the defaults; an unreadable or
 * invalid one is kept aside (renamed to name.corrupt-<time>.json) and replaced with the defaults. Writes are
 * atomic (temp file, then rename) and run one at a time in the order asked.
 */
export class JsonFile<T> {
  #queue: Promise<void> = Promise.resolve();

  constructor(
    readonly file: string,
    private readonly schema: z.ZodType<T>,
    private readonly defaults: () => T,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async load(): Promise<LoadResult<T>> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { value: this.defaults() };
      throw e;
    }
    const checked = this.#check(text);
    if (checked.ok) return { value: checked.value };
    const problem = checked.problem;
    const keptAside = await this.#setAside();
    const value = this.defaults();
    await this.save(value);
    return { value, keptAside, problem };
  }

  /** Writes `value` atomically after any write already queued (creating the folder); resolves when it is on disk. */
  save(value: T): Promise<void> {
    const text = `${JSON.stringify(value, null, 2)}\n`;
    const write = this.#queue.then(async () => {
      await mkdir(path.dirname(this.file), { recursive: true });
      await writeFileAtomic(this.file, Buffer.from(text, 'utf8'), { overwrite: true });
    });
    this.#queue = write.catch(() => undefined);
    return write;
  }

  /** Resolves once every write asked so far has finished (whether it worked or not). */
  flush(): Promise<void> {
    return this.#queue;
  }

  #check(text: string): { ok: true; value: T } | { ok: false; problem: string } {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (e) {
      return { ok: false, problem: `not valid JSON (${(e as Error).message})` };
    }
    const checked = this.schema.safeParse(data);
    if (checked.success) return { ok: true, value: checked.data };
    return { ok: false, problem: `unexpected content (${checked.error.issues[0]?.message ?? 'invalid'})` };
  }

  async #setAside(): Promise<string> {
    let aside = corruptName(this.file, this.now());
    for (let n = 2; await exists(aside); n++) aside = corruptName(this.file, this.now()).replace(/(\.[^.]*)$/, `-${n}$1`);
    await rename(this.file, aside);
    return aside;
  }
}
