import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

/** A URL prefix served from a folder, e.g. "/models/vgg19/" → ../shared/models/vgg19. */
export interface Mount {
  prefix: string;
  dir: string;
}

export interface StaticServer {
  url: string;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
  '.bin': 'application/octet-stream',
};

/** Cross-origin isolation, as the Electron protocol sends it: the wasm backend may then use threads. */
const HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cache-Control': 'no-store',
};

function resolveFile(mounts: readonly Mount[], pathname: string): string | null {
  const mount = mounts.find((m) => pathname.startsWith(m.prefix));
  if (!mount) return null;
  const relative = decodeURIComponent(pathname.slice(mount.prefix.length)) || 'index.html';
  const file = path.resolve(mount.dir, relative);
  return file.startsWith(path.resolve(mount.dir) + path.sep) ? file : null;
}

async function send(res: ServerResponse, file: string | null, extra: Readonly<Record<string, string>>): Promise<void> {
  const info = file ? await stat(file).catch(() => null) : null;
  if (!file || !info?.isFile()) {
    res.writeHead(404, { ...HEADERS, ...extra, 'Content-Type': 'text/plain' }).end('Not found');
    return;
  }
  res.writeHead(200, { ...HEADERS, ...extra, 'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'Content-Length': info.size });
  createReadStream(file).pipe(res);
}

/**
 * A tiny static file server on 127.0.0.1 (a free port) for the end-to-end tests. Longest prefix wins.
 * `headers` go on every response besides the cross-origin isolation ones (e.g. the Electron app's CSP).
 */
export async function startStaticServer(mounts: readonly Mount[], headers: Readonly<Record<string, string>> = {}): Promise<StaticServer> {
  const ordered = [...mounts].sort((a, b) => b.prefix.length - a.prefix.length);
  const server = createServer((req, res) => {
    const { pathname } = new URL(req.url ?? '/', 'http://localhost');
    void send(res, resolveFile(ordered, pathname), headers);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
