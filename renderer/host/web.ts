import type {
  AppSettings,
  ExportFormat,
  ExportRequest,
  ExportResult,
  FolderFile,
  FolderWriteResult,
  CheckpointInputs,
  HistoryEntry,
  HistoryImageKind,
  Host,
  HostCommand,
  HostInfo,
  ImageFile,
  ImageRole,
  LogLevel,
  ModelFiles,
  ModelStatus,
  NewCheckpoint,
  NewHistoryEntry,
  OutputFolder,
  RecentFile,
  RunCheckpoint,
} from '../../app/host/contract.js';
import { BeforeUnloadGuard } from './beforeUnloadGuard.js';
import { WebCheckpoint } from './webCheckpoint.js';
import { downloadFile } from './downloadFile.js';
import { WebFolders } from './webFolder.js';
import { openKeyValueStore, type KeyValueStore } from './keyValueStore.js';
import { WebHistory } from './webHistory.js';
import { WebLog } from './webLog.js';
import { listenForShortcuts } from './webCommands.js';
import { fetchModelFiles, modelFilesFromPicked, modelUrl, ModelNotFound, statusOfFiles } from './webModel.js';
import { pickFiles, readFileBytes } from './pickFiles.js';

const MIME: Record<ExportFormat, string> = { png: 'image/png', jpeg: 'image/jpeg', webp: 'image/webp' };
const IMAGE_TYPES = 'image/*,.png,.jpg,.jpeg,.webp,.gif,.bmp,.avif';
const IMPORTED_LOCATION = 'weights imported into this browser';

/**
 * The host contract in a plain browser: the File API to open images, downloads to export, IndexedDB for
 * settings and imported weights, and weights fetched from the page's `model` URL.
 */
export class WebHost implements Host {
  private readonly store: Promise<KeyValueStore> = openKeyValueStore('pastiche');
  private readonly history = new WebHistory(this.store);
  private readonly checkpoint = new WebCheckpoint(this.store);
  private readonly unloadGuard = new BeforeUnloadGuard();
  private readonly logBook = new WebLog(this.store);
  private readonly folders = new WebFolders();
  private readonly manifestUrl = modelUrl(new URL(location.href));
  /** The weights read for modelStatus, handed to loadModel without fetching them twice. */
  private fetched: Promise<ModelFiles> | null = null;

  async info(): Promise<HostInfo> {
    return { kind: 'web', appVersion: __PASTICHE_VERSION__, platform: navigator.platform || 'web' };
  }

  async openImages(_role: ImageRole, multiple: boolean): Promise<ImageFile[]> {
    const files = await pickFiles(IMAGE_TYPES, multiple);
    return Promise.all(files.map((f) => this.readDroppedFile(f)));
  }

  async readDroppedFile(file: { name: string; arrayBuffer(): Promise<ArrayBuffer> }): Promise<ImageFile> {
    return { name: file.name || 'pasted image', bytes: await readFileBytes(file) };
  }

  async openRecent(): Promise<ImageFile> {
    throw new Error('Recent files are only available in the desktop app.');
  }

  async recentFiles(): Promise<RecentFile[]> {
    return [];
  }

  async exportImage(request: ExportRequest): Promise<ExportResult> {
    downloadFile(request.bytes, request.suggestedName, MIME[request.format]);
    return { saved: true, displayPath: request.suggestedName };
  }

  async saveToDownloads(fileName: string, bytes: Uint8Array): Promise<FolderWriteResult> {
    const ext = fileName.slice(fileName.lastIndexOf('.') + 1).toLowerCase();
    downloadFile(bytes, fileName, ext === 'png' ? MIME.png : ext === 'webp' ? MIME.webp : MIME.jpeg);
    return { saved: true, displayPath: `${fileName} (downloaded)` };
  }

  async copyText(text: string): Promise<void> {
    await navigator.clipboard.writeText(text);
  }

  async revealInFolder(): Promise<void> {
    throw new Error('The browser keeps downloads in its own folder; open it from the browser’s downloads list.');
  }

  async getSettings(): Promise<AppSettings> {
    const settings = await (await this.store).get<AppSettings>('settings').catch(() => undefined);
    return settings && typeof settings === 'object' ? settings : {};
  }

  async setSettings(settings: AppSettings): Promise<void> {
    await (await this.store).set('settings', settings);
  }

  async modelStatus(): Promise<ModelStatus> {
    const imported = await (await this.store).get<ModelFiles>('model').catch(() => undefined);
    if (imported) return statusOfFiles(imported, IMPORTED_LOCATION);
    this.fetched ??= fetchModelFiles(this.manifestUrl);
    try {
      return await statusOfFiles(await this.fetched, this.manifestUrl.href);
    } catch (e) {
      this.fetched = null;
      if (e instanceof ModelNotFound) return { state: 'missing', location: this.manifestUrl.href, layers: [], partial: false };
      throw e;
    }
  }

  async loadModel(): Promise<ModelFiles> {
    const imported = await (await this.store).get<ModelFiles>('model').catch(() => undefined);
    if (imported) return imported;
    const files = await (this.fetched ?? fetchModelFiles(this.manifestUrl));
    // The studio transfers these buffers to the engine worker; fetch afresh next time.
    this.fetched = null;
    return files;
  }

  async downloadModel(): Promise<ModelStatus> {
    throw new Error(
      `The web version does not download weights itself: it loads them from the address in the page’s “model” parameter (now ${this.manifestUrl.href}). Serve a VGG19 weights folder there, or import the files.`,
    );
  }

  async cancelModelDownload(): Promise<void> {}

  async importModel(): Promise<ModelStatus | null> {
    const picked = await pickFiles('.json,.bin,application/json,application/octet-stream', true);
    if (picked.length === 0) return null;
    const files = await modelFilesFromPicked(await Promise.all(picked.map((f) => this.readDroppedFile(f))));
    const status = await statusOfFiles(files, IMPORTED_LOCATION);
    await (await this.store).set('model', files);
    return status;
  }

  historyList(): Promise<HistoryEntry[]> {
    return this.history.list();
  }

  historyAdd(entry: NewHistoryEntry): Promise<HistoryEntry> {
    return this.history.add(entry);
  }

  historyImage(id: string, kind: HistoryImageKind): Promise<Uint8Array> {
    return this.history.image(id, kind);
  }

  historyDelete(id: string): Promise<void> {
    return this.history.delete(id);
  }

  historyInputs(id: string): Promise<CheckpointInputs | null> {
    return this.history.inputs(id);
  }

  chooseOutputFolder(): Promise<OutputFolder | null> {
    return this.folders.choose();
  }

  writeToFolder(folderToken: string, fileName: string, bytes: Uint8Array): Promise<FolderWriteResult> {
    return this.folders.write(folderToken, fileName, bytes);
  }

  folderFileRecord(folderToken: string, fileName: string): Promise<FolderFile> {
    return this.folders.record(folderToken, fileName);
  }

  log(level: LogLevel, message: string): Promise<void> {
    return this.logBook.write(level, message);
  }

  readLogs(): Promise<string> {
    return this.logBook.read();
  }

  checkpointSave(checkpoint: NewCheckpoint): Promise<void> {
    return this.checkpoint.save(checkpoint);
  }

  checkpointLoad(): Promise<RunCheckpoint | null> {
    return this.checkpoint.load();
  }

  checkpointClear(): Promise<void> {
    return this.checkpoint.clear();
  }

  async setRunActive(active: boolean): Promise<void> {
    this.unloadGuard.set(active);
  }

  onCommand(listener: (command: HostCommand) => void): () => void {
    return listenForShortcuts(listener);
  }
}
