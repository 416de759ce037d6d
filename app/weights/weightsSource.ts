/**
 * Where a TensorFlow.js weights folder is read from. Node reads files, the browser fetches URLs,
 * the Electron renderer receives bytes from the host: the engine only sees this interface.
 */
export interface WeightsSource {
  /** Human-readable location for messages, e.g. a folder path or URL. */
  readonly location: string;
  /** Reads a file of the folder, by its path relative to the folder (e.g. "model.json"). */
  readBytes(path: string): Promise<Uint8Array>;
}

/** A source over bytes already in memory, keyed by relative path. */
export function memoryWeightsSource(files: ReadonlyMap<string, Uint8Array>, location = 'memory'): WeightsSource {
  return {
    location,
    async readBytes(path) {
      const bytes = files.get(path);
      if (!bytes) throw new Error(`${path}: file not found`);
      return bytes;
    },
  };
}
