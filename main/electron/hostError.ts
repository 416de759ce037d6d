import { UnknownTokenError } from '../node/pathGrants/pathGrants.js';
import { OutputFileError } from '../node/fs/outputFileError.js';
import { ModelError } from '../../app/weights/modelError.js';
import { ModelStoreError } from '../node/model/modelStoreError.js';
import { HistoryError } from '../node/history/historyStore.js';
import { CheckpointError } from '../node/checkpoint/checkpointStore.js';

/** An error whose message is written for the user and reaches the studio as it is. */
export class HostError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HostError';
  }
}

const KNOWN_ERRORS = [HostError, UnknownTokenError, OutputFileError, ModelError, ModelStoreError, HistoryError, CheckpointError];

/**
 * The sentence the studio shows for an error thrown by a handler: the message of errors written for users,
 * otherwise a short description with the system's reason (the details go to the log).
 */
export function userMessage(error: unknown): string {
  if (KNOWN_ERRORS.some((kind) => error instanceof kind)) return (error as Error).message;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOSPC') return 'The disk is full.';
  if (code === 'EACCES' || code === 'EPERM') return 'Pastiche is not allowed to use that file or folder.';
  const reason = error instanceof Error ? error.message : String(error);
  return `Something went wrong: ${reason}`;
}
