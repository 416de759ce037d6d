import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../app/index.js';
import type { RunCheckpoint } from '../../app/host/contract.js';
import { describeCheckpoint } from '../../renderer/state/checkpointDescription.js';

const file = (name: string) => ({ name, bytes: new Uint8Array([1]) });

function checkpoint(styles: string[]): RunCheckpoint {
  return {
    runId: '00000000-0000-4000-8000-000000000001',
    settings: { ...DEFAULT_SETTINGS, iterations: 300 },
    iteration: 120,
    scaleIndex: 2,
    image: new Uint8Array([0x89]),
    inputs: { content: file('Été à Nice.jpg'), styles: styles.map(file), styleWeights: styles.map(() => 1) },
    savedAt: '2026-03-04T17:06:00.000Z',
  };
}

describe('the unfinished-run offer', () => {
  it('names the time, the photo, the style and how far the run got', () => {
    const when = new Date('2026-03-04T17:06:00.000Z').toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
    expect(describeCheckpoint(checkpoint(['wave.png']), 'en-GB')).toBe(
      `An unfinished run from ${when} (Été à Nice.jpg in the style of wave.png, iteration 120 of 300) was found.`,
    );
  });

  it('lists several styles', () => {
    expect(describeCheckpoint(checkpoint(['a.png', 'b.png', 'c.png']), 'en-GB')).toContain('in the style of a.png, b.png and c.png, iteration');
  });
});
