import { Command, Option } from 'commander';
import { MAX_OUTPUT_SIZE } from '../../app/run/settings.js';
import { CliError, EXIT } from './cliError.js';
import type { InspectOptions } from './inspectOptions.js';
import { wholeNumber } from './numberArgs.js';

/** The maps shown without --channels. */
export const DEFAULT_TOP = 16;

const EXTRA_HELP = `
What it writes (--out, a .png file), one of:
  feature maps (the default): the --top channels with the highest mean activation on the image, or the
    --channels given, each with its number and mean activation, in a perceptually uniform colour map
    (viridis; --grey for black to white), every map scaled to the largest value among them;
  --patches CHANNEL: the 9 patches of the image that activate that channel most, each cut at the unit's
    receptive field (its size in px is in the title), in a 3×3 grid;
  --gram: the layer's Gram matrix (channel correlations, normalised by the number of positions) as a
    heatmap, channels ordered by their energy (the Gram diagonal).

The image is prepared as a run prepares the photo: EXIF orientation applied, transparency flattened onto
white, resized (Lanczos) so its longest side is --size, then the network's own preprocessing.

--json prints as the last line on stdout
  {"layer": "relu2_1", "width": W, "height": H, "channels": C, "mean": [C numbers], "max": [C numbers]}
with the size of the layer's activation (W × H × C) and each channel's mean and maximum over it.

Exit codes: 0 done, 1 failure, 2 bad flags, image, layer or channel, 3 model missing or corrupt,
4 output cannot be written.

Examples:
  pastiche inspect --image photo.jpg --layer relu2_1 --out maps.png
  pastiche inspect --image photo.jpg --layer relu3_1 --patches 17 --out patches.png --size 384
  pastiche inspect --image painting.jpg --layer relu1_1 --gram --out gram.png --json`;

/** Checks between flags that commander cannot express. */
function checkFlagCombinations(o: InspectOptions): void {
  if (!o.out && !o.json) throw new CliError('give --out FILE.png for a picture, --json for the numbers, or both', EXIT.input);
  if (o.channels && o.top !== undefined) throw new CliError('--channels and --top cannot be combined: list the channels, or ask for the strongest', EXIT.input);
  if (o.patches !== undefined && o.gram) throw new CliError('--patches and --gram cannot be combined: each writes its own picture', EXIT.input);
  if ((o.patches !== undefined || o.gram) && (o.channels || o.top !== undefined)) {
    throw new CliError(`--channels and --top choose feature maps; they do not apply to ${o.gram ? '--gram' : '--patches'}`, EXIT.input);
  }
}

const channelList = (value: string, previous: number[] | undefined) => [...(previous ?? []), ...value.split(',').map((v) => wholeNumber(0)(v))];

/** Adds `pastiche inspect` to the program. */
export function register(program: Command): void {
  program
    .command('inspect')
    .description("See what the network sees: a layer's feature maps, the image patches a channel responds to most, or its Gram matrix.")
    .requiredOption('--image <file>', 'the image to look at')
    .requiredOption('--layer <name>', 'the layer, e.g. relu2_1 (the model decides which exist)')
    .option('--out <file>', 'where to write the picture (.png)')
    .option('--channels <list>', 'the channels to show, e.g. 0,5,9 (repeatable)', channelList)
    .option('--top <n>', `the n channels with the highest mean activation (default ${DEFAULT_TOP})`, wholeNumber(1, 512))
    .option('--patches <channel>', 'the 9 patches that activate this channel most', wholeNumber(0))
    .option('--gram', "the layer's Gram matrix as a heatmap")
    .option('--grey', 'feature maps in black to white instead of the colour map')
    .option('--size <px>', 'longest side the image is resized to, as a run does', wholeNumber(16, MAX_OUTPUT_SIZE), 256)
    .option('--model <dir>', 'VGG19 weights folder (default: $PASTICHE_MODEL_DIR, then the model store)')
    .addOption(new Option('--backend <name>', 'TensorFlow.js backend').choices(['wasm', 'cpu']).default('wasm'))
    .option('--force', 'replace --out if it exists')
    .option('--json', "print the layer's per-channel mean and max as JSON, the last line on stdout")
    .addHelpText('after', EXTRA_HELP)
    .action(async (options: InspectOptions) => {
      checkFlagCombinations(options);
      const { runInspect } = await import('./runInspect.js');
      await runInspect(options);
    });
}
