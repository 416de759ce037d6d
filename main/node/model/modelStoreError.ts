/**
 * Why a model store operation failed, for callers that react differently (the studio offers "Retry" for
 * network, timeout and http, says nothing for cancelled). Problems with the weights themselves are ModelErrors.
 */
export type ModelStoreErrorKind = 'input' | 'busy' | 'http' | 'timeout' | 'network' | 'checksum' | 'cancelled';

export class ModelStoreError extends Error {
  constructor(
    message: string,
    readonly kind: ModelStoreErrorKind,
  ) {
    super(message);
    this.name = 'ModelStoreError';
  }
}

export function cancelledError(): ModelStoreError {
  return new ModelStoreError('the model download was cancelled; nothing was installed', 'cancelled');
}
