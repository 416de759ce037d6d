import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, stat, truncate } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CliError, EXIT } from '../../main/cli/cliError.js';
import { writeKerasH5 } from './fixtures/kerasH5Fixture.js';
import { ModelServer, answerStatus, serveFile } from './fixtures/modelServer.js';
import { runModelCli } from './fixtures/runModelCli.js';
import { listTree } from './fixtures/storeFiles.js';
import { syntheticVggLayers } from './fixtures/syntheticVgg.js';
import { writeTfjsFolder } from './fixtures/tfjsFolder.js';
import { useTempDirs } from './tempDir.js';

const tempDir = useTempDirs();
const REAL_MODEL = path.resolve(import.meta.dirname, '../../../shared/models/vgg19');
const HAVE_REAL = existsSync(path.join(REAL_MODEL, 'model.json'));
if (!HAVE_REAL) console.warn(`Skipping the import of the real VGG19 weights: ${REAL_MODEL} is absent.`);

function exitCodeOf(error: unknown): number {
  expect(error).toBeInstanceOf(CliError);
  return (error as CliError).exitCode;
}

describe('pastiche model status', () => {
  it('says an empty store has no weights and how to get them', async () => {
    const store = await tempDir();
    const r = await runModelCli(['status', '--store', store]);
    expect(r.error).toBeUndefined();
    expect(r.stdout).toBe(
      `VGG19 weights: not installed (model store ${store})\n` +
        'Run "pastiche model download" to fetch them (80.1 MB), or "pastiche model import PATH" with a Keras .h5 file or a TensorFlow.js weights folder.\n',
    );
    expect(JSON.parse((await runModelCli(['status', '--store', store, '--json'])).stdout)).toEqual({
      state: 'missing',
      location: path.join(store, 'vgg19'),
      layers: [],
      partial: false,
    });
  });
});

describe.skipIf(!HAVE_REAL)('pastiche model import of the real (partial) VGG19 weights', () => {
  it('installs them, and status shows a partial model with conv1_1 … conv3_4', async () => {
    const store = await tempDir();
    const imported = await runModelCli(['import', REAL_MODEL, '--store', store]);
    expect(imported.error).toBeUndefined();
    expect(imported.stdout.split('\n')[0]).toBe(`Imported ${REAL_MODEL} into ${store}`);
    const r = await runModelCli(['status', '--store', store]);
    expect(r.stdout.split('\n')).toEqual([
      'VGG19 weights: ready, partial: conv1_1 … conv3_4 (no conv4_1 … conv5_1)',
      `  folder  ${path.join(store, 'vgg19')}`,
      '  size    9.31 MB',
      '  layers  conv1_1 conv1_2 conv2_1 conv2_2 conv3_1 conv3_2 conv3_3 conv3_4',
      '',
    ]);
    const json = JSON.parse((await runModelCli(['status', '--store', store, '--json'])).stdout);
    expect(json).toMatchObject({ state: 'ready', partial: true, layers: ['conv1_1', 'conv1_2', 'conv2_1', 'conv2_2', 'conv3_1', 'conv3_2', 'conv3_3', 'conv3_4'] });
    expect(await listTree(path.join(store, 'vgg19'))).not.toContain('SOURCE.md');
  });
});

