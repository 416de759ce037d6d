import { stat } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { ImageRole } from '../../../app/host/contract.js';
import { JsonFile, type LoadResult } from '../settings/jsonFile.js';

export const RECENT_FILE_NAME = 'recent-files.json';
export const MAX_RECENT_FILES = 10;

const RecentEntrySchema = z.object({
  path: z.string().min(1).max(4096),
  role: z.enum(['content', 'style']),
});
export type RecentEntry = z.infer<typeof RecentEntrySchema>;

const RecentFileSchema = z.object({ version: z.literal(1), files: z.array(RecentEntrySchema).max(MAX_RECENT_FILES) });
type RecentFileData = z.infer<typeof RecentFileSchema>;

async function isFile(file: string): Promise<boolean> {
  return stat(file).then(
    (s) => s.isFile(),
    () => false,
  );
}

/**
 * The last images opened (newest first, at most ten, one entry per file), persisted as recent-files.json in
 * the user data folder. Files that no longer exist are dropped whenever the list is read.
 */
export class RecentFiles {
  private constructor(
    private readonly file: JsonFile<RecentFileData>,
    private entries: RecentEntry[],
  ) {}

  static async open(dir: string): Promise<{ recent: RecentFiles; loaded: LoadResult<RecentFileData> }> {
    const file = new JsonFile(path.join(dir, RECENT_FILE_NAME), RecentFileSchema, () => ({ version: 1 as const, files: [] }));
    const loaded = await file.load();
    return { recent: new RecentFiles(file, loaded.value.files), loaded };
  }

  /** Puts `file` first with its role; an older entry for the same file is replaced. */
  add(file: string, role: ImageRole): Promise<void> {
    const absolute = path.resolve(file);
    const rest = this.entries.filter((e) => e.path !== absolute);
    return this.#replace([{ path: absolute, role }, ...rest].slice(0, MAX_RECENT_FILES));
  }

  /** The entries whose files still exist; missing ones are removed from the list on disk. */
  async list(): Promise<RecentEntry[]> {
    const present = await Promise.all(this.entries.map((e) => isFile(e.path)));
    const kept = this.entries.filter((_, i) => present[i]);
    if (kept.length !== this.entries.length) await this.#replace(kept);
    return kept.map((e) => ({ ...e }));
  }

  remove(file: string): Promise<void> {
    const absolute = path.resolve(file);
    return this.#replace(this.entries.filter((e) => e.path !== absolute));
  }

  clear(): Promise<void> {
    return this.#replace([]);
  }

  flush(): Promise<void> {
    return this.file.flush();
  }

  #replace(entries: RecentEntry[]): Promise<void> {
    this.entries = entries;
    return this.file.save({ version: 1, files: entries });
  }
}
