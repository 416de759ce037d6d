/**
 * The host contract: everything the studio (renderer/) needs from its environment. The Electron preload
 * (main/electron/preload.ts) and the web host (renderer/host/web.ts) implement it; nothing else crosses
 * the boundary. Every type here is structured-clone safe (no functions or classes in payloads).
 */
import type { RunRecord } from '../run/runRecord.js';
import type { StyleSettings } from '../run/settings.js';

/** An image file the user chose, with its bytes. */
export interface ImageFile {
  /** File name for display and for suggesting export names, e.g. "chelsea.jpg". */
  name: string;
  bytes: Uint8Array;
  /**
   * Opaque handle the host issued for this file (Electron: a path it has seen from a dialog, a drop,
   * the command line or the recent list). Used for recent files and "reveal in folder". Absent on the web.
   */
  token?: string;
}

export type ImageRole = 'content' | 'style';

/** A DOM File, described structurally so that app/ needs no DOM types. */
export interface DroppedFile {
  readonly name: string;
  readonly size: number;
  arrayBuffer(): Promise<ArrayBuffer>;
}

export type ExportFormat = 'png' | 'jpeg' | 'webp';

export interface ExportRequest {
  /** File name the save dialog proposes, e.g. "chelsea-starry_night.png". */
  suggestedName: string;
  format: ExportFormat;
  /** The encoded image. */
  bytes: Uint8Array;
}

export type ExportResult = { saved: true; token?: string; displayPath: string } | { saved: false };

export interface HostInfo {
  kind: 'electron' | 'web';
  appVersion: string;
  platform: string;
}

export interface RecentFile {
  name: string;
  token: string;
  role: ImageRole;
}

/** Persisted UI state: JSON values only. The studio owns the keys; the host only stores them. */
export type AppSettings = Record<string, unknown>;

export interface ModelStatus {
  state: 'missing' | 'ready';
  /** Where the weights are (folder or URL), for display. */
  location?: string;
  /** VGG19 conv layers present, e.g. ["conv1_1", …, "conv3_4"]. */
  layers: string[];
  /** True when the weights stop before conv5_1 (a prefix of VGG19). */
  partial: boolean;
  /** Size of the weights in bytes, when known. */
  bytes?: number;
}

/** The files of a TensorFlow.js weights folder: "model.json" and its shards, by relative path. */
export type ModelFiles = Record<string, Uint8Array>;

export interface DownloadProgress {
  receivedBytes: number;
  totalBytes: number;
  bytesPerSecond: number;
  phase: 'downloading' | 'verifying' | 'converting' | 'installing';
}

/** A finished or stopped run kept in the history (its images are fetched with historyImage). */
export interface HistoryEntry {
  /** Issued by the host when the entry was added. */
  id: string;
  /** ISO 8601 time the entry was added. */
  createdAt: string;
  contentName: string;
  styleNames: string[];
  /** The engine settings the run was started with. */
  settings: StyleSettings;
  /** The run was stopped (or failed) before its last iteration: the result is the best so far. */
  stopped: boolean;
  /** The result's size in pixels. */
  width: number;
  height: number;
  /** The entry keeps the run's photo, styles, blend and masks (historyInputs); entries kept before that do not. */
  withInputs?: boolean;
}

/** A run to add to the history: its description, a small PNG thumbnail and the result as a PNG. */
export interface NewHistoryEntry extends Omit<HistoryEntry, 'id' | 'createdAt' | 'withInputs'> {
  thumbnail: Uint8Array;
  result: Uint8Array;
  /** What the run was made from besides its settings, to repeat it or continue it with its masks. */
  inputs?: CheckpointInputs;
}

export type HistoryImageKind = 'thumbnail' | 'result';

/** How serious a log line is. */
export type LogLevel = 'info' | 'warn' | 'error';

/** A file a run was made from, as the user brought it in (its encoded bytes). */
export interface CheckpointFile {
  name: string;
  bytes: Uint8Array;
}

/** A mask painted over the photo: one byte per pixel, 255 where it is on. */
export interface CheckpointMask {
  width: number;
  height: number;
  data: Uint8Array;
}

/** Everything a run was made from besides its settings, so that it can be resumed after a crash. */
export interface CheckpointInputs {
  content: CheckpointFile;
  styles: CheckpointFile[];
  /** The blend weight the user gave each style, in the order of `styles`. */
  styleWeights: number[];
  keepMask?: CheckpointMask;
  /** The region painted for each style, in the order of `styles` (null: none painted). */
  styleRegions?: (CheckpointMask | null)[];
}

/** An unfinished run as the host keeps it: enough to resume it with nothing else. */
export interface RunCheckpoint {
  /** Issued by the studio for each run; ties the picture saved every few seconds to the inputs saved once. */
  runId: string;
  /** The engine settings the run was started with (`iterations` is the whole run's). */
  settings: StyleSettings;
  /** Iterations done, across scales, when `image` was made. */
  iteration: number;
  scaleIndex: number;
  /** The picture at that iteration, as a PNG (at that scale's size). */
  image: Uint8Array;
  inputs: CheckpointInputs;
  /** ISO 8601 time the host saved it. */
  savedAt: string;
}

