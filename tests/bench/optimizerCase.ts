/**
 * One optimiser on the real weights in its own process, for the Adam vs L-BFGS comparison:
 *   tsx tests/bench/optimizerCase.ts --optimizer lbfgs --size 256 --iterations 80
 * Runs the engine's real StyleTransferRun at one scale (startSize = size) from the photo and prints one JSON
 * line (OptimizerResult): after every iteration, the total cost and the time spent so far (wall and CPU).
 */
import { StyleTransferRun, VggNetwork, loadVggWeights, type OptimizerName } from '../../app/index.js';
import { folderWeightsSource } from '../../main/node/model/folderWeightsSource.js';
import { useBackend } from '../../main/node/tfBackend.js';
import { CONTENT_IMAGE, MODEL_DIR, STYLE_IMAGE, readRgba } from './inputs.js';

export interface OptimizerResult {
  optimizer: OptimizerName;
  size: number;
  width: number;
  height: number;
  /** Total cost after each iteration. */
  costs: number[];
  /** Wall-clock and CPU milliseconds from the start of the first iteration to the end of each. */
  wallMs: number[];
  cpuMs: number[];
}

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : process.argv[i + 1]!;
}

const cpuNow = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

async function main(): Promise<void> {
  const optimizer = arg('optimizer', 'lbfgs') as OptimizerName;
  const size = Number(arg('size', '256'));
  const iterations = Number(arg('iterations', '80'));
  await useBackend('wasm');
  const network = VggNetwork.fromWeights(await loadVggWeights(folderWeightsSource(MODEL_DIR)));
  const inputs = { content: await readRgba(CONTENT_IMAGE), styles: [await readRgba(STYLE_IMAGE)] };
  const run = new StyleTransferRun(network, inputs, { size, startSize: size, iterations, optimizer, previewSeconds: 1e9, init: 'content', seed: 1 });
  const result: OptimizerResult = { optimizer, size, width: run.schedule[0]!.width, height: run.schedule[0]!.height, costs: [], wallMs: [], cpuMs: [] };
  let wall0 = 0;
  let cpu0 = 0;
  run.on('state', (s) => {
    if (s === 'running' && wall0 === 0) {
      wall0 = performance.now();
      cpu0 = cpuNow();
    }
  });
  run.on('progress', (p) => {
    result.costs.push(p.costs.total);
    result.wallMs.push(performance.now() - wall0);
    result.cpuMs.push(cpuNow() - cpu0);
  });
  await run.start();
  network.dispose();
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

await main();
