import { randomUUID } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS } from '../../app/index.js';
import { HANDLERS } from '../../main/electron/ipc/handlers.js';
import type { InvokeMethod } from '../../main/electron/ipc/channels.js';
import { listFolder, useTempFolders } from '../fixtures/tempFolder.js';
import { picturePng } from '../fixtures/testImages.js';
import { electron } from './fakeElectron.js';
import { call, makeContext, messageOf, studioEvent, type TestContext } from './testContext.js';

vi.mock('electron', async () => (await import('./fakeElectron.js')).electron);

const tempFolder = useTempFolders('pastiche-ipc-');

let t: TestContext;
let png: Uint8Array;
let imageFile: string;

beforeEach(async () => {
  vi.clearAllMocks();
  t = await makeContext(await tempFolder());
  await t.ctx.settings.setStudio({ outputSize: 512 });
  png = await picturePng(8, 8);
  imageFile = path.join(await tempFolder(), 'photo.png');
  await writeFile(imageFile, png);
});

/** JSON.parse keeps "__proto__" as an own key, which is how such a payload arrives over IPC. */
const withProtoKey = (rest: Record<string, unknown>) => Object.assign(JSON.parse('{"__proto__": {"polluted": true}}') as object, rest);

function nested(depth: number): Record<string, unknown> {
  let value: Record<string, unknown> = { leaf: true };
  for (let i = 0; i < depth; i++) value = { inner: value };
  return value;
}

const exportRequest = () => ({ suggestedName: 'photo-starry.png', format: 'png', bytes: png });

const historyEntry = () => ({
  contentName: 'photo.png',
  styleNames: ['starry.jpg'],
  settings: { ...DEFAULT_SETTINGS },
  stopped: false,
  width: 8,
  height: 8,
  thumbnail: png,
  result: png,
});

const checkpointInputs = () => ({ content: { name: 'photo.png', bytes: png }, styles: [{ name: 'starry.jpg', bytes: png }], styleWeights: [1] });

const checkpoint = () => ({ runId: randomUUID(), settings: { ...DEFAULT_SETTINGS }, iteration: 4, scaleIndex: 0, image: png, inputs: checkpointInputs() });

/**
 * Malformed arguments for every handler, each one refused by the handler's schema before it runs: wrong types,
 * wrong counts, huge strings, paths where a token belongs, prototype keys.
 */
