/**
 * Renders the app icon (assets/icon/pastiche.svg) to every file the platforms take: `npm run icons`.
 * - assets/build/icons/NxN.png: the Linux icon set (AppImage, deb, the window icon, the About panel);
 * - assets/build/icon.png (1024 px), icon.ico (Windows: 16–256 px) and icon.icns (macOS: 16–1024 px);
 * - renderer/favicon.svg: the web build's favicon, the source itself.
 * The SVG is rasterised once at 1024 px and scaled down (Lanczos), so every size is the same drawing.
 */
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import png2icons from 'png2icons';
import sharp from 'sharp';

const ROOT = path.resolve(import.meta.dirname, '..');
export const ICON_SOURCE = path.join(ROOT, 'assets/icon/pastiche.svg');
export const BUILD_DIR = path.join(ROOT, 'assets/build');
export const LINUX_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024] as const;
const MASTER = 1024;

/** The icon as a PNG of `size` px, from the SVG rasterised at 1024 px (SVG user units are 1024 a side). */
export async function renderIconPng(size: number, svg: Buffer): Promise<Buffer> {
  const master = await sharp(svg, { density: 72 }).resize(MASTER, MASTER).png().toBuffer();
  if (size === MASTER) return master;
  return sharp(master).resize(size, size, { kernel: 'lanczos3' }).png({ compressionLevel: 9 }).toBuffer();
}

function required(buffer: Buffer | null, what: string): Buffer {
  if (!buffer) throw new Error(`png2icons could not make ${what}`);
  return buffer;
}

export async function renderIcons(outDir = BUILD_DIR, faviconPath: string | null = path.join(ROOT, 'renderer/favicon.svg')): Promise<void> {
  const { readFile } = await import('node:fs/promises');
  const svg = await readFile(ICON_SOURCE);
  await mkdir(path.join(outDir, 'icons'), { recursive: true });
  for (const size of LINUX_SIZES) await writeFile(path.join(outDir, 'icons', `${size}x${size}.png`), await renderIconPng(size, svg));
  const master = await renderIconPng(MASTER, svg);
  await writeFile(path.join(outDir, 'icon.png'), master);
  png2icons.setLogger(() => undefined);
  // Windows: BMP entries for the small sizes and a PNG for 256 px, as the Windows resource compiler wants.
  await writeFile(path.join(outDir, 'icon.ico'), required(png2icons.createICO(master, png2icons.BICUBIC2, 0, false, true), 'the .ico'));
  await writeFile(path.join(outDir, 'icon.icns'), required(png2icons.createICNS(master, png2icons.BICUBIC2, 0), 'the .icns'));
  if (faviconPath) await copyFile(ICON_SOURCE, faviconPath);
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  await renderIcons();
  console.log(`Icons written to ${path.relative(ROOT, BUILD_DIR)}/ and renderer/favicon.svg`);
}
