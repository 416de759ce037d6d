import path from 'node:path';

export type OutputProblem = 'exists' | 'is-folder' | 'no-folder' | 'not-a-folder' | 'not-writable' | 'disk-full' | 'failed';

/** A file that cannot be written where asked. The message names the path; `problem` says why, for callers that add advice. */
export class OutputFileError extends Error {
  constructor(
    readonly file: string,
    readonly problem: OutputProblem,
    message: string,
  ) {
    super(message);
    this.name = 'OutputFileError';
  }
}

/** Turns a Node error from writing `file` (or a file next to it) into an OutputFileError that says what is wrong. */
export function describeWriteError(file: string, e: unknown): OutputFileError {
  if (e instanceof OutputFileError) return e;
  const dir = path.dirname(file);
  const code = (e as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return new OutputFileError(file, 'no-folder', `cannot write ${file}: the folder ${dir} does not exist`);
    case 'ENOTDIR':
      return new OutputFileError(file, 'not-a-folder', `cannot write ${file}: ${dir} is not a folder`);
    case 'EISDIR':
      return new OutputFileError(file, 'is-folder', `cannot write ${file}: it is a folder`);
    case 'EACCES':
    case 'EPERM':
      return new OutputFileError(file, 'not-writable', `cannot write ${file}: permission denied in ${dir}`);
    case 'EROFS':
      return new OutputFileError(file, 'not-writable', `cannot write ${file}: ${dir} is on a read-only file system`);
    case 'ENOSPC':
    case 'EDQUOT':
      return new OutputFileError(file, 'disk-full', `cannot write ${file}: the disk is full`);
    default:
      return new OutputFileError(file, 'failed', `cannot write ${file}: ${(e as Error).message}`);
  }
}