function badArguments(): Record<InvokeMethod, unknown[][]> {
  return {
    info: [['extra']],
    openImages: [[], ['content'], ['painting', true], ['content', 'yes'], ['content', true, 'extra'], [{ role: 'content' }, true], ['x'.repeat(100_000), true]],
    readDroppedFile: [
      [],
      [imageFile],
      [{ path: 'relative/photo.png' }],
      [{ path: `/${'a'.repeat(5000)}.png` }],
      [{ path: '/tmp/photo\0.png' }],
      [{ path: imageFile, extra: 1 }],
      [{ name: 'x'.repeat(300), bytes: png }],
      [{ name: 'photo.png', bytes: [...png] }],
      [{ name: 'photo.png', bytes: 'iVBORw0KGgo=' }],
      [withProtoKey({ path: imageFile })],
      [{ constructor: { prototype: {} }, path: imageFile }],
      [{ path: imageFile }, { path: imageFile }],
    ],
    openRecent: [[], [''], ['not-a-token'], [42], ['x'.repeat(100_000)], [imageFile]],
    recentFiles: [['extra']],
    exportImage: [
      [],
      [{ suggestedName: 'photo.png', format: 'png' }],
      [{ ...exportRequest(), format: 'gif' }],
      [{ ...exportRequest(), suggestedName: 'x'.repeat(10_000) }],
      [{ ...exportRequest(), suggestedName: '' }],
      [{ ...exportRequest(), bytes: 'not bytes' }],
      [{ ...exportRequest(), path: '/tmp/elsewhere.png' }],
      [withProtoKey(exportRequest())],
      [exportRequest(), 'extra'],
    ],
    revealInFolder: [[], ['not-a-token'], [null], [imageFile]],
    getSettings: [['extra']],
    setSettings: [
      [],
      [[1, 2, 3]],
      ['settings'],
      [null],
      [withProtoKey({ outputSize: 1 })],
      [{ style: withProtoKey({ weight: 1 }) }],
      [{ a: [{ constructor: { prototype: { polluted: true } } }] }],
      [{ prototype: 1 }],
      [{ big: 'x'.repeat(300_000) }],
      [nested(40)],
      [{ n: Number.NaN }],
      [{ when: new Date(0) }],
      [{ map: new Map([['a', 1]]) }],
      [{ outputSize: 1 }, 'extra'],
    ],
    modelStatus: [['extra']],
    loadModel: [['extra']],
    downloadModel: [['extra'], [{ url: 'http://127.0.0.1:1/evil.h5' }]],
    cancelModelDownload: [['extra']],
    importModel: [['extra'], [imageFile]],
    historyList: [['extra']],
    historyAdd: [
      [],
      [{ ...historyEntry(), result: undefined }],
      [{ ...historyEntry(), contentName: 'x'.repeat(100_000) }],
      [{ ...historyEntry(), styleNames: [] }],
      [{ ...historyEntry(), settings: { ...DEFAULT_SETTINGS, size: 'big' } }],
      [{ ...historyEntry(), settings: { ...DEFAULT_SETTINGS, size: 1_000_000 } }],
      [{ ...historyEntry(), settings: withProtoKey({ ...DEFAULT_SETTINGS }) }],
      [{ ...historyEntry(), result: 'not bytes' }],
      [{ ...historyEntry(), thumbnail: new TextEncoder().encode('not a picture') }],
      [{ ...historyEntry(), width: -1 }],
      [{ ...historyEntry(), path: '/tmp/elsewhere.png' }],
      [withProtoKey(historyEntry())],
      [historyEntry(), 'extra'],
      [{ ...historyEntry(), inputs: { ...checkpointInputs(), styleWeights: [] } }],
      [{ ...historyEntry(), inputs: withProtoKey(checkpointInputs()) }],
      [{ ...historyEntry(), inputs: { ...checkpointInputs(), keepMask: { width: 2, height: 2, data: new Uint8Array(3) } } }],
    ],
    historyImage: [[], ['not-an-id', 'result'], [42, 'result'], ['x'.repeat(100_000), 'thumbnail'], [randomUUID(), 'full'], [randomUUID()]],
    historyDelete: [[], ['not-an-id'], [null], ['../index.json'], ['x'.repeat(100_000)], [withProtoKey({})]],
    historyInputs: [[], ['not-an-id'], [null], ['../index.json'], ['x'.repeat(100_000)], [randomUUID(), 'extra'], [withProtoKey({})]],
    chooseOutputFolder: [['extra'], [path.dirname(imageFile)]],
    writeToFolder: [
      [],
      [randomUUID(), 'a.png'],
      [path.dirname(imageFile), 'a.png', png],
      ['not-a-token', 'a.png', png],
      [randomUUID(), '../escape.png', png],
      [randomUUID(), 'sub/a.png', png],
      [randomUUID(), 'sub\\a.png', png],
      [randomUUID(), '..', png],
      [randomUUID(), '.hidden.png', png],
      [randomUUID(), '', png],
      [randomUUID(), 'a\0.png', png],
      [randomUUID(), `${'x'.repeat(300)}.png`, png],
      [randomUUID(), 'x'.repeat(100_000), png],
      [randomUUID(), 'a.png', 'not bytes'],
      [randomUUID(), 'a.png', [...png]],
      [randomUUID(), 'a.png', png, { overwrite: true }],
    ],
    log: [[], ['info'], ['debug', 'a line'], ['INFO', 'a line'], ['info', 42], ['info', { message: 'a line' }], ['info', 'x'.repeat(4001)], [withProtoKey({}), 'a line'], ['info', 'a line', 'extra']],
    readLogs: [['extra'], [200_000]],
    folderFileRecord: [[], [randomUUID()], [imageFile, 'a.png'], [randomUUID(), '../photo.png'], [randomUUID(), path.basename(imageFile) + '/'], [withProtoKey({}), 'a.png']],
    checkpointSave: [
      [],
      [{ ...checkpoint(), runId: 'not-a-run-id' }],
      [{ ...checkpoint(), runId: '../../etc' }],
      [{ ...checkpoint(), image: new TextEncoder().encode('not a picture') }],
      [{ ...checkpoint(), image: 'iVBORw0KGgo=' }],
      [{ ...checkpoint(), iteration: -1 }],
      [{ ...checkpoint(), iteration: 1.5 }],
      [{ ...checkpoint(), settings: { ...DEFAULT_SETTINGS, iterations: 0 } }],
      [{ ...checkpoint(), settings: withProtoKey({ ...DEFAULT_SETTINGS }) }],
      [{ ...checkpoint(), inputs: { ...checkpointInputs(), content: { name: 'x'.repeat(100_000), bytes: png } } }],
      [{ ...checkpoint(), inputs: { ...checkpointInputs(), content: { name: 'photo.png', path: imageFile } } }],
      [{ ...checkpoint(), inputs: { ...checkpointInputs(), styles: [] } }],
      [{ ...checkpoint(), inputs: { ...checkpointInputs(), styleWeights: [1, 1] } }],
      [{ ...checkpoint(), inputs: { ...checkpointInputs(), styleWeights: [2] } }],
      [{ ...checkpoint(), inputs: { ...checkpointInputs(), keepMask: { width: 4, height: 4, data: new Uint8Array(15) } } }],
      [{ ...checkpoint(), inputs: { ...checkpointInputs(), keepMask: { width: 1_000_000, height: 1, data: new Uint8Array(16) } } }],
      [{ ...checkpoint(), inputs: { ...checkpointInputs(), styleRegions: [null, null] } }],
      [{ ...checkpoint(), inputs: withProtoKey(checkpointInputs()) }],
      [{ ...checkpoint(), path: '/tmp/elsewhere' }],
      [withProtoKey(checkpoint())],
      [checkpoint(), 'extra'],
    ],
    checkpointLoad: [['extra'], [imageFile]],
    checkpointClear: [['extra'], [imageFile]],
    saveToDownloads: [[], ['a.png'], ['../a.png', png], [imageFile, png], ['a.png', [...png]], ['a.png', 'iVBORw0KGgo='], ['a.png', png, 'extra'], [withProtoKey({}), png]],
    copyText: [[], [1], [null], [{ text: 'a' }], ['x'.repeat(5 * 1024 * 1024)], ['a', 'extra']],
    setRunActive: [[], ['yes'], [1], [null], [true, 'extra']],
  };
}

