import path from 'node:path';
import type { BrowserWindow } from 'electron';
import { CheckpointStore } from '../node/checkpoint/checkpointStore.js';
import { HistoryStore } from '../node/history/historyStore.js';
import type { LogFile } from '../node/log/logFile.js';
import { openModelStore } from '../node/model/modelStore.js';
import { OutputFolders } from '../node/outputFolder/outputFolders.js';
import { PathGrants } from '../node/pathGrants/pathGrants.js';
import { RecentFiles } from '../node/recentFiles/recentFiles.js';
import type { LoadResult } from '../node/settings/jsonFile.js';
import { SettingsService } from '../node/settings/settingsService.js';
import type { MainContext } from './context.js';
import { HostCommands } from './hostCommands.js';
import { downloadSourceFromEnv, ModelAccess } from './modelAccess.js';
import { RunActivity } from './runActivity.js';

function reportRecovery(log: LogFile, name: string, loaded: LoadResult<unknown>): void {
  if (!loaded.keptAside) return;
  const message = `${name} was unreadable (${loaded.problem}); kept it as ${loaded.keptAside} and started from defaults`;
  console.warn(`pastiche: ${message}`);
  log.warn(message);
}

export interface ServiceHooks {
  window(): BrowserWindow | undefined;
  recentChanged(): void;
}

/** Opens the settings, recent list and model store in the user data folder and builds the shared context. */
export async function openServices(userData: string, hooks: ServiceHooks, log: LogFile): Promise<MainContext> {
  const { settings, loaded: settingsLoaded } = await SettingsService.open(userData);
  reportRecovery(log, 'settings.json', settingsLoaded);
  const { recent, loaded: recentLoaded } = await RecentFiles.open(userData);
  reportRecovery(log, 'recent-files.json', recentLoaded);
  const { history, loaded: historyLoaded } = await HistoryStore.open(path.join(userData, 'history'));
  reportRecovery(log, 'history/index.json', historyLoaded);
  return {
    settings,
    recent,
    grants: new PathGrants(),
    models: new ModelAccess(openModelStore(path.join(userData, 'models')), process.env, downloadSourceFromEnv(process.env)),
    commands: new HostCommands(),
    history,
    outputFolders: new OutputFolders(),
    checkpoints: new CheckpointStore(path.join(userData, 'checkpoint'), {
      onCorrupt: (reason, movedTo) => {
        const message = `the unfinished run could not be read (${reason}); kept it in ${movedTo}`;
        console.warn(`pastiche: ${message}`);
        log.warn(message);
      },
    }),
    runActivity: new RunActivity(),
    log,
    window: hooks.window,
    recentChanged: hooks.recentChanged,
  };
}
