import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const WEB_DIST = path.join(ROOT, 'dist/web');

const SOURCES = ['renderer', 'app', 'vite.config.ts', 'package.json'];

function newestMtime(p: string): number {
  const info = statSync(p);
  if (!info.isDirectory()) return info.mtimeMs;
  return readdirSync(p).reduce((t, name) => Math.max(t, newestMtime(path.join(p, name))), info.mtimeMs);
}

/** Builds dist/web with Vite when it is missing or older than its sources (npm test may already have built it). */
export function ensureWebBuild(): void {
  const index = path.join(WEB_DIST, 'index.html');
  const sources = Math.max(...SOURCES.map((s) => newestMtime(path.join(ROOT, s))));
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return;
  execFileSync(process.execPath, [path.join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
}
