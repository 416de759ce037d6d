import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { electronegativity, scanProject, severe } from './electronegativity.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

describe('Electronegativity', () => {
  it('finds no high-severity issue in the main process, preload and studio', async () => {
    const report = await scanProject(ROOT);
    expect(report.atomicChecks).toBeGreaterThan(20);
    expect(report.globalChecks).toBeGreaterThan(3);
    expect(report.errors).toEqual([]);
    expect(severe(report)).toEqual([]);
  });

  it('does report the high-severity issues of an insecure window (so the checks above can fail)', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'pastiche-insecure-'));
    try {
      writeFileSync(
        path.join(dir, 'main.js'),
        "const { BrowserWindow } = require('electron');\nnew BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false, sandbox: false } });\n",
      );
      const found = severe(await electronegativity(dir)).join('\n');
      expect(found).toMatch(/CONTEXT_ISOLATION_JS_CHECK/);
      expect(found).toMatch(/LIMIT_NAVIGATION_GLOBAL_CHECK/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
