import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportFormat } from '../../app/host/contract.js';
import { withJpegXmp } from '../../app/metadata/jpegXmp.js';
import { xmpPacket } from '../../app/metadata/xmpPacket.js';
import { DEFAULT_SETTINGS } from '../../app/run/settings.js';
import { readSettingsFile } from '../../main/cli/settingsFile.js';
import { readRunMetadata } from '../../main/node/metadata/readRunMetadata.js';
import { runMetadata } from '../../main/node/metadata/runMetadata.js';
import { writeRunMetadata } from '../../main/node/metadata/writeRunMetadata.js';
import { imageRunRecord } from '../../renderer/metadata/imageRunRecord.js';
import { withRunRecord } from '../../renderer/metadata/withRunRecord.js';
import { studioRunRecord, type RecordedRun } from '../../renderer/state/studioRunRecord.js';
import { pictureSharp } from '../fixtures/testImages.js';
import { metadataErrorOf } from './metadataErrorOf.js';

// The studio's exports (renderer/metadata) carry the record the CLI writes, in all three formats, and the
// CLI reads them back: `pastiche stylize --settings studio-export.jpg`.

const FORMATS: ExportFormat[] = ['png', 'jpeg', 'webp'];

const run: RecordedRun = {
  settings: { ...DEFAULT_SETTINGS, size: 384, iterations: 240, seed: 77, styleStrength: 1.6, colour: 'luminance', styleBlend: [2, 1] },
  contentName: 'Café terrace.jpg',
  styleNames: ['星月夜.png', 'wave 2.webp'],
  layers: { content: ['relu2_2'], style: ['relu1_1', 'relu2_1', 'relu3_1'], styleWeights: [1, 1, 1] },
  modelLocation: '/models/vgg19',
  appVersion: '0.4.2',
  stopped: false,
};
const record = studioRunRecord(run, new Date('2026-03-04T05:06:07.000Z'));

/** The picture encoded as the studio's canvas would hand it over: no metadata of its own. */
const encoded = async (format: ExportFormat) => new Uint8Array(await pictureSharp(36, 20).toFormat(format).toBuffer());
const raw = async (bytes: Uint8Array) => (await sharp(bytes).ensureAlpha().raw().toBuffer()).toString('base64');

let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(path.join(os.tmpdir(), 'pastiche-studio-export-'));
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe('the run record in studio exports', () => {
  for (const format of FORMATS) {
    it(`round-trips through ${format} in the studio and reads in the CLI as written, the pixels untouched`, async () => {
      const plain = await encoded(format);
      const exported = withRunRecord(plain, format, record);
      expect(imageRunRecord(exported)).toEqual(record);
      expect(await readRunMetadata(exported)).toEqual(record);
      expect(await raw(exported)).toBe(await raw(plain));
      const newer = studioRunRecord({ ...run, settings: { ...run.settings, seed: 78 } }); // as long as the first: a second record would show in the size
      const again = withRunRecord(exported, format, newer);
      expect(imageRunRecord(again)).toEqual(newer);
      expect(again.byteLength).toBe(exported.byteLength);
    });

    it(`gives pastiche stylize --settings the run's settings from a studio ${format} export`, async () => {
      const file = path.join(folder, `studio-export.${format === 'jpeg' ? 'jpg' : format}`);
      await writeFile(file, withRunRecord(await encoded(format), format, record));
      expect(await readSettingsFile(file)).toEqual(record.settings);
    });

    it(`reads in the studio the record the CLI writes into ${format}`, async () => {
      const cli = runMetadata({ settings: run.settings, model: { location: 'weights', layers: run.layers }, inputs: { content: 'a.jpg', styles: ['b.jpg'] } });
      expect(imageRunRecord(writeRunMetadata(await encoded(format), format, cli))).toEqual(cli);
    });
  }

  it('finds nothing in images without a record, with foreign or damaged XMP, in truncated files and in other files', async () => {
    const jpeg = await encoded('jpeg');
    const webp = await encoded('webp');
    const withRecord = withRunRecord(jpeg, 'jpeg', record);
    const foreignXmp = '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/></x:xmpmeta>';
    const cases: Uint8Array[] = [
      jpeg,
      webp,
      withJpegXmp(jpeg, foreignXmp),
      withJpegXmp(jpeg, '<x:xmpmeta><unclosed></x:xmpmeta>'),
      withJpegXmp(jpeg, xmpPacket('{"app": "Pastiche", ')),
      withJpegXmp(jpeg, xmpPacket(JSON.stringify({ ...record, app: 'Other' }))),
      withRecord.subarray(0, 40),
      withRunRecord(webp, 'webp', record).subarray(0, 30),
      new TextEncoder().encode('{"settings": {}}'),
      new Uint8Array(0),
    ];
    for (const bytes of cases) expect(imageRunRecord(bytes)).toBeNull();
  });

  it('refuses to write a record into bytes that are not of the export format', async () => {
    const png = await encoded('png');
    expect(metadataErrorOf(() => withRunRecord(png, 'jpeg', record)).message).toBe('not a JPEG file');
    expect(metadataErrorOf(() => withRunRecord(png, 'webp', record)).message).toBe('not a WebP file');
  });
});
