import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
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
    const svelteFiles = readdirSync(path.join(ROOT, 'renderer'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.svelte'));
    expect(report.components).toHaveLength(svelteFiles.length);
    expect(report.components.length).toBeGreaterThan(30);
    expect(report.unsafeMarkup).toEqual([]);
  });

  it('sees what a component compiles to: {@html}, unsafe URLs, and eval in its script (so the checks above can fail)', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'pastiche-bad-component-'));
    try {
      mkdirSync(path.join(root, 'main/electron'), { recursive: true });
      writeFileSync(path.join(root, 'main/electron/main.js'), '');
      writeFileSync(path.join(root, 'package.json'), '{"name":"fixture"}');
      mkdirSync(path.join(root, 'renderer/components'), { recursive: true });
      writeFileSync(
        path.join(root, 'renderer/components/Caption.svelte'),
        [
          '<script lang="ts">',
          '  let { caption, code }: { caption: string; code: string } = $props();',
          "  const run = () => eval('(' + code + ')');",
          '</script>',
          '<p>{@html caption}</p>',
          '<a href="http://example.com/licence">licence</a>',
          '<a href="javascript:void(0)" onclick={run}>run</a>',
          '<img src="data:text/html;base64,PGI+eDwvYj4=" alt="" />',
          '<img src="data:image/png;base64,iVBORw0KGgo=" alt="fine" />',
          '<a href="https://creativecommons.org/licenses/by/4.0/">fine</a>',
          '',
        ].join('\n'),
      );
      const report = await scanProject(root);
      expect(report.components).toEqual(['renderer/components/Caption.svelte']);
      expect(report.unsafeMarkup).toEqual([
        'renderer/components/Caption.svelte: {@html} ×1 (sets innerHTML; render text or build elements instead)',
        'renderer/components/Caption.svelte: unsafe URL href="http://example.com/licence"',
        'renderer/components/Caption.svelte: unsafe URL href="javascript:void(0)"',
        'renderer/components/Caption.svelte: unsafe URL src="data:text/html;base64,PGI+eDwvYj4="',
      ]);
      const dangerous = report.issues.filter((i) => i.id === 'DANGEROUS_FUNCTIONS_JS_CHECK').map((i) => i.file);
      expect(dangerous).toEqual(['renderer/components/Caption.svelte.js']);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
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
