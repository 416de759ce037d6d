import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig, type Connect, type Plugin } from 'vite';

/**
 * The studio as a static web site: root renderer/, output dist/web/, relative URLs (base './') so it runs
 * from any static server and from Electron's app:// protocol. Dev and preview servers send COOP/COEP so the
 * page is cross-origin isolated and the wasm backend can use threads.
 */
const CROSS_ORIGIN_ISOLATION = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

const VERSION = (JSON.parse(readFileSync(path.resolve(import.meta.dirname, 'package.json'), 'utf8')) as { version: string }).version;

const MODEL_ROUTE = '/models/vgg19/';

/**
 * `npm run web` serves the weights folder named by PASTICHE_MODEL_DIR at models/vgg19/ beside the page,
 * where the web host looks by default; without it the studio shows its first-run panel.
 */
function serveModelFolder(): Plugin {
  const dir = process.env.PASTICHE_MODEL_DIR ? path.resolve(process.env.PASTICHE_MODEL_DIR) : null;
  const middleware: Connect.NextHandleFunction = (req, res, next) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (!dir || !url.pathname.startsWith(MODEL_ROUTE)) return next();
    const file = path.resolve(dir, decodeURIComponent(url.pathname.slice(MODEL_ROUTE.length)));
    if (!file.startsWith(dir + path.sep) || !existsSync(file) || !statSync(file).isFile()) return next();
    res.setHeader('Content-Type', file.endsWith('.json') ? 'application/json' : 'application/octet-stream');
    createReadStream(file).pipe(res);
  };
  return {
    name: 'pastiche-model-folder',
    configureServer: (server) => void server.middlewares.use(middleware),
    configurePreviewServer: (server) => void server.middlewares.use(middleware),
  };
}

export default defineConfig({
  root: path.resolve(import.meta.dirname, 'renderer'),
  base: './',
  publicDir: false,
  plugins: [svelte(), serveModelFolder()],
  define: { __PASTICHE_VERSION__: JSON.stringify(VERSION) },
  worker: { format: 'es' },
  build: {
    outDir: path.resolve(import.meta.dirname, 'dist/web'),
    emptyOutDir: true,
    target: 'es2022',
    // Everything ships as files: the Electron CSP allows fonts only from 'self', not data: URLs.
    assetsInlineLimit: 0,
    // TensorFlow.js with two backends is large by nature; it loads once, inside the engine worker.
    chunkSizeWarningLimit: 2500,
  },
  server: { headers: CROSS_ORIGIN_ISOLATION },
  preview: { headers: CROSS_ORIGIN_ISOLATION },
});