/** A checkpoint to save: the inputs come with a run's first save only (the host keeps them for later saves). */
export interface NewCheckpoint extends Omit<RunCheckpoint, 'inputs' | 'savedAt'> {
  inputs?: CheckpointInputs;
}

/** A folder the user chose for a batch's results: an opaque token (Electron: a path main granted) and a name to show. */
export interface OutputFolder {
  token: string;
  displayPath: string;
}

/** Writing into an output folder never replaces a file: an existing name is reported instead. */
export type FolderWriteResult = { saved: true; displayPath: string } | { saved: false; reason: 'exists' };

/** What is under a name in an output folder: nothing, or a file with the run record it carries (null: none, or unreadable). */
export type FolderFile = { exists: false } | { exists: true; record: RunRecord | null };

/** Commands the host sends to the studio (native menu, files opened by the OS or command line). */
export type HostCommand =
  | { type: 'open-content' }
  | { type: 'add-style' }
  | { type: 'export' }
  | { type: 'about' }
  | { type: 'show-logs' }
  | { type: 'open-file'; file: ImageFile; role: ImageRole };

export interface Host {
  info(): Promise<HostInfo>;
  /** Shows an open dialog; resolves with [] when cancelled. */
  openImages(role: ImageRole, multiple: boolean): Promise<ImageFile[]>;
  /** Reads a file the user dropped or pasted onto the studio. */
  readDroppedFile(file: DroppedFile): Promise<ImageFile>;
  /** Re-opens a file from the recent list. */
  openRecent(token: string): Promise<ImageFile>;
  recentFiles(): Promise<RecentFile[]>;
  /** Asks where to save (never overwriting without the system's confirmation) and writes atomically. */
  exportImage(request: ExportRequest): Promise<ExportResult>;
  /** Shows an exported or opened file in the system's file manager. */
  revealInFolder(token: string): Promise<void>;
  getSettings(): Promise<AppSettings>;
  setSettings(settings: AppSettings): Promise<void>;
  modelStatus(): Promise<ModelStatus>;
  /** The weights files, read by the host (the renderer never reads model files itself). */
  loadModel(): Promise<ModelFiles>;
  /** Downloads, verifies and installs the full VGG19 weights; progress arrives through the callback. */
  downloadModel(onProgress: (p: DownloadProgress) => void): Promise<ModelStatus>;
  cancelModelDownload(): Promise<void>;
  /** Shows an open dialog for a Keras .h5 file or a TensorFlow.js weights folder and installs it. */
  importModel(): Promise<ModelStatus | null>;
  /** The run history, newest first. */
  historyList(): Promise<HistoryEntry[]>;
  /** Keeps a run; the oldest entries go when the history is full. Resolves with the stored entry. */
  historyAdd(entry: NewHistoryEntry): Promise<HistoryEntry>;
  /** An entry's thumbnail or result (PNG bytes). */
  historyImage(id: string, kind: HistoryImageKind): Promise<Uint8Array>;
  historyDelete(id: string): Promise<void>;
  /** The photo, styles, blend weights and masks an entry keeps; null for an entry kept without them. */
  historyInputs(id: string): Promise<CheckpointInputs | null>;
  /** Adds a line from the studio to the log kept for bug reports (a log the disk refuses is kept in memory). */
  log(level: LogLevel, message: string): Promise<void>;
  /** The end of the log (the most recent lines), as text to show and copy into a bug report. */
  readLogs(): Promise<string>;
  /**
   * Keeps the unfinished run, replacing the previous checkpoint atomically. A save without inputs reuses those
   * saved earlier for the same runId (refused when there are none).
   */
  checkpointSave(checkpoint: NewCheckpoint): Promise<void>;
  /** The unfinished run kept, or null (a damaged one is set aside and reads as none). */
  checkpointLoad(): Promise<RunCheckpoint | null>;
  checkpointClear(): Promise<void>;
  /** Whether a run is going: quitting then asks first. */
  setRunActive(active: boolean): Promise<void>;
  /**
   * Shows a folder chooser for a batch's results; null when cancelled. A browser without the File System
   * Access API rejects with a sentence saying so (the web studio then downloads each result through exportImage).
   */
  chooseOutputFolder(): Promise<OutputFolder | null>;
  /** Writes a file (a plain name: no folders, no "..") into a chosen folder, atomically, never replacing one. */
  writeToFolder(folderToken: string, fileName: string, bytes: Uint8Array): Promise<FolderWriteResult>;
  /** Whether a file of that name is in the chosen folder, and the run record it carries (so a batch skips work already done). */
  folderFileRecord(folderToken: string, fileName: string): Promise<FolderFile>;
  /**
   * Saves a result into the user's downloads without asking, under a name not taken there yet ("photo (2).png"):
   * Electron writes it atomically into the Downloads folder from the main process; a browser downloads it.
   */
  saveToDownloads(fileName: string, bytes: Uint8Array): Promise<FolderWriteResult>;
  /** Puts text on the system clipboard (the Logs panel's Copy). */
  copyText(text: string): Promise<void>;
  /** Subscribes to host commands; returns an unsubscribe function. */
  onCommand(listener: (command: HostCommand) => void): () => void;
}
