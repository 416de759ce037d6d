import path from 'node:path';
import type { ExportFormat } from '../../../app/host/contract.js';

export const FORMAT_EXTENSIONS: Readonly<Record<ExportFormat, readonly string[]>> = {
  png: ['png'],
  jpeg: ['jpg', 'jpeg'],
  webp: ['webp'],
};

export const FORMAT_NAMES: Readonly<Record<ExportFormat, string>> = { png: 'PNG', jpeg: 'JPEG', webp: 'WebP' };

/** Characters no file system takes in a name (Windows forbids the most), and control characters. */
const UNSAFE = /[/\\:*?"<>|\u0000-\u001f\u007f]/g;

/** A name the save dialog can propose on any system: unsafe characters become "-", no leading dots or spaces. */
export function safeFileName(name: string): string {
  const cleaned = name.replace(UNSAFE, '-').replace(/^[.\s]+/, '').replace(/[.\s]+$/, '').slice(0, 200);
  return cleaned || 'pastiche';
}

function hasFormatExtension(file: string, format: ExportFormat): boolean {
  return FORMAT_EXTENSIONS[format].includes(path.extname(file).slice(1).toLowerCase());
}

/** `name` with the format's extension: kept when it already has one of them, otherwise added. */
export function withFormatExtension(name: string, format: ExportFormat): string {
  return hasFormatExtension(name, format) ? name : `${name}.${FORMAT_EXTENSIONS[format][0]}`;
}
