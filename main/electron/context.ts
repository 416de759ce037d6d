import type { BrowserWindow } from 'electron';
import type { HistoryStore } from '../node/history/historyStore.js';
import type { PathGrants } from '../node/pathGrants/pathGrants.js';
import type { RecentFiles } from '../node/recentFiles/recentFiles.js';
import type { SettingsService } from '../node/settings/settingsService.js';
import type { HostCommands } from './hostCommands.js';
import type { ModelAccess } from './modelAccess.js';

/** The services IPC handlers, menu actions and file opening share. Built once in main.ts. */
export interface MainContext {
  readonly settings: SettingsService;
  readonly recent: RecentFiles;
  readonly grants: PathGrants;
  readonly models: ModelAccess;
  readonly commands: HostCommands;
  /** The run history (user data/history). */
  readonly history: HistoryStore;
  /** The studio window (the parent of dialogs), when it is open. */
  window(): BrowserWindow | undefined;
  /** The recent list changed: refresh what shows it (File ▸ Open Recent). */
  recentChanged(): void;
}
