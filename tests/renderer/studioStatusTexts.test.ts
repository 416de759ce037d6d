import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../app/index.js';
import { relativeTime } from '../../renderer/state/format.js';
import { historyDifference } from '../../renderer/state/historyDifference.js';
import { partialWeightsNote } from '../../renderer/state/partialWeights.js';
import { iterationCount, iterationsDone, runHeadline, type RunView } from '../../renderer/state/runStatus.js';

const progress = (iteration: number, totalIterations: number) => ({ iteration, totalIterations, scaleIndex: 1, scaleCount: 2, width: 128, height: 85 });
const view = (v: Partial<RunView>): RunView => ({ phase: 'idle', purpose: 'render', progress: null, summary: null, iterationOffset: 0, failure: null, idleHint: null, ...v });

describe('the run bar’s texts', () => {
  it('counts a resumed run from its checkpoint in the headline and the counter alike', () => {
    // Resumed at iteration 20 of 60: the engine ran 40 more; its progress already counts on from 20.
    const finished = view({ phase: 'done', progress: progress(60, 60), summary: { iterations: 40, seconds: 75 }, iterationOffset: 20 });
    expect(runHeadline(finished)).toBe('Finished 60 iterations in 1:15');
    expect(iterationCount(finished, 500)).toEqual({ done: 60, total: 60 });
    const stopped = view({ phase: 'stopped', progress: progress(35, 60), summary: { iterations: 15, seconds: 20 }, iterationOffset: 20 });
    expect(runHeadline(stopped)).toBe('Stopped at iteration 35; the picture so far is kept');
    expect(iterationsDone(stopped)).toBe(35);
  });

  it('says the paused iteration the counter shows', () => {
    const paused = view({ phase: 'paused', progress: progress(12, 40) });
    expect(runHeadline(paused)).toBe('Paused at iteration 12');
    expect(iterationCount(paused, 500)).toEqual({ done: 12, total: 40 });
  });

  it('shows no count while a run prepares, and the planned count when idle', () => {
    expect(iterationCount(view({ phase: 'running', purpose: 'upscale' }), 40)).toBeNull();
    expect(runHeadline(view({ phase: 'running', purpose: 'upscale' }))).toBe('Upscaling for export · preparing the style targets…');
    expect(iterationCount(view({ phase: 'idle' }), 40)).toEqual({ done: 0, total: 40 });
    expect(runHeadline(view({ phase: 'idle', idleHint: 'Checking the model weights…' }))).toBe('Checking the model weights…');
    expect(runHeadline(view({ phase: 'idle' }))).toBe('Ready to start');
  });

  it('says an upscale finished without an iteration count of the render', () => {
    expect(runHeadline(view({ phase: 'done', purpose: 'upscale', progress: progress(20, 20), summary: { iterations: 20, seconds: 9 } }))).toBe('Upscaled for export in 0:09');
  });
});

describe('the model popover’s note on partial weights', () => {
  it('names the real last layer and the layers the engine uses', () => {
    const layers = ['conv1_1', 'conv1_2', 'conv2_1', 'conv2_2', 'conv3_1', 'conv3_2', 'conv3_3', 'conv3_4'];
    const note = partialWeightsNote(layers, { style: ['relu1_1', 'relu2_1', 'relu3_1'], content: ['relu3_2'] });
    expect(note).toBe(
      'These weights end at conv3_4 (the full network goes on to conv5_4): the style is read at relu1_1, relu2_1 and relu3_1, without relu4_1 and relu5_1, and the content at relu3_2 instead of relu4_2. Results are still good; the largest brush patterns are a little less pronounced.',
    );
    expect(partialWeightsNote([...layers, 'conv4_1', 'conv4_2'], { style: ['relu1_1', 'relu2_1', 'relu3_1', 'relu4_1'], content: ['relu4_2'] })).toMatch(
      /^These weights end at conv4_2 \(the full network goes on to conv5_4\): the style is read at relu1_1, relu2_1, relu3_1 and relu4_1, without relu5_1\. /,
    );
    expect(partialWeightsNote(layers, null)).toBe('These weights end at conv3_4 (the full network goes on to conv5_4), so the deepest layers are not used.');
  });
});

describe('history entries', () => {
  const entry = (over: Partial<typeof DEFAULT_SETTINGS>, styleNames = ['starry.jpg', 'wave.jpg'], contentName = 'cat.jpg') => ({
    contentName,
    styleNames,
    settings: { ...DEFAULT_SETTINGS, ...over },
  });

  it('say what differs from the run before', () => {
    expect(historyDifference(entry({ iterations: 3, seed: 12345 }), entry({ iterations: 3000 }))).toEqual(['3 iterations (was 3000)', 'seed 12345 (was 0)']);
    expect(historyDifference(entry({ styleBlend: [1, 0.5] }), entry({}))).toEqual(['blend 67/33 (was 50/50)']);
    expect(historyDifference(entry({}, ['starry.jpg']), entry({}))).toEqual(['styles starry.jpg']);
    expect(historyDifference(entry({ styleStrength: 1.5, colour: 'luminance' }, undefined, 'dog.jpg'), entry({}))).toEqual([
      'photo dog.jpg',
      'style strength 1.5 (was 1)',
      'brushwork only (was painting’s colours)',
    ]);
    expect(historyDifference(entry({ edgePadding: 'replicate' }), entry({}))).toEqual(['edges extended']);
    expect(historyDifference(entry({}), entry({ edgePadding: 'replicate' }))).toEqual(['plain edges']);
    expect(historyDifference(entry({}), entry({}))).toEqual([]);
  });

  it('tell their age in words', () => {
    const now = new Date(2026, 11, 1, 15, 0, 0).getTime();
    const ago = (s: number) => new Date(now - s * 1000).toISOString();
    expect(relativeTime(ago(10), now)).toBe('just now');
    expect(relativeTime(ago(60), now)).toBe('1 min ago');
    expect(relativeTime(ago(25 * 60), now)).toBe('25 min ago');
    expect(relativeTime(ago(5 * 3600), now)).toBe('5 h ago');
    expect(relativeTime(ago(20 * 3600), now)).toBe('yesterday');
    expect(relativeTime(ago(40 * 3600), now)).toBe(new Date(now - 40 * 3600 * 1000).toLocaleDateString(undefined, { dateStyle: 'medium' }));
  });
});
