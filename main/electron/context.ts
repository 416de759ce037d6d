import type { BrowserWindow } from 'electron';
import type { CheckpointStore } from '../node/checkpoint/checkpointStore.js';
import type { HistoryStore } from '../node/history/historyStore.js';
import type { OutputFolders } from '../node/outputFolder/outputFolders.js';
import type { LogFile } from '../node/log/logFile.js';
import type { PathGrants } from '../node/pathGrants/pathGrants.js';
import type { RecentFiles } from '../node/recentFiles/recentFiles.js';
import type { SettingsService } from '../node/settings/settingsService.js';
import type { HostCommands } from './hostCommands.js';
import type { ModelAccess } from './modelAccess.js';
import type { RunActivity } from './runActivity.js';

/** The services IPC handlers, menu actions and file opening share. Built once in main.ts. */
export interface MainContext {
  readonly settings: SettingsService;
  readonly recent: RecentFiles;
  readonly grants: PathGrants;
  readonly models: ModelAccess;
  readonly commands: HostCommands;
  /** The run history (user data/history). */
  readonly history: HistoryStore;
  /** The unfinished run, kept every few seconds for resuming after a crash (user data/checkpoint). */
  readonly checkpoints: CheckpointStore;
  /** Whether a run is going (quitting then asks first). */
  readonly runActivity: RunActivity;
  /** The log for bug reports (user data/logs/pastiche.log). */
  readonly log: LogFile;
  /** The folders the user chose for batch results (apart from the file grants). */
  readonly outputFolders: OutputFolders;
  /** The studio window (the parent of dialogs), when it is open. */
  window(): BrowserWindow | undefined;
  /** The recent list changed: refresh what shows it (File ▸ Open Recent). */
  recentChanged(): void;
}
