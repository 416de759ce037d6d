import type { ExportFormat } from '../../app/host/contract.js';

const EXTENSION: Record<ExportFormat, string> = { png: 'png', jpeg: 'jpg', webp: 'webp' };

/** A file name's stem, safe on every file system: "Starry Night.jpeg" → "Starry_Night". */
export function fileStem(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const stem = base.replace(/\.[^.]+$/, '');
  const safe = stem
    .replace(/[<>:"|?*\u0000-\u001f]/g, '')
    .replace(/\s+/g, '_')
    .replace(/^[._]+|[._]+$/g, '');
  return safe || 'image';
}

/**
 * The name the save dialog proposes: content and style stems, e.g. "chelsea-starry_night.png"; two styles
 * join with "+", more are counted ("chelsea-a+b+2more.png"); an upscaled export adds its size.
 */
export function suggestExportName(content: string, styles: readonly string[], format: ExportFormat, size?: number): string {
  const shown = styles.slice(0, 2).map(fileStem).join('+');
  const more = styles.length > 2 ? `+${styles.length - 2}more` : '';
  const stylePart = styles.length ? `-${shown}${more}` : '';
  const sizePart = size ? `-${size}px` : '';
  return `${fileStem(content)}${stylePart}${sizePart}.${EXTENSION[format]}`;
}
