import { Command, Option } from 'commander';
import { COLOUR_MODES } from '../../app/colour/colourMode.js';
import { OPTIMIZERS } from '../../app/optim/optimizer.js';
import { DEFAULT_SETTINGS } from '../../app/run/settings.js';
import { DEFAULT_QUALITY } from '../node/image/encodeImage.js';
import { MAX_INPUT_PIXELS } from '../node/image/decodeImage.js';
import type { NodeBackend } from '../node/tfBackend.js';
import { CliError, EXIT } from './cliError.js';
import { collect, decimal, decimalList, wholeNumber } from './numberArgs.js';
import type { StylizeOptions } from './stylizeOptions.js';

/** Largest output: beyond this a run needs more memory than the wasm backend can address. */
export const MAX_SIZE = 4096;

// Listed here rather than imported so that `--help` does not load TensorFlow.js.
const BACKENDS = ['wasm', 'cpu'] as const satisfies readonly NodeBackend[];

const d = DEFAULT_SETTINGS;

const EXTRA_HELP = `
Images: JPEG, PNG, WebP (also GIF, TIFF, AVIF) up to ${MAX_INPUT_PIXELS / 1e6} megapixels. EXIF orientation
is applied; transparency is flattened onto white. The output type follows the extension of --out
(.png, .jpg, .jpeg, .webp). An existing --out file is kept unless --force is given.

Model: --model DIR, else $PASTICHE_MODEL_DIR, else the model store in the user data folder. DIR
holds model.json and its weight shards (a prefix of VGG19), or is a store holding vgg19/.

Progress goes to stderr: a bar on a terminal, otherwise a line per 10% of the run. --json prints
a summary (costs, iterations, seconds, layers used) as the last line on stdout. Ctrl-C stops the
run and writes the best image so far.

Exit codes: 0 done, 1 failure, 2 bad flags or input image, 3 model missing or corrupt,
4 output cannot be written, 130 interrupted.

Example:
  pastiche stylize --content photo.jpg --style starry_night.jpg --out painted.png --size 512`;

/** Checks between flags that commander cannot express. */
function checkFlagCombinations(o: StylizeOptions): void {
  const perStyle = (flag: string, given: unknown[] | undefined) => {
    if (given && given.length !== o.style.length) {
      throw new CliError(`${flag}: ${given.length} given for ${o.style.length} style image(s); give one per --style, in the same order`, EXIT.input);
    }
  };
  perStyle('--style-weight', o.styleWeight);
  perStyle('--style-mask', o.styleMask);
  if (o.styleWeight?.every((w) => w === 0)) throw new CliError('--style-weight: at least one weight must be above 0', EXIT.input);
  if (o.init === 'image' && !o.initImage) throw new CliError('--init image needs --init-image FILE', EXIT.input);
  if (o.initImage && o.init !== 'image') throw new CliError(`--init-image cannot be combined with --init ${o.init}`, EXIT.input);
}

/** Adds `pastiche stylize` to the program. */
export function register(program: Command): void {
  program
    .command('stylize')
    .description('Repaint a photo in the style of one or more paintings and write the result.')
    .requiredOption('--content <photo>', 'the photo to restyle')
    .requiredOption('--style <painting>', 'a style image; repeat to blend several styles', collect)
    .requiredOption('--out <file>', 'where to write the result (.png, .jpg, .jpeg, .webp)')
    .option('--size <px>', `longest side of the output in pixels (16–${MAX_SIZE})`, wholeNumber(16, MAX_SIZE), d.size)
    .option('--iterations <n>', 'optimisation steps in total, across all scales', wholeNumber(1, 100_000), d.iterations)
    .option('--style-strength <s>', 'how strongly the style is imposed; 0 keeps the photo', decimal(0), d.styleStrength)
    .option('--seed <n>', 'random seed; the same seed and settings repeat a result', wholeNumber(0, 2 ** 31 - 1), d.seed)
    .option('--model <dir>', 'VGG19 weights folder (default: $PASTICHE_MODEL_DIR, then the model store)')
    .addOption(new Option('--backend <name>', 'TensorFlow.js backend').choices(BACKENDS).default('wasm'))
    .option('--content-weight <w>', "how strongly the photo's structure is kept", decimal(0), d.contentWeight)
    .option('--smoothness <w>', 'total-variation weight: higher is smoother, lower keeps fine texture', decimal(0), d.smoothness)
    .addOption(new Option('--init <from>', 'starting image: the photo, random noise, or the --init-image').choices(['content', 'noise', 'image']).default(d.init))
    .addOption(new Option('--init-image <file>', 'start from this image, e.g. an earlier result (implies --init image)').implies({ init: 'image' }))
    .addOption(new Option('--pooling <kind>', 'VGG pooling: max, or avg for softer results').choices(['max', 'avg']).default(d.pooling))
    .addOption(new Option('--optimizer <name>', 'adam (steady, less memory) or lbfgs (fewer iterations for the same result)').choices(OPTIMIZERS).default(d.optimizer))
    .option('--learning-rate <lr>', 'Adam step size on [0, 1] pixels (lbfgs ignores it)', decimal(0, { exclusive: true }), d.learningRate)
    .option('--style-scale <s>', 'size of the style relative to the output: 2 paints larger brush strokes', decimal(0, { exclusive: true }), d.styleScale)
    .option('--style-weight <w>', 'blend weight of each --style, in order; repeat or give a list (2,1) (default: equal)', decimalList(0))
    .option('--keep-mask <file>', "white where the photo must stay untouched, black elsewhere (the photo's proportions)")
    .option('--style-mask <file>', 'where each --style applies (white), in order; repeat once per --style', collect)
    .addOption(
      new Option('--colour <mode>', "the result's colours: the painting's (style), the photo's kept afterwards (original), luminance-only transfer (luminance), or the style's colours matched to the photo first (histogram)")
        .choices(COLOUR_MODES)
        .default(d.colour),
    )
    .option('--start-size <px>', 'longest side of the first, coarsest scale', wholeNumber(16, MAX_SIZE), d.startSize)
    .option('--quality <q>', 'JPEG and WebP quality', wholeNumber(1, 100), DEFAULT_QUALITY)
    .option('--force', 'replace --out if it exists')
    .option('--json', 'print a JSON summary as the last line on stdout')
    .option('--quiet', 'no progress or messages, only errors')
    .addHelpText('after', EXTRA_HELP)
    .action(async (options: StylizeOptions) => {
      checkFlagCombinations(options);
      const { runStylize } = await import('./runStylize.js');
      await runStylize(options);
    });
}
