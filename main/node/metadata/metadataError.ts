/** Pastiche metadata that is present but cannot be used (not JSON, or not a valid run record). */
export class MetadataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MetadataError';
  }
}
