import { describe, expect, it } from 'vitest';
import { WorkerPool, type PaintJob } from '../../main/cli/batchPool.js';
import type { ItemReport } from '../../main/cli/batchSummary.js';
import { EXIT } from '../../main/cli/cliError.js';
import { startWorker } from '../../main/node/worker/startWorker.js';

// The pool that spreads a batch's photos over worker threads, with a stand-in worker (tests/fixtures/
// batchWorkerStandIn.ts) whose photos' names say what happens to them: real threads, real deaths.

const STAND_IN = new URL('../fixtures/batchWorkerStandIn.ts', import.meta.url);
const spawn = () => startWorker(STAND_IN, { resourceLimits: { maxOldGenerationSizeMb: 48 } });
const jobs = (...names: string[]): PaintJob[] => names.map((name, index) => ({ index, item: { name, input: `in/${name}`, output: `out/${name}` }, overwrite: false }));

function pool(size: number) {
  const started: number[] = [];
  const shown: [number, ItemReport, boolean][] = [];
  const p = new WorkerPool(spawn, size, { start: (job) => started.push(job.index), progress() {}, report: (i, r, ends) => shown.push([i, r, ends]) });
  return { p, started, shown };
}

const statuses = (reports: Map<number, ItemReport>) => [...reports.entries()].sort(([a], [b]) => a - b).map(([i, r]) => [i, r.status, r.message]);

describe('the batch worker pool', () => {
  it('fails a photo whose worker dies (out of memory, exit, crash) with a message, and paints the rest on fresh workers', async () => {
    const { p, started } = pool(2);
    const { reports, fatal } = await p.run(jobs('a', 'oom', 'b', 'exit', 'crash', 'c'));
    expect(fatal).toBeUndefined();
    expect(started.sort()).toEqual([0, 1, 2, 3, 4, 5]);
    expect(statuses(reports)).toEqual([
      [0, 'done', undefined],
      [1, 'failed', expect.stringMatching(/^the worker thread painting it stopped: .*out of memory/)],
      [2, 'done', undefined],
      [3, 'failed', 'the worker thread painting it ended unexpectedly (exit code 7)'],
      [4, 'failed', 'the worker thread painting it stopped: the stand-in crashed'],
      [5, 'done', undefined],
    ]);
  }, 60_000);

  it('ends the batch on an output problem: the running photo stops, no other starts, and the problem is reported once, at the end', async () => {
    const { p, started, shown } = pool(2);
    const { reports, fatal } = await p.run(jobs('slow', 'full', 'a', 'b'));
    expect(fatal?.message).toBe('cannot write out/full: no space left');
    expect(fatal?.exitCode).toBe(EXIT.output);
    expect(started).toEqual([0, 1]);
    expect(statuses(reports)).toEqual([
      [0, 'stopped', undefined],
      [1, 'failed', 'cannot write out/full: no space left'],
    ]);
    expect(shown.map(([i, , ends]) => [i, ends]).sort()).toEqual([
      [0, false],
      [1, true],
    ]);
  }, 60_000);

  it('stops every running photo on stop() (Ctrl-C) and starts no other', async () => {
    const { p, started } = pool(2);
    const outcome = p.run(jobs('slow', 'slow', 'a'));
    p.stop();
    const { reports, fatal } = await outcome;
    expect(fatal).toBeUndefined();
    expect(started).toEqual([0, 1]);
    expect(statuses(reports)).toEqual([
      [0, 'stopped', undefined],
      [1, 'stopped', undefined],
    ]);
  }, 60_000);
});
