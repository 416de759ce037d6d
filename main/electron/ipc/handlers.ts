import type { InvokeMethod } from './channels.js';
import type { IpcHandler } from './handler.js';
import { cancelModelDownload } from './cancelModelDownload.js';
import { downloadModel } from './downloadModel.js';
import { exportImage } from './exportImage.js';
import { getSettings } from './getSettings.js';
import { historyAdd } from './historyAdd.js';
import { historyDelete } from './historyDelete.js';
import { historyImage } from './historyImage.js';
import { historyList } from './historyList.js';
import { importModel } from './importModel.js';
import { info } from './info.js';
import { loadModel } from './loadModel.js';
import { modelStatus } from './modelStatus.js';
import { openImages } from './openImages.js';
import { openRecent } from './openRecent.js';
import { readDroppedFile } from './readDroppedFile.js';
import { recentFiles } from './recentFiles.js';
import { revealInFolder } from './revealInFolder.js';
import { setSettings } from './setSettings.js';

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
};
