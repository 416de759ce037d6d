import type { DownloadProgress, ModelFiles, ModelStatus } from '../../app/host/contract.js';
import {
  downloadModel,
  importModel,
  modelStatus,
  readModelFiles,
  weightsFolderStatus,
  type DownloadOptions,
  type ModelStore,
} from '../node/model/modelStore.js';
import { resolveModelDir } from '../node/model/resolveModelDir.js';
import { HostError } from './hostError.js';

/**
 * Where the studio downloads the weights from: the model card's sources, or the mirror PASTICHE_MODEL_URL names
 * (with its MD5 in PASTICHE_MODEL_MD5, else the file is checked only for its structure), as `pastiche model
 * download --from URL --md5 SUM` does on the command line.
 */
export function downloadSourceFromEnv(env: NodeJS.ProcessEnv): Pick<DownloadOptions, 'url' | 'md5'> {
  if (!env.PASTICHE_MODEL_URL) return {};
  return { url: env.PASTICHE_MODEL_URL, ...(env.PASTICHE_MODEL_MD5 ? { md5: env.PASTICHE_MODEL_MD5 } : {}) };
}

/**
 * The studio's access to the weights: the user's model store, unless PASTICHE_MODEL_DIR names a weights
 * folder, which then wins for status and loading (downloads and imports always go to the store). One
 * download at a time, cancellable.
 */
export class ModelAccess {
  #download: AbortController | null = null;

  constructor(
    readonly store: ModelStore,
    private readonly env: NodeJS.ProcessEnv = process.env,
    /** Where to download from: the model card's sources unless given (tests use a local server). */
    private readonly source: Pick<DownloadOptions, 'url' | 'md5'> = {},
  ) {}

  /** The folder PASTICHE_MODEL_DIR points at, checked; null when it is not set. */
  #override(): string | null {
    return this.env.PASTICHE_MODEL_DIR ? resolveModelDir(undefined, this.env).dir : null;
  }

  status(): Promise<ModelStatus> {
    const dir = this.#override();
    return dir ? weightsFolderStatus(dir) : modelStatus(this.store);
  }

  async files(): Promise<ModelFiles> {
    const dir = this.#override();
    if (dir) return readModelFiles(dir);
    if ((await modelStatus(this.store)).state === 'missing') {
      throw new HostError('The VGG19 weights are not installed yet: download them, or import a weights file.');
    }
    return readModelFiles(this.store);
  }

  get downloading(): boolean {
    return this.#download !== null;
  }

  async download(onProgress: (progress: DownloadProgress) => void): Promise<ModelStatus> {
    if (this.#download) throw new HostError('The weights are already downloading.');
    const controller = new AbortController();
    this.#download = controller;
    try {
      return await downloadModel(this.store, { ...this.source, signal: controller.signal, onProgress });
    } finally {
      this.#download = null;
    }
  }

  /** Stops the download in progress, if any; it then fails with a "cancelled" error and installs nothing. */
  cancel(): void {
    this.#download?.abort();
  }

  /** Throws when a download runs: the store takes one change at a time. */
  checkIdle(): void {
    if (this.#download) throw new HostError('Wait for the download to finish (or cancel it) before importing weights.');
  }

  async import(source: string): Promise<ModelStatus> {
    this.checkIdle();
    return importModel(this.store, source);
  }
}
