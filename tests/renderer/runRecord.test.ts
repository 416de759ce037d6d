import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../app/index.js';
import { parseRunRecord, runRecordJson, type RunRecord } from '../../app/run/runRecord.js';
import { parseRunMetadata } from '../../main/node/metadata/parseRunMetadata.js';
import { readRunMetadata } from '../../main/node/metadata/readRunMetadata.js';
import { runMetadata } from '../../main/node/metadata/runMetadata.js';
import { writeRunMetadata } from '../../main/node/metadata/writeRunMetadata.js';
import { pngRunRecord, withPngRunRecord } from '../../renderer/metadata/pngRunRecord.js';
import { DEFAULT_STUDIO_SETTINGS } from '../../renderer/state/studioSettings.js';
import { settingsFromRecord, studioRunRecord, type RecordedRun } from '../../renderer/state/studioRunRecord.js';

const run: RecordedRun = {
  settings: { ...DEFAULT_SETTINGS, size: 384, iterations: 240, seed: 77, styleStrength: 1.6 },
  contentName: 'Café terrace.jpg',
  styleNames: ['starry night.png', 'wave.jpg'],
  layers: { content: ['relu4_2'], style: ['relu1_1', 'relu2_1'], styleWeights: [1, 1] },
  modelLocation: 'https://example.test/vgg19/model.json',
  appVersion: '0.1.0',
  stopped: false,
};

const png = () => sharp({ create: { width: 6, height: 4, channels: 3, background: { r: 200, g: 40, b: 90 } } }).png().toBuffer();
const pixels = (bytes: Uint8Array) => sharp(bytes).raw().toBuffer();

describe('the studio run record', () => {
  it('is a record the CLI accepts: the same schema, keyword and JSON', async () => {
    const record = studioRunRecord(run, new Date('2026-01-02T03:04:05Z'));
    expect(parseRunMetadata(runRecordJson(record))).toEqual(record);
    const exported = withPngRunRecord(await png(), record);
    expect(await readRunMetadata(exported)).toEqual(record);
  });

  it('marks a stopped run', () => {
    expect(studioRunRecord({ ...run, stopped: true }).stopped).toBe(true);
    expect('stopped' in studioRunRecord(run)).toBe(false);
  });

  it('round-trips through a PNG without touching its pixels, replacing an earlier record', async () => {
    const original = await png();
    const first = withPngRunRecord(original, studioRunRecord(run));
    const second = withPngRunRecord(first, studioRunRecord({ ...run, settings: { ...run.settings, seed: 5 } }));
    expect(pngRunRecord(second)?.seed).toBe(5);
    expect(Buffer.from(second).toString('latin1').split('tEXtpastiche').length).toBe(2);
    expect(await pixels(second)).toEqual(await pixels(original));
  });

  it('reads the record the CLI writes', async () => {
    const record = runMetadata({ settings: run.settings, model: { location: 'weights', layers: run.layers }, inputs: { content: 'a.jpg', styles: ['b.jpg'] } });
    expect(pngRunRecord(writeRunMetadata(await png(), 'png', record))).toEqual(record);
  });

  it('finds nothing in other files, plain PNGs, or damaged and foreign records', async () => {
    const jpeg = await sharp(await png()).jpeg().toBuffer();
    expect(pngRunRecord(jpeg)).toBeNull();
    expect(pngRunRecord(await png())).toBeNull();
    expect(pngRunRecord(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0]))).toBeNull();
    expect(parseRunRecord('{not json')).toBeNull();
    expect(parseRunRecord(JSON.stringify({ ...studioRunRecord(run), app: 'Other' }))).toBeNull();
    expect(parseRunRecord(JSON.stringify({ ...studioRunRecord(run), inputs: { content: 3, styles: [] } }))).toBeNull();
    expect(parseRunRecord(JSON.stringify([1, 2]))).toBeNull();
  });
});

describe('settings from a record', () => {
  const record = (settings: Partial<Record<string, unknown>>): RunRecord => ({ ...studioRunRecord(run), settings: { ...run.settings, ...settings } as RunRecord['settings'] });

  it('applies the run settings and keeps the export choices', () => {
    const current = { ...DEFAULT_STUDIO_SETTINGS, exportFormat: 'webp' as const, backend: 'wasm' as const };
    const s = settingsFromRecord(record({}), current);
    expect(s).toMatchObject({ size: 384, iterations: 240, seed: 77, styleStrength: 1.6, quality: 'custom', exportFormat: 'webp', backend: 'wasm' });
    expect(settingsFromRecord(record({ iterations: 200 }), current).quality).toBe('draft');
  });

  it('clamps values out of range, gives unreadable ones their default; a continued run keeps the current init', () => {
    const current = { ...DEFAULT_STUDIO_SETTINGS, init: 'noise' as const, smoothness: 0.5 };
    const s = settingsFromRecord(record({ size: 99_999, styleStrength: -3, smoothness: 'lots', init: 'image', pooling: 'median' }), current);
    expect(s).toMatchObject({ size: 4096, styleStrength: 0, smoothness: DEFAULT_STUDIO_SETTINGS.smoothness, init: 'noise', pooling: DEFAULT_STUDIO_SETTINGS.pooling });
  });

  it('ignores prototype-pollution keys in the record', () => {
    const polluted = parseRunRecord(runRecordJson(studioRunRecord(run)).replace('"size":', '"__proto__":{"polluted":1},"size":'));
    expect(polluted).not.toBeNull();
    const s = settingsFromRecord(polluted!, DEFAULT_STUDIO_SETTINGS);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(s).sort()).toEqual(Object.keys(DEFAULT_STUDIO_SETTINGS).sort());
  });
});
