import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importsOf, layeringViolations, type SourceFile } from './importRules.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

function sources(folder: string): SourceFile[] {
  const out: SourceFile[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
      const rel = `${dir}/${entry.name}`;
      if (entry.isDirectory()) walk(rel);
      else if (/\.(ts|mts|js|mjs|svelte)$/.test(entry.name)) out.push({ path: rel, text: readFileSync(path.join(ROOT, rel), 'utf8') });
    }
  };
  walk(folder);
  return out;
}

/** The folders named in README.md's Architecture table (first column and the subfolders its text names). */
function tableFolders(): string[] {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Architecture'), readme.indexOf('\n## ', readme.indexOf('## Architecture') + 1));
  const rows = section.split('\n').filter((l) => l.startsWith('| `'));
  return [...new Set(rows.flatMap((row) => [...row.matchAll(/`([\w./-]+)\/`/g)].map((m) => m[1]!)))];
}

/** The folders whose imports the layering rules (importRules.ts) constrain. */
const RULE_FOLDERS = ['app', 'main', 'main/electron', 'main/cli', 'main/node', 'renderer'];

describe('layering', () => {
  it('every folder of the README table and of the rules exists and holds files', () => {
    const folders = tableFolders();
    expect(folders).toEqual(expect.arrayContaining(['app', 'main', 'renderer', 'assets', 'tests', 'main/electron', 'main/cli', 'main/node']));
    for (const folder of new Set([...folders, ...RULE_FOLDERS])) {
      expect(existsSync(path.join(ROOT, folder)), `${folder}/ exists`).toBe(true);
      const files = readdirSync(path.join(ROOT, folder), { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
      expect(files.length, `${folder}/ holds files`).toBeGreaterThan(0);
    }
    for (const folder of RULE_FOLDERS) expect(sources(folder).length, `${folder}/ holds sources`).toBeGreaterThan(0);
  });

  it('the project keeps the layering: app/ pure, renderer/ without main/, electron only in main/electron/', () => {
    const files = ['app', 'main', 'renderer'].flatMap(sources);
    expect(files.filter((f) => f.path.startsWith('app/')).length).toBeGreaterThan(10);
    expect(layeringViolations(files)).toEqual([]);
  });

  it('finds the imports of a file, static, re-exported and dynamic', () => {
    const text = `import a from './a.js';\nimport type { B } from "../b.js";\nexport { c } from './c.js';\nconst d = await import('./d.js');\nimport './side.js';`;
    expect(importsOf(text).sort()).toEqual(['../b.js', './a.js', './c.js', './d.js', './side.js']);
  });

  it('flags each kind of violation', () => {
    const bad: SourceFile[] = [
      { path: 'app/run/x.ts', text: `import { readFile } from 'node:fs';` },
      { path: 'app/run/y.ts', text: `import { z } from 'zod';` },
      { path: 'app/run/z.ts', text: `import { q } from '../../main/node/q.js';` },
      { path: 'renderer/a.ts', text: `import { q } from '../main/node/q.js';` },
      { path: 'renderer/b.ts', text: `import path from 'path';` },
      { path: 'main/node/c.ts', text: `import { app } from 'electron';` },
    ];
    const problems = layeringViolations(bad);
    expect(problems).toHaveLength(6);
    const fine: SourceFile[] = [
      { path: 'app/run/ok.ts', text: `import * as tf from '@tensorflow/tfjs-core';\nimport { a } from '../costs/a.js';` },
      { path: 'main/electron/ok.ts', text: `import { app } from 'electron';\nimport { run } from '../../app/index.js';` },
      { path: 'renderer/ok.ts', text: `import { run } from '../app/index.js';` },
    ];
    expect(layeringViolations(fine)).toEqual([]);
  });
});
