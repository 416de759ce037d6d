import path from 'node:path';
import type { AppSettings } from '../../../app/host/contract.js';
import { JsonFile, type LoadResult } from './jsonFile.js';
import { SettingsFileSchema, defaultSettings, type FolderKind, type SettingsFile, type WindowState } from './settingsSchema.js';

export const SETTINGS_FILE_NAME = 'settings.json';

/**
 * The app's settings, persisted as settings.json in the user data folder: the window's place and size, the
 * last folder of each dialog, and the studio's own settings. Every change is written at once, atomically.
 */
export class SettingsService {
  private constructor(
    private readonly file: JsonFile<SettingsFile>,
    private current: SettingsFile,
  ) {}

  /** Reads `dir`/settings.json (defaults when missing; a corrupt one is kept aside and replaced). */
  static async open(dir: string, now?: () => Date): Promise<{ settings: SettingsService; loaded: LoadResult<SettingsFile> }> {
    const file = new JsonFile(path.join(dir, SETTINGS_FILE_NAME), SettingsFileSchema, defaultSettings, now);
    const loaded = await file.load();
    return { settings: new SettingsService(file, loaded.value), loaded };
  }

  get path(): string {
    return this.file.file;
  }

  /** A copy of the studio's settings. */
  studio(): AppSettings {
    return structuredClone(this.current.studio);
  }

  /** Replaces the studio's settings (already validated by the caller's schema) and writes them. */
  setStudio(studio: AppSettings): Promise<void> {
    return this.#change({ studio: structuredClone(studio) });
  }

  window(): WindowState | undefined {
    return this.current.window && { ...this.current.window };
  }

  setWindow(window: WindowState): Promise<void> {
    return this.#change({ window: { ...window } });
  }

  folder(kind: FolderKind): string | undefined {
    return this.current.folders[kind];
  }

  setFolder(kind: FolderKind, dir: string): Promise<void> {
    return this.#change({ folders: { ...this.current.folders, [kind]: dir } });
  }

  /** Resolves when every change so far is on disk. */
  flush(): Promise<void> {
    return this.file.flush();
  }

  #change(patch: Partial<SettingsFile>): Promise<void> {
    this.current = SettingsFileSchema.parse({ ...this.current, ...patch });
    return this.file.save(this.current);
  }
}
