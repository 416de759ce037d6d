import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { UnknownTokenError } from '../pathGrants/pathGrants.js';

/** A folder token main never issued (or issued before a restart). */
export class UnknownFolderError extends UnknownTokenError {
  constructor() {
    super();
    this.message = 'this output folder is no longer available; choose it again';
    this.name = 'UnknownFolderError';
  }
}

/**
 * The folders the user chose (in a folder dialog) for batch results. Kept apart from the file grants so a
 * token for an opened image, or for a folder granted for another purpose, can never be written into.
 */
export class OutputFolders {
  readonly #byToken = new Map<string, string>();
  readonly #tokenByPath = new Map<string, string>();

  /** Records a folder the user chose and returns its token; the same folder keeps the same token. */
  grant(folder: string): string {
    const absolute = path.resolve(folder);
    const existing = this.#tokenByPath.get(absolute);
    if (existing) return existing;
    const token = randomUUID();
    this.#byToken.set(token, absolute);
    this.#tokenByPath.set(absolute, token);
    return token;
  }

  /** The folder behind `token`; throws UnknownTokenError for tokens this session never issued. */
  resolve(token: string): string {
    const folder = this.#byToken.get(token);
    if (!folder) throw new UnknownFolderError();
    return folder;
  }

  get size(): number {
    return this.#byToken.size;
  }
}
