import { open, readFile, rm, stat, writeFile } from 'node:fs/promises';
import type { IncomingHttpHeaders } from 'node:http';
import { formatBytes } from './formatBytes.js';
import { httpGet, type GetOptions, type HttpResponse } from './httpGet.js';
import { cancelledError, ModelStoreError } from './modelStoreError.js';
import { SpeedMeter } from './speedMeter.js';
import type { PartialDownload } from './storeLayout.js';

export interface TransferOptions extends GetOptions {
  /** The size to report until the server tells it (a known source's size). */
  expectedBytes?: number;
  onProgress?: (receivedBytes: number, totalBytes: number, bytesPerSecond: number) => void;
}

/** What the bytes of a partial download are, so the next request can ask for the rest of the same file. */
interface PartialMeta {
  url: string;
  etag?: string;
  lastModified?: string;
  totalBytes?: number;
}

type BodyPlan = { start: number; total?: number } | 'restart' | 'complete';

const PROGRESS_INTERVAL_MS = 100;

function interrupted(url: string, received: number, total: number | undefined): ModelStoreError {
  const of = total === undefined ? '' : ` of ${formatBytes(total)}`;
  return new ModelStoreError(
    `${url}: the connection closed after ${formatBytes(received)}${of}; run the download again to resume where it stopped`,
    'network',
  );
}

function rangeHeaders(url: string, meta: PartialMeta | undefined, offset: number): Record<string, string> {
  const headers: Record<string, string> = { 'accept-encoding': 'identity', 'user-agent': 'Pastiche' };
  if (offset === 0) return headers;
  headers.range = `bytes=${offset}-`;
  const validator = meta?.url !== url ? undefined : meta.etag && !meta.etag.startsWith('W/') ? meta.etag : meta.lastModified;
  if (validator) headers['if-range'] = validator;
  return headers;
}

function contentLength(headers: IncomingHttpHeaders): number | undefined {
  const n = Number(headers['content-length']);
  return headers['content-length'] !== undefined && Number.isSafeInteger(n) && n >= 0 ? n : undefined;
}

/** "bytes 100-199/200" → { start: 100, total: 200 }; a 416's "bytes" + "*" + "/200" → { total: 200 }. */
function contentRange(header: string | undefined): { start?: number; total?: number } | undefined {
  const m = /^bytes (?:(\d+)-(\d+)|\*)\/(\d+|\*)$/.exec(header?.trim() ?? '');
  if (!m) return undefined;
  return { start: m[1] === undefined ? undefined : Number(m[1]), total: m[3] === '*' ? undefined : Number(m[3]) };
}

function bodyPlan(response: HttpResponse, meta: PartialMeta | undefined, offset: number): BodyPlan {
  const { res, url } = response;
  const status = res.statusCode ?? 0;
  if (status === 200) return { start: 0, total: contentLength(res.headers) };
  if (status === 206) {
    const range = contentRange(res.headers['content-range']);
    if (range?.start === offset && range.total !== undefined && (meta?.totalBytes ?? range.total) === range.total) {
      return { start: offset, total: range.total };
    }
  }
  response.close();
  if (status === 206) return 'restart';
  if (status === 416 && offset > 0) return contentRange(res.headers['content-range'])?.total === offset ? 'complete' : 'restart';
  throw new ModelStoreError(`${url}: the server answered ${status} ${res.statusMessage ?? ''}`.trimEnd(), 'http');
}

async function readMeta(partial: PartialDownload): Promise<PartialMeta | undefined> {
  try {
    const meta = JSON.parse(await readFile(partial.meta, 'utf8')) as PartialMeta;
    return typeof meta.url === 'string' ? meta : undefined;
  } catch {
    return undefined;
  }
}

async function sizeOf(file: string): Promise<number> {
  return stat(file).then(
    (s) => s.size,
    () => 0,
  );
}

export async function discardPartial(partial: PartialDownload): Promise<void> {
  await rm(partial.data, { force: true });
  await rm(partial.meta, { force: true });
}

/** Bytes held by a partial download (0 when there is none). */
export async function partialBytes(partial: PartialDownload): Promise<number> {
  return sizeOf(partial.data);
}

function progressReporter(options: TransferOptions, total: number | undefined) {
  const meter = new SpeedMeter();
  let last = -Infinity;
  return (received: number, final: boolean) => {
    const speed = meter.update(received);
    const now = performance.now();
    if (!options.onProgress || (!final && now - last < PROGRESS_INTERVAL_MS)) return;
    last = now;
    options.onProgress(received, total ?? options.expectedBytes ?? 0, speed);
  };
}

async function receive(response: HttpResponse, file: string, plan: { start: number; total?: number }, options: TransferOptions): Promise<number> {
  const handle = await open(file, plan.start === 0 ? 'w' : 'a');
  const report = progressReporter(options, plan.total);
  let received = plan.start;
  let writeError: unknown;
  try {
    for await (const chunk of response.res) {
      await handle.write(chunk as Buffer).catch((e: unknown) => {
        writeError = e;
        throw e;
      });
      received += (chunk as Buffer).byteLength;
      report(received, false);
    }
  } catch (e) {
    if (writeError) throw new Error(`${file}: cannot save the download (${(e as Error).message})`);
    throw response.failure() ?? interrupted(response.url, received, plan.total);
  } finally {
    await handle.close();
  }
  const failure = response.failure();
  if (failure) throw failure;
  if (plan.total !== undefined && received !== plan.total) throw interrupted(response.url, received, plan.total);
  report(received, true);
  return received;
}

async function transfer(url: string, partial: PartialDownload, meta: PartialMeta | undefined, offset: number, options: TransferOptions, mayRestart: boolean): Promise<number> {
  const response = await httpGet(url, rangeHeaders(url, meta, offset), options);
  const plan = bodyPlan(response, meta, offset);
  if (plan === 'complete') return offset;
  if (plan === 'restart') {
    await discardPartial(partial);
    if (!mayRestart) throw new ModelStoreError(`${url}: the server answers range requests inconsistently`, 'http');
    return transfer(url, partial, undefined, 0, options, false);
  }
  const { etag, 'last-modified': lastModified } = response.res.headers;
  const next: PartialMeta = { url, etag, lastModified, totalBytes: plan.total };
  await writeFile(partial.meta, JSON.stringify(next));
  return receive(response, partial.data, plan, options);
}

/**
 * Downloads url into partial.data, continuing a partial download of the same file with an HTTP Range request
 * (If-Range guards against the file having changed on the server; a server that ignores the range sends the
 * whole file and the download restarts). Resolves with the file's size. On failure the bytes received stay,
 * for the next call to continue; the caller discards them when it gives up (cancel, bad checksum).
 */
export async function downloadResumable(url: string, partial: PartialDownload, options: TransferOptions): Promise<number> {
  if (options.signal?.aborted) throw cancelledError();
  const meta = await readMeta(partial);
  const offset = meta ? await sizeOf(partial.data) : 0;
  if (!meta) await discardPartial(partial);
  if (meta?.totalBytes !== undefined && offset === meta.totalBytes) return offset;
  if (meta?.totalBytes !== undefined && offset > meta.totalBytes) {
    await discardPartial(partial);
    return transfer(url, partial, undefined, 0, options, true);
  }
  return transfer(url, partial, meta, offset, options, true);
}
