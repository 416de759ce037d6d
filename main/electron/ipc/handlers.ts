import type { InvokeMethod } from './channels.js';
import type { IpcHandler } from './handler.js';
import { cancelModelDownload } from './cancelModelDownload.js';
import { chooseOutputFolder } from './chooseOutputFolder.js';
import { folderFileRecord } from './folderFileRecord.js';
import { checkpointClear } from './checkpointClear.js';
import { checkpointLoad } from './checkpointLoad.js';
import { checkpointSave } from './checkpointSave.js';
import { downloadModel } from './downloadModel.js';
import { exportImage } from './exportImage.js';
import { getSettings } from './getSettings.js';
import { historyAdd } from './historyAdd.js';
import { historyDelete } from './historyDelete.js';
import { historyImage } from './historyImage.js';
import { historyInputs } from './historyInputs.js';
import { historyList } from './historyList.js';
import { importModel } from './importModel.js';
import { info } from './info.js';
import { loadModel } from './loadModel.js';
import { log } from './log.js';
import { modelStatus } from './modelStatus.js';
import { openImages } from './openImages.js';
import { openRecent } from './openRecent.js';
import { readDroppedFile } from './readDroppedFile.js';
import { readLogs } from './readLogs.js';
import { recentFiles } from './recentFiles.js';
import { revealInFolder } from './revealInFolder.js';
import { setRunActive } from './setRunActive.js';
import { setSettings } from './setSettings.js';
import { writeToFolder } from './writeToFolder.js';
import { saveToDownloads } from './saveToDownloads.js';
import { copyText } from './copyText.js';

/** Every Host request and its handler; the mapped type makes a missing or extra method a compile error. */
export const HANDLERS: { readonly [M in InvokeMethod]: IpcHandler<M, readonly unknown[]> } = {
  info,
  openImages,
  readDroppedFile,
  openRecent,
  recentFiles,
  exportImage,
  revealInFolder,
  getSettings,
  setSettings,
  modelStatus,
  loadModel,
  downloadModel,
  cancelModelDownload,
  importModel,
  historyList,
  historyAdd,
  historyImage,
  historyDelete,
  historyInputs,
  chooseOutputFolder,
  writeToFolder,
  folderFileRecord,
  checkpointSave,
  checkpointLoad,
  checkpointClear,
  setRunActive,
  log,
  readLogs,
  saveToDownloads,
  copyText,
};
