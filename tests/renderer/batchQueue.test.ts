import { describe, expect, it, vi } from 'vitest';
import type { FolderFile } from '../../app/host/contract.js';
import { DEFAULT_SETTINGS } from '../../app/index.js';
import { RUN_RECORD_APP, type RunRecord } from '../../app/run/runRecord.js';
import { batchResultNames } from '../../renderer/state/batchNames.js';
import { BatchRunner, BatchStopped, type BatchPorts, type PaintOutcome } from '../../renderer/state/batchRunner.js';
import { recordMatches, type BatchSetup } from '../../renderer/state/batchSetup.js';

const setup = (iterations = 20): BatchSetup => ({
  settings: { ...DEFAULT_SETTINGS, size: 64, iterations },
  styles: [],
  styleNames: ['starry_night.jpg'],
  format: 'png',
  quality: 0.92,
});

function recordOf(content: string, s: BatchSetup, stopped = false): RunRecord {
  return {
    app: RUN_RECORD_APP,
    appVersion: '0.1.0',
    settings: s.settings,
    seed: s.settings.seed,
    model: { location: 'm', layers: { content: [], style: [] } },
    inputs: { content, styles: s.styleNames },
    createdAt: '2026-01-01T00:00:00.000Z',
    ...(stopped ? { stopped: true as const } : {}),
  };
}

/**
 * Ports that paint on demand: each paint waits until the test finishes it (or a stop ends it), and the
 * output folder is a Map of names to files.
 */
function harness() {
  const folder = new Map<string, FolderFile>();
  const painting: { name: string; finish: (o: PaintOutcome) => void; fail: (e: Error) => void }[] = [];
  const calls = { pause: 0, resume: 0, stop: 0 };
  let saveError: Error | null = null;
  const ports: BatchPorts = {
    paint: (_id, _setup, name) =>
      new Promise<PaintOutcome>((finish, fail) => {
        painting.push({ name, finish, fail });
      }),
    pause: () => void calls.pause++,
    resume: () => void calls.resume++,
    stop: () => {
      calls.stop++;
      painting.at(-1)?.finish({ kind: 'stopped' });
    },
    existing: async (name) => folder.get(name) ?? { exists: false },
    save: async (name, bytes) => {
      if (saveError) throw saveError;
      if (folder.has(name)) return { saved: false, reason: 'exists' };
      folder.set(name, { exists: true, record: null });
      return { saved: true, displayPath: `out/${name} (${bytes.length} bytes)` };
    },
    changed: () => {},
  };
  const runner = new BatchRunner(ports);
  /** Waits for the runner to ask for the n-th painting (1-based) and returns it. */
  const nthPaint = async (n: number) => {
    await vi.waitFor(() => expect(painting.length).toBeGreaterThanOrEqual(n));
    return painting[n - 1]!;
  };
  const statuses = () => runner.items.map((i) => i.status);
  return { runner, folder, painting, calls, nthPaint, statuses, failSaves: (e: Error) => (saveError = e) };
}

const painted = (n: number): PaintOutcome => ({ kind: 'painted', bytes: new Uint8Array(n) });

describe('batch result names', () => {
  it('are <photo>-<style>.<ext> as the CLI names them, keeping the extension of photos that share a name', () => {
    expect(batchResultNames(['chelsea.jpg', 'IMG 2.jpeg'], ['starry_night.jpg'], 'png')).toEqual(['chelsea-starry_night.png', 'IMG 2-starry_night.png']);
    expect(batchResultNames(['a.jpg', 'a.PNG', 'b.webp'], ['wave.jpg', 'scream.png'], 'jpeg')).toEqual(['a-jpg-wave+scream.jpg', 'a-png-wave+scream.jpg', 'b-wave+scream.jpg']);
    expect(batchResultNames(['..hidden.jpg', 'a:b.jpg', 'noext'], ['s.png'], 'webp')).toEqual(['hidden-s.webp', 'a-b-s.webp', 'noext-s.webp']);
    expect(batchResultNames([`${'x'.repeat(300)}.jpg`], ['s.png'], 'png')[0]).toBe(`${'x'.repeat(80)}-s.png`);
  });
});

