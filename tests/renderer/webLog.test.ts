import { describe, expect, it, vi } from 'vitest';
import { MAX_LOG_MESSAGE, parseLogLine } from '../../app/host/logLine.js';
import type { KeyValueStore } from '../../renderer/host/keyValueStore.js';
import { WEB_LOG_CHARS, WebLog } from '../../renderer/host/webLog.js';
import { LogRecorder } from '../../renderer/state/logRecorder.js';
import { modelChecked, runEnded, runStarted } from '../../renderer/state/logMessages.js';
import { DEFAULT_SETTINGS } from '../../app/index.js';

/** A key–value store as IndexedDB behaves for it (structured clones), which can be told to fail. */
function memoryStore() {
  const values = new Map<string, unknown>();
  let failing = false;
  const store: KeyValueStore = {
    get: async <T>(key: string) => structuredClone(values.get(key)) as T | undefined,
    set: async (key, value) => {
      if (failing) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      values.set(key, structuredClone(value));
    },
    delete: async (key) => void values.delete(key),
  };
  return { store, values, fail: () => (failing = true) };
}

const at = (iso: string) => () => new Date(iso);
const messages = (text: string) => text.split('\n').filter(Boolean).map((l) => parseLogLine(l)!.message);

describe('the web log', () => {
  it('keeps studio lines in the desktop format, and a reload (a new instance on the same storage) reads them', async () => {
    const { store } = memoryStore();
    const log = new WebLog(Promise.resolve(store), at('2026-03-04T05:06:07Z'));
    await log.write('error', '“notes.txt” is not an image\nPastiche can read.');
    await log.write('info', 'Run started');
    const text = await log.read();
    expect(text).toBe('2026-03-04T05:06:07.000Z ERROR [studio] “notes.txt” is not an image\\nPastiche can read.\n2026-03-04T05:06:07.000Z INFO  [studio] Run started\n');

    const reloaded = new WebLog(Promise.resolve(store), at('2026-03-04T06:00:00Z'));
    await reloaded.write('warn', 'after the reload');
    expect(messages(await reloaded.read())).toEqual(['“notes.txt” is not an image\nPastiche can read.', 'Run started', 'after the reload']);
  });

  it('caps each message and the whole log, dropping the oldest lines', async () => {
    const { store, values } = memoryStore();
    const log = new WebLog(Promise.resolve(store));
    await log.write('info', 'y'.repeat(MAX_LOG_MESSAGE + 500));
    expect(messages(await log.read())[0]).toBe(`${'y'.repeat(MAX_LOG_MESSAGE - 1)}…`);
    for (let i = 0; i < 100; i++) await log.write('info', `${i} ${'z'.repeat(3000)}`);
    const text = await log.read();
    expect(text.length).toBeLessThanOrEqual(WEB_LOG_CHARS);
    expect(messages(text).at(-1)).toMatch(/^99 z/);
    expect(messages(text)[0]).toMatch(/^\d+ z/);
    expect(values.get('log')).toBe(text);
  });

  it('keeps the lines in memory when the browser storage refuses them', async () => {
    const { store, fail } = memoryStore();
    const log = new WebLog(Promise.resolve(store));
    await log.write('info', 'stored');
    fail();
    await expect(log.write('error', 'not stored')).resolves.toBeUndefined();
    expect(messages(await log.read())).toEqual(['stored', 'not stored']);
  });
});

describe('the studio log', () => {
  it('sends lines to the host, and a refused line never reaches the caller', async () => {
    const host = { log: vi.fn(async () => undefined), readLogs: vi.fn(async () => 'text'), copyText: vi.fn(async (_text: string) => undefined) };
    const recorder = new LogRecorder(host);
    recorder.warn('w'.repeat(MAX_LOG_MESSAGE + 1));
    expect(host.log).toHaveBeenCalledWith('warn', `${'w'.repeat(MAX_LOG_MESSAGE - 1)}…`);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    host.log.mockRejectedValueOnce(new Error('log: invalid request'));
    expect(() => recorder.error('refused')).not.toThrow();
    await vi.waitFor(() => expect(warn).toHaveBeenCalledWith('pastiche: a log line was refused', expect.any(Error)));
    warn.mockRestore();
    expect(await recorder.read()).toBe('text');
    await recorder.copy('the log');
    expect(host.copyText).toHaveBeenCalledWith('the log');
  });

  it('logs the page’s uncaught errors and unhandled rejections until cleaned up', () => {
    const host = { log: vi.fn(async () => undefined), readLogs: vi.fn(async () => ''), copyText: vi.fn(async (_text: string) => undefined) };
    const page = new EventTarget();
    const stop = new LogRecorder(host).watchPage(page as unknown as Window);
    const error = new Error('boom');
    page.dispatchEvent(Object.assign(new Event('error'), { message: 'boom', filename: 'app://pastiche/assets/index.js', lineno: 3, colno: 9, error }));
    page.dispatchEvent(Object.assign(new Event('unhandledrejection'), { reason: 'no weights' }));
    expect(host.log.mock.calls).toEqual([
      ['error', `Uncaught error: ${error.stack} (app://pastiche/assets/index.js:3:9)`],
      ['error', 'Unhandled promise rejection: no weights'],
    ]);
    stop();
    page.dispatchEvent(Object.assign(new Event('unhandledrejection'), { reason: 'later' }));
    expect(host.log).toHaveBeenCalledTimes(2);
  });

  it('describes a run and the weights with what a bug report needs', () => {
    const settings = { ...DEFAULT_SETTINGS, size: 256, iterations: 40, seed: 7 };
    const backend = { name: 'wasm' as const, reason: 'the only GPU is a software renderer', gpu: 'SwiftShader' };
    const layers = { content: ['relu4_2' as const], style: ['relu1_1' as const, 'relu2_1' as const], styleWeights: [1, 1] };
    expect(runStarted({ purpose: 'render', content: { width: 256, height: 192 }, styles: 2, settings, backend, layers })).toBe(
      'Run started (render): photo 256 × 192 px, 2 styles, size 256 px, 40 iterations, optimizer lbfgs, seed 7, ' +
        'backend wasm (the only GPU is a software renderer; GPU SwiftShader), layers content relu4_2; style relu1_1, relu2_1',
    );
    expect(runStarted({ purpose: 'render', content: { width: 256, height: 192 }, styles: 1, settings, backend: { ...backend, threads: 2 }, layers })).toContain(
      'backend wasm (the only GPU is a software renderer; 2 threads; GPU SwiftShader)',
    );
    const image = { width: 256, height: 192, data: new Uint8ClampedArray(0) };
    expect(runEnded('render', { image, costs: {} as never, iterations: 12, seconds: 3.14159, stopped: true })).toBe(
      'Run stopped (render): 12 iterations in 3.1 s, result 256 × 192 px',
    );
    expect(modelChecked({ state: 'ready', layers: ['conv1_1', 'conv1_2', 'conv3_4'], partial: true, location: '/m/vgg19' }, null)).toBe(
      'Model weights: ready, 3 layers (conv1_1 … conv3_4, partial) at /m/vgg19',
    );
    expect(modelChecked({ state: 'missing', layers: [], partial: false, location: 'http://x/model.json' }, null)).toBe('Model weights: missing at http://x/model.json');
  });
});
