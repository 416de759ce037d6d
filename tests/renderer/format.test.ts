import { describe, expect, it } from 'vitest';
import { formatBytes, formatDuration, formatRate, layerRange } from '../../renderer/state/format.js';
import { userMessage } from '../../renderer/state/userMessage.js';
import { smallerSize } from '../../renderer/state/smallerSize.js';

describe('read-outs', () => {
  it('formats durations, rates and sizes', () => {
    expect(formatDuration(42.4)).toBe('0:42');
    expect(formatDuration(725)).toBe('12:05');
    expect(formatDuration(3729)).toBe('1:02:09');
    expect(formatDuration(NaN)).toBe('–');
    expect(formatRate(2.44)).toBe('2.4 it/s');
    expect(formatRate(12.4)).toBe('12 it/s');
    expect(formatRate(0.25)).toBe('4.0 s/it');
    expect(formatRate(0)).toBe('–');
    expect(formatBytes(9_300_000)).toBe('9.3 MB');
    expect(formatBytes(80_200_000)).toBe('80 MB');
    expect(formatBytes(512_000)).toBe('512 KB');
  });

  it('shows consecutive layers as a range', () => {
    expect(layerRange(['conv1_1', 'conv1_2', 'conv2_1'])).toBe('conv1_1–conv2_1');
    expect(layerRange(['conv1_1'])).toBe('conv1_1');
    expect(layerRange([])).toBe('none');
  });

  it('keeps messages written for the user and wraps the rest', () => {
    expect(userMessage(new Error('“a.png” is empty.'), 'opening it')).toBe('“a.png” is empty.');
    expect(userMessage(new Error('ENOENT: no such file'), 'opening the image')).toBe('Something went wrong while opening the image: ENOENT: no such file.');
    expect(userMessage(undefined, 'saving')).toBe('Something went wrong while saving.');
  });

  it('offers a smaller size after running out of memory', () => {
    expect(smallerSize(1024)).toBe(768);
    expect(smallerSize(512)).toBe(384);
    expect(smallerSize(70)).toBe(64);
  });
});