describe('pastiche model import', () => {
  it('imports a Keras .h5 file', async () => {
    const dir = await tempDir();
    await writeKerasH5(path.join(dir, 'vgg.h5'), syntheticVggLayers(2));
    const r = await runModelCli(['import', path.join(dir, 'vgg.h5'), '--store', path.join(dir, 'store'), '--float16']);
    expect(r.error).toBeUndefined();
    expect(r.stdout).toContain('VGG19 weights: ready, partial: conv1_1, conv1_2 (no conv2_1 … conv5_1)');
    const manifest = JSON.parse(await readFile(path.join(dir, 'store', 'vgg19', 'model.json'), 'utf8'));
    expect(manifest.weightsManifest[0].weights[0].quantization).toEqual({ dtype: 'float16' });
  });

  it('exits 3 with the file named when a shard is truncated', async () => {
    const dir = await tempDir();
    await writeTfjsFolder(path.join(dir, 'tfjs'), syntheticVggLayers(1));
    const shard = path.join(dir, 'tfjs', 'group1-shard1of1.bin');
    await truncate(shard, (await stat(shard)).size - 4);
    const r = await runModelCli(['import', path.join(dir, 'tfjs'), '--store', path.join(dir, 'store')]);
    expect(exitCodeOf(r.error)).toBe(EXIT.model);
    expect((r.error as Error).message).toMatch(new RegExp(`^${shard}: truncated: .*tensor block1_conv1/bias is incomplete$`));
    expect(await listTree(path.join(dir, 'store'))).toEqual([]);
  });

  it('exits 2 for a path that does not exist', async () => {
    const dir = await tempDir();
    const r = await runModelCli(['import', path.join(dir, 'nothing'), '--store', dir]);
    expect(exitCodeOf(r.error)).toBe(EXIT.input);
    expect((r.error as Error).message).toBe(`${path.join(dir, 'nothing')}: no such file or folder`);
  });
});

describe('pastiche model download', () => {
  let server: ModelServer;
  beforeEach(async () => {
    server = await ModelServer.start();
  });
  afterEach(async () => {
    await server.stop();
  });

  it('downloads with progress lines on a pipe and prints the status', async () => {
    const dir = await tempDir();
    await writeKerasH5(path.join(dir, 'vgg.h5'), syntheticVggLayers(3));
    const bytes = await readFile(path.join(dir, 'vgg.h5'));
    const md5 = createHash('md5').update(bytes).digest('hex');
    server.on('/vgg.h5', serveFile(bytes));
    const store = path.join(dir, 'store');
    const r = await runModelCli(['download', '--from', server.url('/vgg.h5'), '--md5', md5, '--store', store]);
    expect(r.error).toBeUndefined();
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines[0]).toBe(`Downloading the VGG19 weights from ${server.url('/vgg.h5')} into ${store}`);
    expect(lines).toContain('verifying the MD5 checksum…');
    expect(lines.slice(-3)).toEqual(['verifying the MD5 checksum…', 'converting to the TensorFlow.js layout…', 'installing…']);
    expect(lines.filter((l) => l.startsWith('downloaded ')).at(-1)).toMatch(/^downloaded (\d+\.\d+ kB) of \1 · /);
    expect(r.stdout.split('\n')[0]).toBe('VGG19 weights: ready, partial: conv1_1 … conv2_1 (no conv2_2 … conv5_1)');
  });

  it('warns when a URL comes without a checksum', async () => {
    const dir = await tempDir();
    await writeKerasH5(path.join(dir, 'vgg.h5'), syntheticVggLayers(1));
    server.on('/vgg.h5', serveFile(await readFile(path.join(dir, 'vgg.h5'))));
    const r = await runModelCli(['download', '--from', server.url('/vgg.h5'), '--store', path.join(dir, 'store')]);
    expect(r.error).toBeUndefined();
    expect(r.stderr).toContain('No --md5 given for this URL: the file is checked only for its structure, not its checksum.');
    expect(r.stderr).not.toContain('verifying');
    expect(r.stderr).toContain('converting to the TensorFlow.js layout…');
  });

  it('exits 1 with the server error, and 2 for a bad checksum argument', async () => {
    const dir = await tempDir();
    server.on('/vgg.h5', answerStatus(503));
    const r = await runModelCli(['download', '--from', server.url('/vgg.h5'), '--md5', 'a'.repeat(32), '--store', dir, '--quiet']);
    expect(exitCodeOf(r.error)).toBe(EXIT.failure);
    expect((r.error as Error).message).toBe(`${server.url('/vgg.h5')}: the server answered 503 Service Unavailable`);
    expect(r.stderr).toBe('');
    const bad = await runModelCli(['download', '--from', server.url('/vgg.h5'), '--md5', 'xyz', '--store', dir]);
    expect(exitCodeOf(bad.error)).toBe(EXIT.input);
  });
});
