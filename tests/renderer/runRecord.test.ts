import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../app/index.js';
import { parseRunRecord, runRecordJson, type RunRecord } from '../../app/run/runRecord.js';
import { parseRunMetadata } from '../../main/node/metadata/parseRunMetadata.js';
import { readRunMetadata } from '../../main/node/metadata/readRunMetadata.js';
import { runMetadata } from '../../main/node/metadata/runMetadata.js';
import { writeRunMetadata } from '../../main/node/metadata/writeRunMetadata.js';
import { pngRunRecord, withPngRunRecord } from '../../renderer/metadata/pngRunRecord.js';
import { restoreUserPresets } from '../../renderer/state/presets.js';
import { DEFAULT_STUDIO_SETTINGS, restoreSettings, storeSettings } from '../../renderer/state/studioSettings.js';
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
    expect(settingsFromRecord(record({ edgePadding: 'replicate' }), current).edgePadding).toBe('replicate');
  });

  it('clamps values out of range, gives unreadable ones their default; a continued run keeps the current init', () => {
    const current = { ...DEFAULT_STUDIO_SETTINGS, init: 'noise' as const, smoothness: 0.5 };
    const s = settingsFromRecord(record({ size: 99_999, styleStrength: -3, smoothness: 'lots', init: 'image', pooling: 'median', edgePadding: 'wrap' }), current);
    expect(s).toMatchObject({ size: 4096, styleStrength: 0, smoothness: DEFAULT_STUDIO_SETTINGS.smoothness, init: 'noise', pooling: DEFAULT_STUDIO_SETTINGS.pooling, edgePadding: 'zero' });
  });

  // JSON.parse keeps "__proto__" as an own key; the danger is code that copies it with [[Set]] (Object.assign,
  // obj[key] = value) or merges into it, which turns it into the prototype: its values then read as settings,
  // or Object.prototype itself changes. Each record below travels the real path: JSON text → parseRunRecord →
  // settingsFromRecord (picks and merges) → restoreSettings (checks) → storeSettings (merges back).
  const withRecordJson = (edit: (json: string) => string) => {
    const parsed = parseRunRecord(edit(runRecordJson(studioRunRecord(run))));
    expect(parsed).not.toBeNull();
    return parsed!;
  };
  const expectPristine = (s: object) => {
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(s)).toBe(Object.prototype);
    expect(Object.keys(s).sort()).toEqual(Object.keys(DEFAULT_STUDIO_SETTINGS).sort());
  };
  const current = { ...DEFAULT_STUDIO_SETTINGS, size: 640, seed: 3 };

  it('takes no settings from a "__proto__" key in the record', () => {
    // size and seed are removed from the record, and offered again under "__proto__": they must not be read.
    const record = withRecordJson((j) => j.replace('"size":384,', '"__proto__":{"size":1234,"seed":99,"polluted":1},').replace('"seed":77,', ''));
    const s = settingsFromRecord(record, current);
    expectPristine(s);
    expect([s.size, s.seed]).toEqual([640, 3]);
    const stored = storeSettings(JSON.parse('{"__proto__":{"polluted":1},"window":{"width":900}}'), s);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(restoreSettings(JSON.parse(JSON.stringify(stored)))).toEqual(s);
  });

  it('takes no settings from "__proto__" or "constructor.prototype" in stored settings or presets', () => {
    const stored = JSON.parse(
      '{"__proto__":{"studio":{"size":1234}},"studio":{"__proto__":{"iterations":77,"polluted":1},"constructor":{"prototype":{"polluted":1}}},' +
        '"presets":[{"name":"Mine","settings":{"__proto__":{"styleStrength":4},"smoothness":0.5}}]}',
    );
    const s = restoreSettings(stored);
    expectPristine(s);
    expect([s.size, s.iterations]).toEqual([DEFAULT_STUDIO_SETTINGS.size, DEFAULT_STUDIO_SETTINGS.iterations]);
    const presets = restoreUserPresets(stored);
    expect(presets.map((p) => p.settings)).toEqual([{ smoothness: 0.5 }]);
    expect(Object.getPrototypeOf(presets[0]!.settings)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('takes no settings from a record whose settings are a "__proto__" chain', () => {
    const record = withRecordJson((j) => j.replace(/"settings":\{/, '"settings":{"__proto__":{"__proto__":{"polluted":1},"iterations":77},'));
    const s = settingsFromRecord(record, current);
    expectPristine(s);
    expect(s.iterations).toBe(240);
  });
});
