import type { Host } from '../../../app/host/contract.js';

/** The Host methods that are requests (all but onCommand, which is an event subscription). */
export type InvokeMethod = Exclude<keyof Host, 'onCommand'>;

/** One IPC channel per Host method: the preload invokes it, one handler file in ipc/ answers it. */
export const INVOKE_CHANNELS = {
  info: 'pastiche:info',
  openImages: 'pastiche:open-images',
  readDroppedFile: 'pastiche:read-dropped-file',
  openRecent: 'pastiche:open-recent',
  recentFiles: 'pastiche:recent-files',
  exportImage: 'pastiche:export-image',
  revealInFolder: 'pastiche:reveal-in-folder',
  getSettings: 'pastiche:get-settings',
  setSettings: 'pastiche:set-settings',
  modelStatus: 'pastiche:model-status',
  loadModel: 'pastiche:load-model',
  downloadModel: 'pastiche:download-model',
  cancelModelDownload: 'pastiche:cancel-model-download',
  importModel: 'pastiche:import-model',
  historyList: 'pastiche:history-list',
  historyAdd: 'pastiche:history-add',
  historyImage: 'pastiche:history-image',
  historyDelete: 'pastiche:history-delete',
  historyInputs: 'pastiche:history-inputs',
  chooseOutputFolder: 'pastiche:choose-output-folder',
  writeToFolder: 'pastiche:write-to-folder',
  folderFileRecord: 'pastiche:folder-file-record',
  checkpointSave: 'pastiche:checkpoint-save',
  checkpointLoad: 'pastiche:checkpoint-load',
  checkpointClear: 'pastiche:checkpoint-clear',
  setRunActive: 'pastiche:set-run-active',
  log: 'pastiche:log',
  readLogs: 'pastiche:read-logs',
  saveToDownloads: 'pastiche:save-to-downloads',
  copyText: 'pastiche:copy-text',
} as const satisfies Record<InvokeMethod, string>;

/** Messages that are not request/response: commands and download progress (main → preload), subscription (preload → main). */
export const EVENT_CHANNELS = {
  /** main → preload: a HostCommand for onCommand listeners. */
  command: 'pastiche:command',
  /** preload → main: the studio listens for commands now; queued ones may be sent. */
  commandsReady: 'pastiche:commands-ready',
  /** main → preload: DownloadProgress of the download the preload asked for. */
  downloadProgress: 'pastiche:download-progress',
} as const;

/** What every handler answers: a value, or a message for the user (the preload turns it into a thrown Error). */
export type IpcReply<T> = { ok: true; value: T } | { ok: false; message: string };
