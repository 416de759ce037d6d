/** An image file that cannot be used. The message starts with the file's path. */
export class ImageFileError extends Error {
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super(`${file}: ${reason}`);
    this.name = 'ImageFileError';
  }
}
