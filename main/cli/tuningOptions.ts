import { Option, type Command } from 'commander';
import { COLOUR_MODES, type ColourMode } from '../../app/colour/colourMode.js';
import type { Pooling } from '../../app/network/pool.js';
import { EDGE_PADDINGS, type EdgePadding } from '../../app/network/edgePadding.js';
import { OPTIMIZERS, type OptimizerName } from '../../app/optim/optimizer.js';
import { DEFAULT_SETTINGS, MAX_OUTPUT_SIZE, type InitMode } from '../../app/run/settings.js';
import { DEFAULT_QUALITY } from '../node/image/encodeImage.js';
import type { NodeBackend } from '../node/tfBackend.js';
import { CliError, EXIT } from './cliError.js';
import { decimal, decimalList, wholeNumber } from './numberArgs.js';

// Listed here rather than imported so that `--help` does not load TensorFlow.js.
const BACKENDS = ['wasm', 'cpu'] as const satisfies readonly NodeBackend[];

/** The flags that shape a run, shared by `pastiche stylize` and `pastiche batch`. */
export interface TuningOptions {
  style: string[];
  size: number;
  iterations: number;
  styleStrength: number;
  seed: number;
  model?: string;
  backend: NodeBackend;
  contentWeight: number;
  smoothness: number;
  init: InitMode;
  optimizer: OptimizerName;
  pooling: Pooling;
  learningRate: number;
  styleScale: number;
  styleWeight?: number[];
  styleLayerWeights?: number[];
  colour: ColourMode;
  startSize: number;
  minImprovement: number;
  edgePadding: EdgePadding;
  quality: number;
  settings?: string;
  force?: boolean;
  json?: boolean;
  quiet?: boolean;
}

const d = DEFAULT_SETTINGS;

/** The starting images a command offers: stylize can also start from a given image, batch cannot. */
export function initOption(choices: readonly InitMode[], description: string): Option {
  return new Option('--init <from>', description).choices(choices).default(d.init);
}

/** Adds the run-shaping flags (after the command's own), each with the engine's default. */
export function addTuningOptions(command: Command, init: Option): Command {
  return command
    .option('--size <px>', `longest side of the output in pixels (16–${MAX_OUTPUT_SIZE})`, wholeNumber(16, MAX_OUTPUT_SIZE), d.size)
    .option('--iterations <n>', 'optimisation steps in total, across all scales', wholeNumber(1, 100_000), d.iterations)
    .option('--style-strength <s>', 'how strongly the style is imposed; 0 keeps the photo', decimal(0), d.styleStrength)
    .option('--seed <n>', 'random seed; the same seed and settings repeat a result', wholeNumber(0, 2 ** 31 - 1), d.seed)
    .option('--model <dir>', 'VGG19 weights folder (default: $PASTICHE_MODEL_DIR, then the model store)')
    .addOption(new Option('--backend <name>', 'TensorFlow.js backend').choices(BACKENDS).default('wasm'))
    .option('--content-weight <w>', "how strongly the photo's structure is kept", decimal(0), d.contentWeight)
    .option('--smoothness <w>', 'total-variation weight: higher is smoother, lower keeps fine texture', decimal(0), d.smoothness)
    .addOption(init)
    .addOption(new Option('--pooling <kind>', 'VGG pooling: max, or avg for softer results').choices(['max', 'avg']).default(d.pooling))
    .addOption(new Option('--optimizer <name>', 'adam (steady, less memory) or lbfgs (fewer iterations for the same result)').choices(OPTIMIZERS).default(d.optimizer))
    .option('--learning-rate <lr>', 'Adam step size on [0, 1] pixels (lbfgs ignores it)', decimal(0, { exclusive: true }), d.learningRate)
    .option('--style-scale <s>', 'size of the style relative to the output: 2 paints larger brush strokes', decimal(0, { exclusive: true }), d.styleScale)
    .option('--style-weight <w>', 'blend weight of each --style, in order; repeat or give a list (2,1) (default: equal)', decimalList(0))
    .option('--style-layer-weights <w>', "weight of each style layer of the model, in order (relu1_1, relu2_1, …): a list such as 1,1,0.5 (default: equal)", decimalList(0))
    .addOption(
      new Option('--colour <mode>', "the result's colours: the painting's (style), the photo's kept afterwards (original), luminance-only transfer (luminance), or the style's colours matched to the photo first (histogram)")
        .choices(COLOUR_MODES)
        .default(d.colour),
    )
    .option('--start-size <px>', 'longest side of the first, coarsest scale', wholeNumber(16, MAX_OUTPUT_SIZE), d.startSize)
    .option('--min-improvement <f>', 'a scale ends once its cost falls by less than this fraction per iteration (at the first scale; finer scales in proportion to their pixels), handing its unused iterations to the finer scales; 0 runs all --iterations', decimal(0), d.minImprovement)
    .addOption(
      new Option('--edge-padding <mode>', "what the network's first layer sees past the picture's edge: zeros (zero), or the edge pixels repeated (replicate, against edge artefacts)")
        .choices(EDGE_PADDINGS)
        .default(d.edgePadding),
    )
    .option('--quality <q>', 'JPEG and WebP quality', wholeNumber(1, 100), DEFAULT_QUALITY)
    .option('--settings <file>', 'start from these settings: a JSON file, or an image exported by Pastiche; flags given override them');
}

/** Checks a flag given once per --style: as many as styles. */
export function checkPerStyle(flag: string, given: readonly unknown[] | undefined, styleCount: number): void {
  if (given && given.length !== styleCount) {
    throw new CliError(`${flag}: ${given.length} given for ${styleCount} style image(s); give one per --style, in the same order`, EXIT.input);
  }
}

/** --style-weight: one per style, not all zero. */
export function checkStyleWeights(o: TuningOptions): void {
  checkPerStyle('--style-weight', o.styleWeight, o.style.length);
  if (o.styleWeight?.every((w) => w === 0)) throw new CliError('--style-weight: at least one weight must be above 0', EXIT.input);
  if (o.styleLayerWeights?.every((w) => w === 0)) throw new CliError('--style-layer-weights: at least one weight must be above 0', EXIT.input);
}
