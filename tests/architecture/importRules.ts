import { builtinModules } from 'node:module';
import path from 'node:path';

/** The layering of docs/architecture (README "Architecture"): which folder may import what. */
export interface SourceFile {
  /** Path relative to the project root, with forward slashes. */
  path: string;
  text: string;
}

const IMPORT_PATTERNS = [
  /\bimport\s+(?:type\s+)?(?:[\w*{}\s,$]+\s+from\s+)?['"]([^'"]+)['"]/g,
  /\bexport\s+(?:type\s+)?[\w*{}\s,$]+\s+from\s+['"]([^'"]+)['"]/g,
  /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g,
  /\brequire\(\s*['"]([^'"]+)['"]\s*\)/g,
];

export function importsOf(text: string): string[] {
  const found = new Set<string>();
  for (const re of IMPORT_PATTERNS) for (const m of text.matchAll(re)) found.add(m[1]!);
  return [...found];
}

const NODE_BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

function isNodeBuiltin(spec: string): boolean {
  return NODE_BUILTINS.has(spec) || spec.startsWith('node:');
}

function resolvesInto(file: string, spec: string, folder: string): boolean {
  if (!spec.startsWith('.')) return false;
  const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), spec));
  return target === folder || target.startsWith(`${folder}/`);
}

function packageName(spec: string): string {
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

/** Returns one message per import that breaks the layering. */
export function layeringViolations(files: readonly SourceFile[]): string[] {
  const problems: string[] = [];
  for (const { path: file, text } of files) {
    for (const spec of importsOf(text)) {
      const where = `${file} imports "${spec}"`;
      if (file.startsWith('app/')) {
        if (spec.startsWith('.')) {
          if (!resolvesInto(file, spec, 'app')) problems.push(`${where}: app/ may only import inside app/`);
        } else if (packageName(spec) !== '@tensorflow/tfjs-core') {
          problems.push(`${where}: app/ may import only @tensorflow/tfjs-core (no DOM, Node, Electron or other packages)`);
        }
      }
      if (file.startsWith('renderer/')) {
        if (resolvesInto(file, spec, 'main')) problems.push(`${where}: renderer/ must not import main/`);
        if (isNodeBuiltin(spec)) problems.push(`${where}: renderer/ runs in a browser and must not import Node modules`);
      }
      if (packageName(spec) === 'electron' && !file.startsWith('main/electron/')) {
        problems.push(`${where}: only main/electron/ may import electron`);
      }
    }
  }
  return problems;
}
