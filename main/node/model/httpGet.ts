import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { cancelledError, ModelStoreError } from './modelStoreError.js';
import { downloadAgent } from './proxyAgent.js';

export interface GetOptions {
  /** The longest wait for the server (to answer, or to send more bytes) before the exchange fails. */
  timeoutMs: number;
  signal?: AbortSignal;
}

/** A response whose body is still to be read; failure() says why this side ended it (timeout, cancel). */
export interface HttpResponse {
  res: IncomingMessage;
  url: string;
  failure(): ModelStoreError | undefined;
  close(): void;
}

const MAX_REDIRECTS = 5;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

function timeoutError(url: string, timeoutMs: number): ModelStoreError {
  return new ModelStoreError(`${url}: the server sent nothing for ${timeoutMs / 1000} s (timed out); try again later`, 'timeout');
}

function networkError(url: string, e: Error): ModelStoreError {
  const code = (e as NodeJS.ErrnoException).code;
  return new ModelStoreError(`${url}: cannot connect (${code ?? e.message}); check the network connection`, 'network');
}

function requestOnce(url: URL, headers: Record<string, string>, options: GetOptions): Promise<HttpResponse> {
  return new Promise((resolve, reject) => {
    let failure: ModelStoreError | undefined;
    const client = url.protocol === 'https:' ? https : http;
    const req = client.get(url, { headers, agent: downloadAgent() }, (res) => {
      resolve({ res, url: url.href, failure: () => failure, close: () => req.destroy() });
    });
    const fail = (error: ModelStoreError) => {
      failure ??= error;
      req.destroy(error);
    };
    const onAbort = () => fail(cancelledError());
    req.setTimeout(options.timeoutMs, () => fail(timeoutError(url.href, options.timeoutMs)));
    options.signal?.addEventListener('abort', onAbort, { once: true });
    req.once('close', () => options.signal?.removeEventListener('abort', onAbort));
    req.on('error', (e) => reject(failure ?? networkError(url.href, e)));
  });
}

/**
 * An HTTP(S) GET with redirects followed (GitHub release assets redirect to a CDN), no compression, no shared
 * connection, through the proxy the environment names (see downloadAgent). Silence for options.timeoutMs (before the answer or within the body) and options.signal end it.
 */
export async function httpGet(url: string, headers: Record<string, string>, options: GetOptions): Promise<HttpResponse> {
  let current = new URL(url);
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    if (options.signal?.aborted) throw cancelledError();
    const response = await requestOnce(current, headers, options);
    const location = response.res.headers.location;
    if (!REDIRECTS.has(response.res.statusCode ?? 0) || !location) return response;
    response.close();
    current = new URL(location, current);
    if (current.protocol !== 'http:' && current.protocol !== 'https:') {
      throw new ModelStoreError(`${url}: redirected to ${current.href}, which is not an http(s) address`, 'http');
    }
  }
  throw new ModelStoreError(`${url}: more than ${MAX_REDIRECTS} redirects`, 'http');
}
