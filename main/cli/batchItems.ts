import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { OutputFormat } from '../node/image/outputFormat.js';
import { CliError, EXIT } from './cliError.js';

/** The extensions of the images the CLI reads (see node/image/decodeImage.ts); others in the folder are left alone. */
export const INPUT_EXTENSIONS: readonly string[] = ['.jpg', '.jpeg', '.png', '.webp', '.gif', '.tif', '.tiff', '.avif'];

const OUTPUT_EXTENSION: Record<OutputFormat, string> = { png: '.png', jpeg: '.jpg', webp: '.webp' };

export interface BatchItem {
  /** The photo's file name in the input folder. */
  name: string;
  input: string;
  output: string;
}

export interface BatchList {
  items: BatchItem[];
  /** Files that are not images by their extension: reported, not processed. */
  ignored: string[];
}

const stem = (file: string) => path.parse(file).name;

/** Name order as people expect it (IMG_2 before IMG_10, É beside E), the same on every machine whatever its locale. */
const byName = new Intl.Collator('und', { numeric: true }).compare;

async function filesIn(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    return entries.filter((e) => e.isFile() && !e.name.startsWith('.')).map((e) => e.name);
  } catch (e) {
    throw new CliError(`--input ${dir}: cannot list the folder (${(e as Error).message})`, EXIT.input);
  }
}

/**
 * The photos in `inputDir` (not its subfolders), in name order, each with its result's path:
 * `<photo>-<style>[+<style>…].<ext>` in `outDir`. Photos that share a name but not an extension
 * (a.jpg, a.png) keep the extension in the result's name (a-jpg-…, a-png-…) so neither overwrites the other.
 */
export async function listBatchItems(inputDir: string, outDir: string, styles: readonly string[], format: OutputFormat): Promise<BatchList> {
  const files = (await filesIn(inputDir)).sort(byName);
  const isImage = (f: string) => INPUT_EXTENSIONS.includes(path.extname(f).toLowerCase());
  const images = files.filter(isImage);
  const styleTag = styles.map(stem).join('+');
  const stems = images.map((f) => stem(f).normalize('NFC'));
  const shared = (s: string) => stems.filter((t) => t === s).length > 1;
  const items = images.map((name) => {
    const base = shared(stem(name).normalize('NFC')) ? `${stem(name)}-${path.extname(name).slice(1).toLowerCase()}` : stem(name);
    return { name, input: path.join(inputDir, name), output: path.join(outDir, `${base}-${styleTag}${OUTPUT_EXTENSION[format]}`) };
  });
  return { items, ignored: files.filter((f) => !isImage(f)) };
}
