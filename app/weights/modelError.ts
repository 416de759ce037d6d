/** A weights folder that cannot be used. The message names the file and, where known, the tensor. */
export class ModelError extends Error {
  readonly file?: string;
  readonly tensor?: string;

  constructor(message: string, where: { file?: string; tensor?: string } = {}) {
    super(message);
    this.name = 'ModelError';
    this.file = where.file;
    this.tensor = where.tensor;
  }
}
