/** Metadata that cannot be written or read: a file that is not what it claims, or a record that is damaged. */
export class MetadataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MetadataError';
  }
}
