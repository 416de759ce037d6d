import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { compileComponents, unsafeMarkup, writeCompiled } from './compiledComponents.js';

interface Finding {
  id: string;
  file: string;
  severity: { name: string };
  confidence: { name: string };
  location: { line: number };
  manualReview: boolean;
}

interface Report {
  atomicChecks: number;
  globalChecks: number;
  errors: Array<{ file: string; message: string }>;
  issues: Finding[];
}

type Run = (options: Record<string, unknown>) => Promise<Report>;

const require = createRequire(import.meta.url);
const electronVersion = (require('electron/package.json') as { version: string }).version;

/**
 * Runs Doyensec's Electronegativity over a folder, for the installed Electron version. Its check of
 * Electron releases online is left out (it needs the network and says nothing about our code).
 */
export async function electronegativity(input: string): Promise<Report> {
  const run = require('@doyensec/electronegativity') as Run;
  return run({ input, isRelative: true, electronVersionOverride: electronVersion, excludeFromScan: ['AvailableSecurityFixesGlobalCheck'] });
}

export function severe(report: Report): string[] {
  return report.issues
    .filter((i) => i.severity.name === 'HIGH' || i.severity.name === 'CRITICAL')
    .map((i) => `${i.id} (${i.severity.name}, ${i.confidence.name}) at ${i.file}:${i.location.line}`);
}

export interface ProjectScan extends Report {
  /** The .svelte files compiled and scanned (as JavaScript and as markup). */
  components: string[];
  /** {@html} and unsafe URLs found in the compiled components (see compiledComponents.ts). */
  unsafeMarkup: string[];
}

/**
 * Scans the code that runs in Electron (main/electron and renderer, with package.json) as one project, so
 * that global checks (navigation limits, permission handler, CSP) see the main process and the pages together.
 * Electronegativity reads no .svelte files, so every component is compiled as the studio build compiles it
 * and scanned as JavaScript (X.svelte.js) and as markup (X.svelte.html), and checked for {@html} and unsafe URLs.
 */
export async function scanProject(root: string): Promise<ProjectScan> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pastiche-electronegativity-'));
  try {
    for (const part of ['main/electron', 'renderer', 'package.json']) cpSync(path.join(root, part), path.join(dir, part), { recursive: true });
    const compiled = compileComponents(root);
    writeCompiled(compiled, dir);
    const report = await electronegativity(dir);
    return { ...report, components: compiled.map((c) => c.source), unsafeMarkup: unsafeMarkup(compiled) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