describe('the batch queue', () => {
  it('paints the photos in order; a failing photo is reported and the rest continue', async () => {
    const h = harness();
    h.runner.add(['a.jpg', 'notes.jpg', 'b.jpg']);
    expect(h.statuses()).toEqual(['waiting', 'waiting', 'waiting']);
    const done = h.runner.run(setup());
    (await h.nthPaint(1)).finish(painted(3));
    const second = await h.nthPaint(2);
    expect(h.statuses()).toEqual(['done', 'painting', 'waiting']);
    second.fail(new Error('“notes.jpg” is not an image Pastiche can read.'));
    (await h.nthPaint(3)).finish(painted(5));
    await done;
    expect(h.statuses()).toEqual(['done', 'failed', 'done']);
    expect(h.runner.items.map((i) => i.detail)).toEqual([
      'Saved as “out/a-starry_night.png (3 bytes)”.',
      '“notes.jpg” is not an image Pastiche can read.',
      'Saved as “out/b-starry_night.png (5 bytes)”.',
    ]);
    expect(h.painting.map((p) => p.name)).toEqual(['a-starry_night.png', 'notes-starry_night.png', 'b-starry_night.png']);
    expect([...h.folder.keys()]).toEqual(['a-starry_night.png', 'b-starry_night.png']);
    expect(h.runner.running).toBe(false);
  });

  it('started again, skips the photos already done with the same setup and retries the failed one', async () => {
    const h = harness();
    h.runner.add(['a.jpg', 'notes.jpg']);
    const first = h.runner.run(setup());
    (await h.nthPaint(1)).finish(painted(1));
    (await h.nthPaint(2)).fail(new Error('not an image'));
    await first;

    const again = h.runner.run(setup());
    (await h.nthPaint(3)).fail(new Error('still not an image'));
    await again;
    expect(h.painting.map((p) => p.name)).toEqual(['a-starry_night.png', 'notes-starry_night.png', 'notes-starry_night.png']);
    expect(h.statuses()).toEqual(['skipped', 'failed']);
    expect(h.runner.items[0]!.detail).toBe('Already done with these settings.');

    // Other settings: the done photo is due again, but its earlier result in the folder is never replaced.
    const changed = h.runner.run(setup(40));
    (await h.nthPaint(4)).fail(new Error('not an image'));
    await changed;
    expect(h.painting.map((p) => p.name)).toHaveLength(4);
    expect(h.runner.items[0]).toMatchObject({ status: 'failed', detail: '“a-starry_night.png” is already in the folder and was made otherwise (or not by Pastiche); it was left alone.' });
  });

  it('skips a photo whose finished result with the same setup is already in the folder', async () => {
    const h = harness();
    const s = setup();
    h.folder.set('a-starry_night.png', { exists: true, record: recordOf('a.jpg', s) });
    h.folder.set('b-starry_night.png', { exists: true, record: recordOf('b.jpg', s, true) });
    h.runner.add(['a.jpg', 'b.jpg']);
    await h.runner.run(s);
    expect(h.painting).toHaveLength(0);
    expect(h.runner.items.map((i) => [i.status, i.detail])).toEqual([
      ['skipped', 'Already done: “a-starry_night.png” is in the folder.'],
      ['failed', '“b-starry_night.png” is already in the folder and was made otherwise (or not by Pastiche); it was left alone.'],
    ]);
  });

  it('Skip stops the current photo without keeping it and goes on with the next', async () => {
    const h = harness();
    h.runner.add(['a.jpg', 'b.jpg']);
    const done = h.runner.run(setup());
    await h.nthPaint(1);
    h.runner.skip();
    (await h.nthPaint(2)).finish(painted(2));
    await done;
    expect(h.calls.stop).toBe(1);
    expect(h.runner.items.map((i) => [i.status, i.detail])).toEqual([
      ['skipped', 'Skipped by you; nothing was kept.'],
      ['done', 'Saved as “out/b-starry_night.png (2 bytes)”.'],
    ]);
    expect([...h.folder.keys()]).toEqual(['b-starry_night.png']);
  });

  it('Cancel keeps nothing more: the current photo is dropped, the rest wait, finished results stay', async () => {
    const h = harness();
    h.runner.add(['a.jpg', 'b.jpg', 'c.jpg']);
    const done = h.runner.run(setup());
    (await h.nthPaint(1)).finish(painted(1));
    await h.nthPaint(2);
    h.runner.cancel();
    await done;
    expect(h.statuses()).toEqual(['done', 'cancelled', 'waiting']);
    expect(h.painting).toHaveLength(2);
    expect([...h.folder.keys()]).toEqual(['a-starry_night.png']);
    expect(h.runner.running).toBe(false);
  });

  it('Pause pauses the current photo and starts no other until Resume', async () => {
    const h = harness();
    h.runner.add(['a.jpg', 'b.jpg']);
    const done = h.runner.run(setup());
    const first = await h.nthPaint(1);
    h.runner.pause();
    expect([h.calls.pause, h.runner.paused]).toEqual([1, true]);
    first.finish(painted(1));
    await vi.waitFor(() => expect(h.runner.items[0]!.status).toBe('done'));
    for (let i = 0; i < 20; i++) await Promise.resolve();
    expect(h.painting).toHaveLength(1);
    expect(h.runner.items[1]!.status).toBe('waiting');
    h.runner.resume();
    expect(h.calls.resume).toBe(1);
    (await h.nthPaint(2)).finish(painted(1));
    await done;
    expect(h.statuses()).toEqual(['done', 'done']);
  });

  it('ends the batch when a result cannot be written, since every later photo would meet the same', async () => {
    const h = harness();
    h.runner.add(['a.jpg', 'b.jpg']);
    h.failSaves(new Error('cannot write out/a-starry_night.png: the disk is full'));
    const done = h.runner.run(setup());
    (await h.nthPaint(1)).finish(painted(1));
    await done;
    expect(h.statuses()).toEqual(['failed', 'waiting']);
    expect(h.runner.ended).toBe('The batch stopped because a result could not be saved: cannot write out/a-starry_night.png: the disk is full');
    expect(h.painting).toHaveLength(1);
  });

  it('an engine that is gone ends the batch with its reason', async () => {
    const h = harness();
    h.runner.add(['a.jpg', 'b.jpg']);
    const done = h.runner.run(setup());
    (await h.nthPaint(1)).fail(new BatchStopped('The engine could not restart.'));
    await done;
    expect(h.runner.items.map((i) => [i.status, i.detail])).toEqual([
      ['failed', 'The engine could not restart.'],
      ['waiting', ''],
    ]);
    expect(h.runner.ended).toBe('The engine could not restart.');
  });
});

describe('a result record matches the batch', () => {
  it('when settings and inputs are the same, whatever the key order, and it was finished', () => {
    const s = setup();
    const reordered = Object.fromEntries(Object.entries(s.settings).reverse()) as typeof s.settings;
    expect(recordMatches({ ...recordOf('a.jpg', s), settings: reordered }, s.settings, { content: 'a.jpg', styles: ['starry_night.jpg'] })).toBe(true);
    expect(recordMatches(recordOf('a.jpg', s), { ...s.settings, seed: 1 }, { content: 'a.jpg', styles: ['starry_night.jpg'] })).toBe(false);
    expect(recordMatches(recordOf('a.jpg', s), s.settings, { content: 'b.jpg', styles: ['starry_night.jpg'] })).toBe(false);
    expect(recordMatches(recordOf('a.jpg', s), s.settings, { content: 'a.jpg', styles: ['wave.jpg'] })).toBe(false);
    expect(recordMatches(recordOf('a.jpg', s, true), s.settings, { content: 'a.jpg', styles: ['starry_night.jpg'] })).toBe(false);
  });
});
