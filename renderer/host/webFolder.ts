import type { FolderFile, FolderWriteResult, OutputFolder } from '../../app/host/contract.js';
import { pngRunRecord } from '../metadata/pngRunRecord.js';

/** The File System Access API's folder chooser (Chromium); not in TypeScript's DOM library. */
type DirectoryPicker = (options: { id?: string; mode: 'readwrite' }) => Promise<FileSystemDirectoryHandle>;

export const NO_FOLDER_ACCESS = 'This browser cannot write into a folder you choose; without one, the batch downloads each result.';

/** The same rule main applies (main/node/outputFolder/outputFileName.ts), shortened: a plain name, no path. */
function checkName(name: string): void {
  if (name.length === 0 || name.length > 240 || /[/\\:*?"<>|\u0000-\u001f\u007f]/.test(name) || name.startsWith('.')) {
    throw new Error(`“${name}” cannot be a file name in the output folder.`);
  }
}

const isNotFound = (e: unknown) => e instanceof DOMException && (e.name === 'NotFoundError' || e.name === 'TypeMismatchError');

/**
 * Output folders in a browser: directory handles from showDirectoryPicker, kept for this page only and
 * known to the studio by a token. A write goes through createWritable, which the browser commits whole.
 */
export class WebFolders {
  private readonly handles = new Map<string, FileSystemDirectoryHandle>();

  async choose(): Promise<OutputFolder | null> {
    const picker = (window as Window & { showDirectoryPicker?: DirectoryPicker }).showDirectoryPicker;
    if (!picker) throw new Error(NO_FOLDER_ACCESS);
    let handle: FileSystemDirectoryHandle;
    try {
      handle = await picker.call(window, { id: 'pastiche-batch', mode: 'readwrite' });
    } catch (e) {
      if (e instanceof DOMException && e.name === 'AbortError') return null;
      throw e;
    }
    const token = crypto.randomUUID();
    this.handles.set(token, handle);
    return { token, displayPath: handle.name };
  }

  async write(token: string, name: string, bytes: Uint8Array): Promise<FolderWriteResult> {
    const folder = this.folder(token);
    checkName(name);
    if (await this.fileIn(folder, name)) return { saved: false, reason: 'exists' };
    const file = await folder.getFileHandle(name, { create: true });
    const writable = await file.createWritable();
    try {
      await writable.write(bytes as Uint8Array<ArrayBuffer>);
      await writable.close();
    } catch (e) {
      await writable.abort().catch(() => undefined);
      throw e;
    }
    return { saved: true, displayPath: `${folder.name}/${name}` };
  }

  async record(token: string, name: string): Promise<FolderFile> {
    const folder = this.folder(token);
    checkName(name);
    const file = await this.fileIn(folder, name);
    if (!file) return { exists: false };
    return { exists: true, record: pngRunRecord(new Uint8Array(await (await file.getFile()).arrayBuffer())) };
  }

  private folder(token: string): FileSystemDirectoryHandle {
    const handle = this.handles.get(token);
    if (!handle) throw new Error('This output folder is no longer available; choose it again.');
    return handle;
  }

  private async fileIn(folder: FileSystemDirectoryHandle, name: string): Promise<FileSystemFileHandle | null> {
    try {
      return await folder.getFileHandle(name);
    } catch (e) {
      if (isNotFound(e)) return null;
      throw e;
    }
  }
}
