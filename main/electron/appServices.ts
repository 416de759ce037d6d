import path from 'node:path';
import type { BrowserWindow } from 'electron';
import { HistoryStore } from '../node/history/historyStore.js';
import { openModelStore } from '../node/model/modelStore.js';
import { PathGrants } from '../node/pathGrants/pathGrants.js';
import { RecentFiles } from '../node/recentFiles/recentFiles.js';
import type { LoadResult } from '../node/settings/jsonFile.js';
import { SettingsService } from '../node/settings/settingsService.js';
import type { MainContext } from './context.js';
import { HostCommands } from './hostCommands.js';
import { ModelAccess } from './modelAccess.js';

function reportRecovery(name: string, loaded: LoadResult<unknown>): void {
  if (loaded.keptAside) console.warn(`pastiche: ${name} was unreadable (${loaded.problem}); kept it as ${loaded.keptAside} and started from defaults`);
}

export interface ServiceHooks {
  window(): BrowserWindow | undefined;
  recentChanged(): void;
}

/** Opens the settings, recent list and model store in the user data folder and builds the shared context. */
export async function openServices(userData: string, hooks: ServiceHooks): Promise<MainContext> {
  const { settings, loaded: settingsLoaded } = await SettingsService.open(userData);
  reportRecovery('settings.json', settingsLoaded);
  const { recent, loaded: recentLoaded } = await RecentFiles.open(userData);
  reportRecovery('recent-files.json', recentLoaded);
  const { history, loaded: historyLoaded } = await HistoryStore.open(path.join(userData, 'history'));
  reportRecovery('history/index.json', historyLoaded);
  return {
    settings,
    recent,
    grants: new PathGrants(),
    models: new ModelAccess(openModelStore(path.join(userData, 'models'))),
    commands: new HostCommands(),
    history,
    window: hooks.window,
    recentChanged: hooks.recentChanged,
  };
}
