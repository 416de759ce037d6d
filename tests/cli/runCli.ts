import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

export const PROJECT_ROOT = path.resolve(import.meta.dirname, '../..');
const BUILT_BIN = path.join(PROJECT_ROOT, 'dist/main/cli/pastiche.js');
const SOURCE_BIN = path.join(PROJECT_ROOT, 'main/cli/pastiche.ts');

function sourcesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .map((f) => path.join(dir, f));
}

/** True when every engine and CLI source has a compiled file at least as new (as right after `npm run build`). */
function buildIsCurrent(): boolean {
  const sources = ['app', 'main/cli', 'main/node'].flatMap((d) => sourcesUnder(path.join(PROJECT_ROOT, d)));
  return sources.every((src) => {
    const built = path.join(PROJECT_ROOT, 'dist', path.relative(PROJECT_ROOT, src)).replace(/\.ts$/, '.js');
    return existsSync(built) && statSync(built).mtimeMs >= statSync(src).mtimeMs;
  });
}

/**
 * The command that runs `pastiche`: the built bin (what users run; `npm test` builds it first), or the
 * TypeScript source through tsx when the build is missing or older than the sources, so a stale dist/
 * never tests old code.
 */
export const CLI_COMMAND: readonly string[] = buildIsCurrent() ? [BUILT_BIN] : ['--import', 'tsx', SOURCE_BIN];

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CliRunOptions {
  /** Extra environment; PASTICHE_MODEL_DIR is unset and the user data folder points at `home` unless given here. */
  env?: Record<string, string>;
  /** Stands in for the user's home/config folder, so no real model store is found by accident. */
  home: string;
}

export function spawnCli(args: readonly string[], options: CliRunOptions): ChildProcess {
  const env: NodeJS.ProcessEnv = { ...process.env, XDG_CONFIG_HOME: options.home, HOME: options.home, APPDATA: options.home, ...options.env };
  if (!options.env?.PASTICHE_MODEL_DIR) delete env.PASTICHE_MODEL_DIR;
  return spawn(process.execPath, [...CLI_COMMAND, ...args], { cwd: PROJECT_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Waits for a spawned CLI to exit and collects its output. */
export function collect(child: ChildProcess): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

export function runCli(args: readonly string[], options: CliRunOptions): Promise<CliResult> {
  return collect(spawnCli(args, options));
}

/** The last line on stdout, parsed: where `--json` puts its summary. */
export function lastJsonLine(stdout: string): Record<string, unknown> {
  const lines = stdout.trimEnd().split('\n');
  return JSON.parse(lines[lines.length - 1]!) as Record<string, unknown>;
}
