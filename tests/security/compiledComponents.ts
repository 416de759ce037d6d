import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { compile } from 'svelte/compiler';

/** A studio component as the browser gets it: Svelte's client JavaScript, and the markup templates inside it. */
export interface CompiledComponent {
  /** Path of the .svelte file, relative to the project root. */
  source: string;
  js: string;
  templates: string[];
}

/** Every .svelte file under `folder` (relative to `root`), compiled for the browser as the studio build does. */
export function compileComponents(root: string, folder = 'renderer'): CompiledComponent[] {
  const files = readdirSync(path.join(root, folder), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.svelte'));
  return files.sort().map((f) => {
    const source = path.posix.join(folder, f.split(path.sep).join('/'));
    const { js } = compile(readFileSync(path.join(root, source), 'utf8'), { filename: source, generate: 'client' });
    // Svelte 5 keeps each static piece of markup as one template literal: $.from_html(`…`), $.from_svg(`…`).
    const templates = [...js.code.matchAll(/\$\.from_(?:html|svg|mathml)\(`((?:[^`\\]|\\.)*)`/g)].map((m) => m[1]!);
    return { source, js: js.code, templates };
  });
}

/** Writes each component's JavaScript (X.svelte.js) and markup (X.svelte.html) under `dir`, for scanners that read files. */
export function writeCompiled(components: readonly CompiledComponent[], dir: string): void {
  for (const c of components) {
    mkdirSync(path.dirname(path.join(dir, c.source)), { recursive: true });
    writeFileSync(path.join(dir, `${c.source}.js`), c.js);
    writeFileSync(path.join(dir, `${c.source}.html`), `<!doctype html>\n<html><body>\n${c.templates.join('\n')}\n</body></html>\n`);
  }
}

/** URL schemes a studio page must never link to or load: script URLs, unencrypted or local resources, HTML data. */
const UNSAFE_URL = /^\s*(javascript:|vbscript:|http:|file:|data:(?!image\/(png|jpeg|webp|gif);))/i;
const URL_ATTRIBUTE = /\s(href|src|action|formaction|poster|xlink:href)\s*=\s*"([^"]*)"/gi;
const URL_SET_ATTRIBUTE = /\$\.set_attribute\([^,]+,\s*['"](href|src|action|formaction|poster)['"],\s*['"`]([^'"`]*)['"`]/g;

/**
 * What Electronegativity cannot see in compiled components: {@html} (compiled to $.html, which sets
 * innerHTML from a value), and unsafe URLs in markup or in constant attribute values.
 */
export function unsafeMarkup(components: readonly CompiledComponent[]): string[] {
  const found: string[] = [];
  for (const c of components) {
    const htmlCalls = c.js.match(/\$\.html\(/g)?.length ?? 0;
    if (htmlCalls > 0) found.push(`${c.source}: {@html} ×${htmlCalls} (sets innerHTML; render text or build elements instead)`);
    const urls = [...c.templates.flatMap((t) => [...t.matchAll(URL_ATTRIBUTE)]), ...c.js.matchAll(URL_SET_ATTRIBUTE)];
    for (const [, attribute, url] of urls) if (UNSAFE_URL.test(url!)) found.push(`${c.source}: unsafe URL ${attribute}="${url}"`);
  }
  return found;
}
