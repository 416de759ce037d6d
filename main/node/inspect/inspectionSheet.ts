import sharp, { type OverlayOptions } from 'sharp';
import type { RgbaImage } from '../../../app/image/rgbaImage.js';

/** One picture of a sheet and the line under it. */
export interface SheetTile {
  image: RgbaImage;
  label: string;
}

export interface SheetLayout {
  title: string;
  columns: number;
  /** Longest side of each tile on the sheet, px (pictures are scaled with nearest neighbour: each unit stays a sharp block). */
  tile: number;
}

const MARGIN = 14;
const GAP = 10;
const TITLE_LINE = 19;
/** Bold 14 px DejaVu Sans averages under 8.5 px a character. */
const TITLE_CHAR_WIDTH = 8.5;
const LABEL_HEIGHT = 18;
const BACKGROUND = { r: 24, g: 24, b: 28, alpha: 1 };
const FONT = "font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\"";

const escapeXml = (s: string) => s.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** The title in lines that fit the sheet, broken at its " · " separators (or anywhere, for a very long part). */
export function titleLines(title: string, width: number): string[] {
  const fit = Math.max(10, Math.floor((width - 2 * MARGIN) / TITLE_CHAR_WIDTH));
  const lines: string[] = [];
  for (const part of title.split(' · ')) {
    const last = lines.at(-1);
    if (last !== undefined && last.length + 3 + part.length <= fit) lines[lines.length - 1] = `${last} · ${part}`;
    else for (let i = 0; i < Math.max(1, part.length); i += fit) lines.push(part.slice(i, i + fit));
  }
  return lines;
}

/** Where each tile goes: a grid of equal cells, the picture centred in its cell. */
export function sheetGeometry(tiles: readonly { width: number; height: number }[], layout: SheetLayout) {
  const rows = Math.max(1, Math.ceil(tiles.length / layout.columns));
  const sizes = tiles.map((t) => {
    const scale = layout.tile / Math.max(t.width, t.height);
    return { w: Math.max(1, Math.round(t.width * scale)), h: Math.max(1, Math.round(t.height * scale)) };
  });
  const pictureH = Math.max(1, ...sizes.map((s) => s.h));
  const cellW = layout.tile;
  const cellH = pictureH + LABEL_HEIGHT;
  const width = 2 * MARGIN + layout.columns * cellW + (layout.columns - 1) * GAP;
  const title = titleLines(layout.title, width);
  const titleHeight = title.length * TITLE_LINE + 12;
  const height = MARGIN + titleHeight + rows * cellH + (rows - 1) * GAP + MARGIN;
  const cells = sizes.map(({ w, h }, i) => {
    const x0 = MARGIN + (i % layout.columns) * (cellW + GAP);
    const y0 = MARGIN + titleHeight + Math.floor(i / layout.columns) * (cellH + GAP);
    return { left: x0 + Math.floor((cellW - w) / 2), top: y0 + Math.floor((pictureH - h) / 2), width: w, height: h, labelX: x0 + cellW / 2, labelY: y0 + pictureH + 14 };
  });
  return { width, height, cells, title };
}

async function scaled(image: RgbaImage, width: number, height: number): Promise<Buffer> {
  const raw = { width: image.width, height: image.height, channels: 4 as const };
  return sharp(Buffer.from(image.data.buffer, image.data.byteOffset, image.data.byteLength), { raw }).resize({ width, height, fit: 'fill', kernel: 'nearest' }).png().toBuffer();
}

/** A labelled grid of pictures with a title, as PNG bytes. */
export async function inspectionSheet(tiles: readonly SheetTile[], layout: SheetLayout): Promise<Uint8Array> {
  const g = sheetGeometry(
    tiles.map((t) => t.image),
    layout,
  );
  const pictures: OverlayOptions[] = await Promise.all(tiles.map(async (t, i) => ({ input: await scaled(t.image, g.cells[i]!.width, g.cells[i]!.height), left: g.cells[i]!.left, top: g.cells[i]!.top })));
  const labels = tiles
    .map((t, i) => `<text x="${g.cells[i]!.labelX}" y="${g.cells[i]!.labelY}" text-anchor="middle" font-size="11" fill="#c9c6c1" ${FONT}>${escapeXml(t.label)}</text>`)
    .join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${g.width}" height="${g.height}">${g.title.map((line, i) => `<text x="${MARGIN}" y="${MARGIN + 14 + i * TITLE_LINE}" font-size="14" font-weight="bold" fill="#efece8" ${FONT}>${escapeXml(line)}</text>`).join('')}${labels}</svg>`;
  const png = await sharp({ create: { width: g.width, height: g.height, channels: 4, background: BACKGROUND } })
    .composite([...pictures, { input: Buffer.from(svg), left: 0, top: 0 }])
    .png()
    .toBuffer();
  return new Uint8Array(png.buffer, png.byteOffset, png.byteLength);
}
