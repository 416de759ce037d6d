import { readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { protocol } from 'electron';
import { APP_HOST, APP_SCHEME } from './appOrigin.js';
import { SECURITY_HEADERS } from './security.js';

/**
 * Registers app:// as a standard, secure scheme (relative URLs, localStorage, fetch, secure-context APIs like
 * SharedArrayBuffer with COOP/COEP). Not corsEnabled: nothing but the app itself may read from it. Must run
 * before the app is ready.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

function reply(status: number, body: Uint8Array<ArrayBuffer> | string | null, contentType = 'text/plain; charset=utf-8'): Response {
  return new Response(body, { status, headers: { ...SECURITY_HEADERS, 'Content-Type': contentType, 'Cache-Control': 'no-cache' } });
}

type Lookup = { file: string } | { status: 400 | 403 | 404 };

function isInside(root: string, target: string): boolean {
  const rel = path.relative(root, target);
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel);
}

/** Maps the URL's path to a file under `root`, refusing anything that decodes or links to a place outside it. */
async function lookup(root: string, url: URL): Promise<Lookup> {
  if (url.host !== APP_HOST) return { status: 404 };
  let decoded: string;
  try {
    decoded = decodeURIComponent(url.pathname);
  } catch {
    return { status: 400 };
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return { status: 400 };
  const relative = decoded === '/' ? 'index.html' : decoded.slice(1);
  const candidate = path.resolve(root, relative);
  if (!isInside(root, candidate)) return { status: 403 };
  const real = await realpath(candidate).catch(() => null);
  if (real === null) return { status: 404 };
  if (!isInside(await realpath(root), real)) return { status: 403 };
  const info = await stat(real);
  return info.isFile() ? { file: real } : { status: 404 };
}

const STATUS_TEXT: Readonly<Record<number, string>> = { 400: 'Bad request', 403: 'Forbidden', 404: 'Not found', 405: 'Method not allowed' };

/**
 * The app:// handler: serves files under `webRoot` (the Vite build in dist/web) with the security headers
 * on every response, errors included. Only GET and HEAD; no directory listings; "/" is index.html.
 */
export function createAppProtocolHandler(webRoot: string): (request: Request) => Promise<Response> {
  const root = path.resolve(webRoot);
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return reply(405, STATUS_TEXT[405]!);
    const found = await lookup(root, new URL(request.url));
    if ('status' in found) return reply(found.status, STATUS_TEXT[found.status]!);
    const type = CONTENT_TYPES[path.extname(found.file).toLowerCase()] ?? 'application/octet-stream';
    if (request.method === 'HEAD') return reply(200, null, type);
    return reply(200, await readFile(found.file), type);
  };
}

/** Serves app:// from `webRoot` in the default session. Call once the app is ready. */
export function installAppProtocol(webRoot: string): void {
  protocol.handle(APP_SCHEME, createAppProtocolHandler(webRoot));
}
