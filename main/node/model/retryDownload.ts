import { downloadResumable, type TransferOptions } from './httpDownload.js';
import { cancelledError, ModelStoreError } from './modelStoreError.js';
import type { PartialDownload } from './storeLayout.js';

/** How often a dropped download is tried again by itself before the user hears of it. */
export interface RetryPolicy {
  /** Tries in all, the first included. */
  attempts: number;
  /** The wait before the first retry; each later one waits twice as long as the one before. */
  firstDelayMs: number;
}

/** Five tries over about 15 s of waiting (1, 2, 4, 8 s): long enough for a Wi-Fi hand-over or a router restart. */
export const DEFAULT_RETRY: RetryPolicy = { attempts: 5, firstDelayMs: 1000 };

/** A dropped connection or a silent server: worth another try. A server's refusal (4xx, 5xx) or a cancel is not. */
function retryable(error: unknown): boolean {
  return error instanceof ModelStoreError && (error.kind === 'network' || error.kind === 'timeout');
}

function wait(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(cancelledError());
    const onAbort = () => {
      clearTimeout(timer);
      reject(cancelledError());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Reports progress that never goes back: after a retry the bytes on disk are kept and the transfer resumes
 * from them, and when a server sends the whole file again the bar holds until the new transfer passes it.
 */
function forwardOnly(onProgress: TransferOptions['onProgress']): TransferOptions['onProgress'] {
  if (!onProgress) return undefined;
  let shown = 0;
  return (received, total, speed) => {
    shown = Math.max(shown, received);
    onProgress(shown, total, speed);
  };
}

/**
 * downloadResumable, tried again after a dropped connection or a timeout: up to policy.attempts tries, waiting
 * firstDelayMs, then twice as long each time, every retry resuming with a Range request from the bytes already
 * on disk. The last failure is thrown when the tries are used up (its message says how to resume later).
 */
export async function downloadWithRetries(url: string, partial: PartialDownload, options: TransferOptions, policy: RetryPolicy = DEFAULT_RETRY): Promise<number> {
  const transfer = { ...options, onProgress: forwardOnly(options.onProgress) };
  for (let attempt = 1; ; attempt++) {
    try {
      return await downloadResumable(url, partial, transfer);
    } catch (e) {
      if (!retryable(e) || attempt >= policy.attempts || options.signal?.aborted) throw e;
      await wait(policy.firstDelayMs * 2 ** (attempt - 1), options.signal);
    }
  }
}
