/**
 * The preload: the only code in the studio's renderer with access to Electron. It exposes the Host contract
 * as window.pasticheHost through contextBridge and nothing else. It runs sandboxed, so it is bundled into one
 * CommonJS file (dist/preload/preload.cjs) whose only import is electron.
 */
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import type { DownloadProgress, DroppedFile, Host, HostCommand } from '../../app/host/contract.js';
import { EVENT_CHANNELS, INVOKE_CHANNELS, type InvokeMethod, type IpcReply } from './ipc/channels.js';
import type { HostResult } from './ipc/handler.js';
import { tooLargeToSend } from './ipc/ipcLimits.js';

/** An image to hand to main, refused here with a clear sentence when one IPC message cannot carry it. */
function sendable(bytes: Uint8Array): Uint8Array {
  const problem = tooLargeToSend(bytes.byteLength);
  if (problem) throw new Error(problem);
  return bytes;
}

/** Calls main and unwraps its reply: a value, or an Error with the message written for the user. */
async function invoke<M extends InvokeMethod>(method: M, ...args: unknown[]): Promise<HostResult<M>> {
  const reply = (await ipcRenderer.invoke(INVOKE_CHANNELS[method], ...args)) as IpcReply<HostResult<M>>;
  if (!reply.ok) throw new Error(reply.message);
  return reply.value;
}

/** The path of a real File the user dropped; '' for a File with no file behind it (pasted) or a look-alike. */
function pathOf(file: DroppedFile): string {
  try {
    return webUtils.getPathForFile(file as File);
  } catch {
    return '';
  }
}

async function readDroppedFile(file: DroppedFile) {
  const path = pathOf(file);
  if (path) return invoke('readDroppedFile', { path });
  return invoke('readDroppedFile', { name: String(file.name), bytes: new Uint8Array(await file.arrayBuffer()) });
}

async function downloadModel(onProgress: (p: DownloadProgress) => void) {
  const forward = (_event: IpcRendererEvent, progress: DownloadProgress) => onProgress(progress);
  ipcRenderer.on(EVENT_CHANNELS.downloadProgress, forward);
  try {
    return await invoke('downloadModel');
  } finally {
    ipcRenderer.removeListener(EVENT_CHANNELS.downloadProgress, forward);
  }
}

function onCommand(listener: (command: HostCommand) => void): () => void {
  const forward = (_event: IpcRendererEvent, command: HostCommand) => listener(command);
  ipcRenderer.on(EVENT_CHANNELS.command, forward);
  ipcRenderer.send(EVENT_CHANNELS.commandsReady);
  return () => {
    ipcRenderer.removeListener(EVENT_CHANNELS.command, forward);
  };
}

const host: Host = {
  info: () => invoke('info'),
  openImages: (role, multiple) => invoke('openImages', role, multiple),
  readDroppedFile,
  openRecent: (token) => invoke('openRecent', token),
  recentFiles: () => invoke('recentFiles'),
  exportImage: async (request) => invoke('exportImage', { suggestedName: request.suggestedName, format: request.format, bytes: sendable(request.bytes) }),
  revealInFolder: (token) => invoke('revealInFolder', token),
  getSettings: () => invoke('getSettings'),
  setSettings: (settings) => invoke('setSettings', settings),
  modelStatus: () => invoke('modelStatus'),
  loadModel: () => invoke('loadModel'),
  downloadModel,
  cancelModelDownload: () => invoke('cancelModelDownload'),
  importModel: () => invoke('importModel'),
  historyList: () => invoke('historyList'),
  historyAdd: (entry) =>
    invoke('historyAdd', {
      contentName: entry.contentName,
      styleNames: entry.styleNames,
      settings: entry.settings,
      stopped: entry.stopped,
      width: entry.width,
      height: entry.height,
      thumbnail: entry.thumbnail,
      result: entry.result,
      ...(entry.inputs ? { inputs: entry.inputs } : {}),
    }),
  historyImage: (id, kind) => invoke('historyImage', id, kind),
  historyDelete: (id) => invoke('historyDelete', id),
  historyInputs: (id) => invoke('historyInputs', id),
  chooseOutputFolder: () => invoke('chooseOutputFolder'),
  writeToFolder: async (folderToken, fileName, bytes) => invoke('writeToFolder', folderToken, fileName, sendable(bytes)),
  folderFileRecord: (folderToken, fileName) => invoke('folderFileRecord', folderToken, fileName),
  checkpointSave: (c) =>
    invoke('checkpointSave', {
      runId: c.runId,
      settings: c.settings,
      iteration: c.iteration,
      scaleIndex: c.scaleIndex,
      image: c.image,
      ...(c.inputs ? { inputs: c.inputs } : {}),
    }),
  checkpointLoad: () => invoke('checkpointLoad'),
  checkpointClear: () => invoke('checkpointClear'),
  setRunActive: (active) => invoke('setRunActive', active),
  log: (level, message) => invoke('log', level, message),
  readLogs: () => invoke('readLogs'),
  saveToDownloads: async (fileName, bytes) => invoke('saveToDownloads', fileName, sendable(bytes)),
  copyText: (text) => invoke('copyText', text),
  onCommand,
};

contextBridge.exposeInMainWorld('pasticheHost', host);
