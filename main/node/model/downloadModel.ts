import { createHash } from 'node:crypto';
import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { DownloadProgress, ModelStatus } from '../../../app/host/contract.js';
import type { VggLayerWeights } from '../../../app/weights/loadVggWeights.js';
import { encodeTfjsWeights } from './encodeTfjsWeights.js';
import { discardPartial, partialBytes } from './httpDownload.js';
import { installModel, writeModelFiles } from './installModel.js';
import { readKerasH5 } from './kerasH5.js';
import { md5File } from './md5File.js';
import { defaultModelSource, knownSourceFor } from './modelCard.js';
import { modelStatus } from './modelStatus.js';
import { cancelledError, ModelStoreError } from './modelStoreError.js';
import { DEFAULT_RETRY, downloadWithRetries, type RetryPolicy } from './retryDownload.js';
import { partialDownloadOf, tempDirOf, type ModelStore, type PartialDownload } from './storeLayout.js';
import { withStoreLock } from './storeLock.js';

export interface DownloadOptions {
  /** The Keras .h5 file to fetch; several URLs are mirrors, tried in order. Default: the model card's sources. */
  url?: string | readonly string[];
  /** Expected MD5 (hex). Default: the model card's checksum when the URL is a known source; else none. */
  md5?: string;
  /** Install float16 weights (half the size). */
  float16?: boolean;
  signal?: AbortSignal;
  onProgress?: (progress: DownloadProgress) => void;
  /** How long the server may stay silent before the download fails; 30 s by default. */
  timeoutMs?: number;
  /** How a dropped connection is retried before the download fails; 5 tries, 1 s backoff doubling, by default. */
  retry?: RetryPolicy;
}

export interface DownloadPlan {
  urls: string[];
  /** Lowercase hex, or undefined when nothing says what the file's checksum should be. */
  md5?: string;
  /** The size a known source has. */
  expectedBytes?: number;
  /** Names the partial download, so only the same file resumes it. */
  key: string;
}

const DEFAULT_TIMEOUT_MS = 30_000;

function checkUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ModelStoreError(`${url} is not a URL`, 'input');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new ModelStoreError(`${url} is not an http(s) URL`, 'input');
  return parsed.href;
}

/** What a download with these options fetches and how it is checked. */
export function downloadPlan(options: Pick<DownloadOptions, 'url' | 'md5'> = {}): DownloadPlan {
  const given = options.url === undefined ? defaultModelSource().urls : typeof options.url === 'string' ? [options.url] : [...options.url];
  if (given.length === 0) throw new ModelStoreError('no download URL given', 'input');
  const urls = given.map(checkUrl);
  const known = urls.map(knownSourceFor).find((s) => s !== undefined);
  const md5 = (options.md5 ?? known?.md5)?.toLowerCase();
  if (md5 !== undefined && !/^[0-9a-f]{32}$/.test(md5)) throw new ModelStoreError(`the MD5 checksum must be 32 hex digits, not "${options.md5}"`, 'input');
  const key = md5 ?? createHash('sha256').update(urls[0]!).digest('hex').slice(0, 32);
  return { urls, md5, expectedBytes: known?.bytes, key };
}

function throwIfCancelled(signal?: AbortSignal): void {
  if (signal?.aborted) throw cancelledError();
}

/** Leftovers of downloads of other files (an abandoned --from URL) go; only this file's partial may resume. */
async function discardOtherPartials(store: ModelStore, keep: PartialDownload): Promise<void> {
  const temp = tempDirOf(store);
  const ours = new Set([path.basename(keep.data), path.basename(keep.meta)]);
  for (const name of await readdir(temp)) {
    if (name.startsWith('download-') && !ours.has(name)) await rm(path.join(temp, name), { force: true });
  }
}

/** Tries each mirror in turn; returns the URL the file came from. */
async function fetchFromMirrors(plan: DownloadPlan, partial: PartialDownload, options: DownloadOptions): Promise<string> {
  const failures: ModelStoreError[] = [];
  for (const url of plan.urls) {
    try {
      const transfer = {
        timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
        signal: options.signal,
        expectedBytes: plan.expectedBytes,
        onProgress: (receivedBytes: number, totalBytes: number, bytesPerSecond: number) =>
          options.onProgress?.({ phase: 'downloading', receivedBytes, totalBytes, bytesPerSecond }),
      };
      await downloadWithRetries(url, partial, transfer, options.retry ?? DEFAULT_RETRY);
      return url;
    } catch (e) {
      if (!(e instanceof ModelStoreError) || e.kind === 'cancelled') throw e;
      failures.push(e);
    }
  }
  if (failures.length === 1) throw failures[0]!;
  throw new ModelStoreError(`the download failed from every source: ${failures.map((f) => f.message).join('; ')}`, failures.at(-1)!.kind);
}

async function verifyChecksum(file: string, url: string, md5: string | undefined): Promise<void> {
  if (md5 === undefined) return;
  const actual = await md5File(file);
  if (actual !== md5) {
    throw new ModelStoreError(`${url}: the downloaded file has MD5 ${actual} but ${md5} was expected; it was discarded and nothing was installed`, 'checksum');
  }
}

/** Interruptions keep the bytes received, for the next download to resume; anything else discards them. */
function resumable(error: unknown): boolean {
  return error instanceof ModelStoreError && (error.kind === 'network' || error.kind === 'timeout' || error.kind === 'http');
}

async function fetchAndConvert(store: ModelStore, plan: DownloadPlan, options: DownloadOptions): Promise<void> {
  const partial = partialDownloadOf(store, plan.key);
  const progress = (phase: DownloadProgress['phase'], bytes: number) =>
    options.onProgress?.({ phase, receivedBytes: bytes, totalBytes: bytes, bytesPerSecond: 0 });
  await discardOtherPartials(store, partial);
  try {
    const url = await fetchFromMirrors(plan, partial, options);
    const bytes = await partialBytes(partial);
    throwIfCancelled(options.signal);
    if (plan.md5 !== undefined) progress('verifying', bytes);
    await verifyChecksum(partial.data, url, plan.md5);
    throwIfCancelled(options.signal);
    progress('converting', bytes);
    const layers: VggLayerWeights[] = await readKerasH5(partial.data, { label: `the file downloaded from ${url}` });
    throwIfCancelled(options.signal);
    progress('installing', bytes);
    const convertedFrom = decodeURIComponent(new URL(url).pathname.split('/').pop() ?? url);
    await installModel(store, writeModelFiles(encodeTfjsWeights(layers, { float16: options.float16, convertedFrom })));
    await discardPartial(partial);
  } catch (e) {
    if (!resumable(e) || (await partialBytes(partial)) === 0) await discardPartial(partial);
    throw e;
  }
}

/**
 * Downloads the Keras VGG19 weights file, verifies its MD5, converts the conv layers up to conv5_1 to the engine's
 * TensorFlow.js layout and installs them atomically in <store>/vgg19. A dropped connection or a timeout is retried
 * by itself (options.retry), resuming from the bytes received. A download still interrupted after that (or ended by
 * a server error) keeps its bytes in the store's temp area and the next call resumes it with HTTP Range;
 * a cancelled one, a bad checksum or a file that is not VGG19 weights leaves nothing behind. The model installed
 * before stays usable until the new one is complete.
 */
export async function downloadModel(store: ModelStore, options: DownloadOptions = {}): Promise<ModelStatus> {
  const plan = downloadPlan(options);
  throwIfCancelled(options.signal);
  await withStoreLock(store, () => fetchAndConvert(store, plan, options));
  return modelStatus(store);
}
