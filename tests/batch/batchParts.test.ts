import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../app/run/settings.js';
import { listBatchItems } from '../../main/cli/batchItems.js';
import { outputState } from '../../main/cli/batchOutputState.js';
import { encodeImage } from '../../main/node/image/encodeImage.js';
import { runMetadata } from '../../main/node/metadata/runMetadata.js';
import { writeRunMetadata } from '../../main/node/metadata/writeRunMetadata.js';
import { useTempFolders } from '../fixtures/tempFolder.js';

const tempFolder = useTempFolders('pastiche-batch-parts-');

describe('the photos of a batch', () => {
  it('lists the images in name order, with result names that never collide, and reports other files', async () => {
    const dir = await tempFolder();
    for (const name of ['IMG_10.JPG', 'IMG_2.jpg', 'b.png', 'b.webp', 'readme.md', '.hidden.png', 'Zoë.tiff']) await writeFile(path.join(dir, name), '');
    await mkdir(path.join(dir, 'nested.png'));
    const list = await listBatchItems(dir, '/out', ['/art/starry night.jpg', '/art/wave.png'], 'jpeg');
    expect(list.items.map((i) => [i.name, i.output])).toEqual([
      ['b.png', '/out/b-png-starry night+wave.jpg'],
      ['b.webp', '/out/b-webp-starry night+wave.jpg'],
      ['IMG_2.jpg', '/out/IMG_2-starry night+wave.jpg'],
      ['IMG_10.JPG', '/out/IMG_10-starry night+wave.jpg'],
      ['Zoë.tiff', '/out/Zoë-starry night+wave.jpg'],
    ]);
    expect(list.items[0]!.input).toBe(path.join(dir, 'b.png'));
    expect(list.ignored).toEqual(['readme.md']);
  });
});

describe('what is already at a result path', () => {
  const settings = { ...DEFAULT_SETTINGS, size: 64 };
  const inputs = { content: 'p.jpg', styles: ['s.png'] };
  const image = { width: 4, height: 4, data: new Uint8Array(64).fill(128) };
  const record = runMetadata({ settings, inputs, model: { location: '/m', layers: { content: ['relu2_2'], style: ['relu1_1'] } } });

  it('tells nothing, a finished or stopped result of the same setup, another setup, and foreign files apart', async () => {
    const dir = await tempFolder();
    const file = (name: string) => path.join(dir, name);
    const png = await encodeImage(image, 'png');
    await writeFile(file('done.png'), writeRunMetadata(png, 'png', record));
    await writeFile(file('stopped.png'), writeRunMetadata(png, 'png', { ...record, stopped: true }));
    await writeFile(file('seed.png'), writeRunMetadata(png, 'png', runMetadata({ ...record, settings: { ...settings, seed: 1 } })));
    await writeFile(file('style.png'), writeRunMetadata(png, 'png', runMetadata({ ...record, inputs: { content: 'p.jpg', styles: ['t.png'] } })));
    await writeFile(file('plain.png'), png);
    await writeFile(file('text.png'), 'not an image');
    const states = await Promise.all(['missing', 'done', 'stopped', 'seed', 'style', 'plain', 'text'].map((n) => outputState(file(`${n}.png`), settings, inputs)));
    expect(states).toEqual(['absent', 'done', 'unfinished', 'different', 'different', 'foreign', 'foreign']);
  });

  it('compares settings by value: key order and an absent style blend do not matter', async () => {
    const dir = await tempFolder();
    const reordered = Object.fromEntries(Object.entries(settings).reverse()) as typeof settings;
    await writeFile(path.join(dir, 'r.png'), writeRunMetadata(await encodeImage(image, 'png'), 'png', { ...record, settings: reordered }));
    expect(await outputState(path.join(dir, 'r.png'), { ...settings, styleBlend: undefined }, inputs)).toBe('done');
  });
});