/**
 * Well-formed requests naming a token or id that main never issued: the schema accepts them, and the handler
 * refuses them with the message of the store that does not know them.
 */
function unknownReferences(): Array<[InvokeMethod, unknown[], string]> {
  const file = 'this file is no longer available; open it again';
  const folder = 'this output folder is no longer available; choose it again';
  const entry = 'That history entry is no longer available.';
  return [
    ['openRecent', [randomUUID()], file],
    ['revealInFolder', [randomUUID()], file],
    ['historyImage', [randomUUID(), 'result'], entry],
    ['historyDelete', [randomUUID()], entry],
    ['writeToFolder', [randomUUID(), 'a.png', png], folder],
    ['folderFileRecord', [randomUUID(), 'a.png'], folder],
  ];
}

/** Good arguments for every handler, so that only the sender differs. */
function goodArguments(): Record<InvokeMethod, unknown[]> {
  return {
    info: [],
    openImages: ['content', false],
    readDroppedFile: [{ path: imageFile }],
    openRecent: [randomUUID()],
    recentFiles: [],
    exportImage: [exportRequest()],
    revealInFolder: [randomUUID()],
    getSettings: [],
    setSettings: [{ outputSize: 256 }],
    modelStatus: [],
    loadModel: [],
    downloadModel: [],
    cancelModelDownload: [],
    importModel: [],
    historyList: [],
    historyAdd: [historyEntry()],
    historyImage: [randomUUID(), 'thumbnail'],
    historyDelete: [randomUUID()],
    historyInputs: [randomUUID()],
    chooseOutputFolder: [],
    writeToFolder: [randomUUID(), 'a.png', png],
    folderFileRecord: [randomUUID(), 'a.png'],
    checkpointSave: [checkpoint()],
    checkpointLoad: [],
    checkpointClear: [],
    setRunActive: [true],
    log: ['info', 'a line'],
    readLogs: [],
    saveToDownloads: ['a.png', png],
    copyText: ['a log line'],
  };
}

interface Snapshot {
  userData: string[];
  settings: string;
  imageFolder: string[];
}

async function snapshot(): Promise<Snapshot> {
  return {
    // Refusals are logged (user data/logs, checked in the tests); nothing else may appear.
    userData: (await listFolder(t.userData)).filter((name) => name !== 'logs'),
    settings: await readFile(t.ctx.settings.path, 'utf8'),
    imageFolder: await listFolder(path.dirname(imageFile)),
  };
}

function expectNoCallsOut(): void {
  for (const fn of [...Object.values(electron.dialog), ...Object.values(electron.shell)]) expect(fn).not.toHaveBeenCalled();
  expect(electron.clipboard.writeText).not.toHaveBeenCalled();
  expect(t.ctx.grants.size).toBe(0);
  expect(t.ctx.outputFolders.size).toBe(0);
  expect(t.ctx.commands.pending).toBe(0);
  expect(t.recentChanged).not.toHaveBeenCalled();
  expect(t.ctx.runActivity.active).toBe(false);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
}

