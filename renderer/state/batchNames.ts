import type { ExportFormat } from '../../app/host/contract.js';

const EXTENSION: Record<ExportFormat, string> = { png: 'png', jpeg: 'jpg', webp: 'webp' };

/** Characters no file system takes in a name, and control characters. */
const UNSAFE = /[/\\:*?"<>|\u0000-\u001f\u007f]/g;

/** The longest stem kept for a photo or a style, so that the whole name stays far below every file system's limit. */
const MAX_STEM = 80;

/** A file name without its last extension, as the CLI takes it (path.parse(name).name). */
function stem(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(0, dot) : name;
}

function extension(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

/** A stem that is a valid plain name anywhere: unsafe characters become "-", no leading dots, not too long. */
function safeStem(text: string): string {
  const cleaned = text.replace(UNSAFE, '-').replace(/^[.\s]+/, '').replace(/[.\s]+$/, '').slice(0, MAX_STEM);
  return cleaned || 'photo';
}

/**
 * The result's file name for each photo, as `pastiche batch` names them (main/cli/batchItems.ts):
 * `<photo>-<style>[+<style>…].<ext>`. Photos that share a name but not an extension (a.jpg, a.png) keep
 * the extension in the result's name (a-jpg-…, a-png-…) so that neither takes the other's place.
 */
export function batchResultNames(photos: readonly string[], styles: readonly string[], format: ExportFormat): string[] {
  const styleTag = styles.map((s) => safeStem(stem(s))).join('+');
  const stems = photos.map((p) => stem(p).normalize('NFC'));
  const shared = (s: string) => stems.filter((t) => t === s).length > 1;
  return photos.map((photo, i) => {
    const base = shared(stems[i]!) ? `${stem(photo)}-${extension(photo)}` : stem(photo);
    return `${safeStem(base)}-${styleTag}.${EXTENSION[format]}`;
  });
}
