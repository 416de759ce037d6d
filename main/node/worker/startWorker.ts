import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * Starts a worker thread on an ES module. Built, that is a .js file; run from the TypeScript sources (tests,
 * development through tsx) it is a .ts file, which Node's workers do not load with the parent's `--import
 * tsx`, so a small bootstrap registers tsx inside the worker first.
 */
export function startWorker(entry: URL, options: WorkerOptions = {}): Worker {
  if (!entry.pathname.endsWith('.ts')) return new Worker(entry, options);
  const bootstrap = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(bootstrap, { ...options, eval: true });
}

/** A sibling module of `from` (an import.meta.url), with the extension `from` has: .js when built, .ts from sources. */
export function siblingModule(from: string, name: string): URL {
  const ext = from.endsWith('.ts') ? '.ts' : '.js';
  return new URL(`./${name}${ext}`, from);
}
