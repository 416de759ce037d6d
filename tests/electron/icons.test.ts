import { readFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { BUILD_DIR, ICON_SOURCE, LINUX_SIZES, renderIconPng } from '../../scripts/renderIcons.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** The images an .ico holds: ICONDIR (reserved 0, type 1, count), then 16-byte entries; 0 means 256 px. */
function icoEntries(ico: Buffer): Array<{ size: number; format: 'png' | 'bmp' }> {
  expect(ico.readUInt16LE(0)).toBe(0);
  expect(ico.readUInt16LE(2)).toBe(1);
  const count = ico.readUInt16LE(4);
  return Array.from({ length: count }, (_, i) => {
    const entry = 6 + 16 * i;
    const width = ico[entry]! || 256;
    const height = ico[entry + 1]! || 256;
    expect(height).toBe(width);
    const [bytes, offset] = [ico.readUInt32LE(entry + 8), ico.readUInt32LE(entry + 12)];
    expect(offset + bytes).toBeLessThanOrEqual(ico.length);
    const isPng = ico.subarray(offset, offset + 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    return { size: width, format: isPng ? ('png' as const) : ('bmp' as const) };
  });
}

/** The element types of an .icns: "icns", the file's length, then (type, length) blocks that tile the file. */
function icnsTypes(icns: Buffer): string[] {
  expect(icns.toString('latin1', 0, 4)).toBe('icns');
  expect(icns.readUInt32BE(4)).toBe(icns.length);
  const types: string[] = [];
  for (let at = 8; at < icns.length; ) {
    const length = icns.readUInt32BE(at + 4);
    expect(length).toBeGreaterThan(8);
    types.push(icns.toString('latin1', at, at + 4));
    at += length;
  }
  return types;
}

async function rgba(png: Buffer): Promise<Buffer> {
  return sharp(png).ensureAlpha().raw().toBuffer();
}

describe('the app icon', () => {
  it('has a PNG of every Linux size, square, with transparent corners and an opaque middle', async () => {
    for (const size of LINUX_SIZES) {
      const file = path.join(BUILD_DIR, 'icons', `${size}x${size}.png`);
      const meta = await sharp(file).metadata();
      expect(meta, file).toMatchObject({ format: 'png', width: size, height: size, hasAlpha: true });
      const pixels = await rgba(await readFile(file));
      const alpha = (x: number, y: number) => pixels[(y * size + x) * 4 + 3]!;
      expect(alpha(0, 0), `${size}px corner`).toBe(0);
      expect(alpha(size >> 1, size >> 1), `${size}px middle`).toBe(255);
    }
    expect(await sharp(path.join(BUILD_DIR, 'icon.png')).metadata()).toMatchObject({ format: 'png', width: 1024, height: 1024 });
  });

  it('has a Windows .ico with 16 to 256 px images', async () => {
    const entries = icoEntries(await readFile(path.join(BUILD_DIR, 'icon.ico')));
    expect(entries.map((e) => e.size)).toEqual(expect.arrayContaining([16, 24, 32, 48, 64, 128, 256]));
    expect(entries.find((e) => e.size === 256)!.format).toBe('png');
  });

  it('has a macOS .icns with 16 to 1024 px images', async () => {
    // ic10: 1024 (512@2x), ic09: 512, ic08: 256, ic07: 128, il32: 32 and is32: 16 (RLE RGB with a mask).
    expect(icnsTypes(await readFile(path.join(BUILD_DIR, 'icon.icns')))).toEqual(expect.arrayContaining(['ic10', 'ic09', 'ic08', 'ic07', 'il32', 'is32']));
  });

  it('is rendered from the SVG source as it is now (run `npm run icons` after changing it)', async () => {
    const svg = await readFile(ICON_SOURCE);
    const [fresh, stored] = await Promise.all([rgba(await renderIconPng(64, svg)), rgba(await readFile(path.join(BUILD_DIR, 'icons', '64x64.png')))]);
    let difference = 0;
    for (let i = 0; i < fresh.length; i++) difference += Math.abs(fresh[i]! - stored[i]!);
    expect(difference / fresh.length).toBeLessThan(1);
    expect(await readFile(path.join(ROOT, 'renderer/favicon.svg'), 'utf8')).toBe(svg.toString('utf8'));
  });

  it('is the one electron-builder packs for every platform, and the app ships the window icon', async () => {
    const yaml = (await import('yaml')).parse(await readFile(path.join(ROOT, 'electron-builder.yml'), 'utf8')) as {
      files: string[];
      linux: { icon: string };
      mac: { icon: string };
      win: { icon: string };
    };
    expect(yaml.linux.icon).toBe('assets/build/icons');
    expect(yaml.mac.icon).toBe('assets/build/icon.icns');
    expect(yaml.win.icon).toBe('assets/build/icon.ico');
    expect(yaml.files).toContain('assets/build/icons/512x512.png');
    const main = await readFile(path.join(ROOT, 'main/electron/main.ts'), 'utf8');
    expect(main).toContain("path.join(APP_ROOT, 'assets', 'build', 'icons', '512x512.png')");
  });
});