describe('IPC payload validation', () => {
  it('has bad-input cases for every handler', () => {
    expect(Object.keys(badArguments()).sort()).toEqual(Object.keys(HANDLERS).sort());
  });

  for (const method of Object.keys(HANDLERS) as InvokeMethod[]) {
    it(`${method} refuses bad arguments with a clear message and no side effects`, async () => {
      const before = await snapshot();
      for (const args of badArguments()[method]) {
        const label = JSON.stringify(args).slice(0, 80);
        expect(HANDLERS[method].args.safeParse(args).success, `${label}: the schema refuses it`).toBe(false);
        const message = messageOf(await call(t.ctx, method, args));
        expect(message, label).toMatch(new RegExp(`^${method}: invalid request \\((expected \\d+ arguments?, got \\d+|argument \\d+( \\(\\S+\\))?: .+)\\)$`));
      }
      expectNoCallsOut();
      expect(await snapshot()).toEqual(before);
      expect(await t.ctx.models.status()).toMatchObject({ state: 'missing' });
      const logged = await t.ctx.log.read();
      expect(logged.match(new RegExp(`\\[main\\] Host request ${method} failed: `, 'g'))).toHaveLength(badArguments()[method].length);
      expect(logged).not.toContain('x'.repeat(100));
      expect(logged).not.toContain('[studio]');
    });
  }

  it('refuses well-formed requests for tokens and ids main never issued, in the words of the store', async () => {
    const before = await snapshot();
    for (const [method, args, message] of unknownReferences()) {
      expect(HANDLERS[method].args.safeParse(args).success, `${method}: the schema accepts it`).toBe(true);
      expect(messageOf(await call(t.ctx, method, args)), method).toBe(message);
    }
    expectNoCallsOut();
    expect(await snapshot()).toEqual(before);
  });

  it('names the argument and the problem', async () => {
    expect(messageOf(await call(t.ctx, 'openImages', ['painting', true]))).toMatch(/^openImages: invalid request \(argument 1: .*"content".*"style"/);
    expect(messageOf(await call(t.ctx, 'setSettings', [withProtoKey({})]))).toBe(
      'setSettings: invalid request (argument 1: settings has the key "__proto__", which is not allowed)',
    );
    expect(messageOf(await call(t.ctx, 'exportImage', [{ ...exportRequest(), path: '/x' }]))).toMatch(/argument 1: .*path/i);
    expect(messageOf(await call(t.ctx, 'info', ['extra']))).toBe('info: invalid request (expected 0 arguments, got 1)');
    expect(messageOf(await call(t.ctx, 'openImages', ['content']))).toBe('openImages: invalid request (expected 2 arguments, got 1)');
    expect(messageOf(await call(t.ctx, 'readDroppedFile', [{ name: 'a.png', bytes: [1] }]))).toBe(
      'readDroppedFile: invalid request (argument 1: expected a dropped file as { path } or { name, bytes })',
    );
  });
});

describe('IPC sender check', () => {
  const strangers = [
    ['a web page', studioEvent('https://evil.example/index.html')],
    ['a file:// page', studioEvent('file:///tmp/index.html')],
    ['another app:// host', studioEvent('app://evil/index.html')],
    ['a frame inside the studio', studioEvent('app://pastiche/index.html', { subframe: true })],
  ] as const;

  for (const [who, event] of strangers) {
    it(`refuses every request from ${who}`, async () => {
      const before = await snapshot();
      for (const [method, args] of Object.entries(goodArguments()) as Array<[InvokeMethod, unknown[]]>) {
        expect(messageOf(await call(t.ctx, method, args, event))).toMatch(/refused: the request did not come from the Pastiche studio/);
      }
      expectNoCallsOut();
      expect(await snapshot()).toEqual(before);
    });
  }

  it('refuses a request whose frame is gone', async () => {
    const event = { ...studioEvent(), senderFrame: null } as unknown as ReturnType<typeof studioEvent>;
    expect(messageOf(await call(t.ctx, 'getSettings', [], event))).toMatch(/refused/);
  });

  it('answers the same requests from the studio', async () => {
    const reply = await call(t.ctx, 'openImages', ['content', false]);
    expect(reply).toEqual({ ok: true, value: [] });
    expect(electron.dialog.showOpenDialog).toHaveBeenCalledTimes(1);
    expect(await call(t.ctx, 'getSettings', [])).toEqual({ ok: true, value: { outputSize: 512 } });
  });
});
